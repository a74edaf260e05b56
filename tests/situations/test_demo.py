import pytest
from django.core.management import call_command
from django.test import override_settings

from municipalities.models import Municipality
from situations import selectors
from situations.models import (
    Assessment,
    Guidelines,
    MeetingKind,
    PeriodStatus,
    Problem,
    ReportingPeriod,
    SituationReport,
)

pytestmark = pytest.mark.django_db


def counts():
    return (
        ReportingPeriod.objects.count(),
        SituationReport.objects.count(),
        Assessment.objects.count(),
        Problem.objects.count(),
        Guidelines.objects.count(),
    )


@override_settings(DEBUG=True)
def test_the_demo_follows_fagerstas_2021_and_loads_idempotently():
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    fagersta = Municipality.objects.get(slug="fagersta")
    year = selectors.meeting_counts(municipality=fagersta)[-1]
    assert (year["year"], year[MeetingKind.EST], year[MeetingKind.COUNCIL]) == (2021, 21, 6)
    assert (
        ReportingPeriod.objects.for_municipality(fagersta).filter(starts_on__year=2021).count()
        == 26
    )
    assert Problem.objects.for_municipality(fagersta).count() >= 3
    assert all("exempeldata" in p.description for p in Problem.objects.all())
    # EST is "Effektiv samverkan för trygghet", as in the annual report, everywhere.
    guidelines = " ".join(g.mission for g in Guidelines.objects.all())
    assert "Effektiv samverkan för trygghet" in guidelines
    assert "Effektiv samordning" not in guidelines


@override_settings(DEBUG=True)
def test_narcotics_and_violence_stand_out_in_the_demo():
    call_command("load_demo")
    fagersta = Municipality.objects.get(slug="fagersta")
    share = {
        area.code: values[0]
        for area, values in selectors.green_share_by_year(fagersta, [2021]).rows
    }
    assert share["unga-skola-andt"] < share["ordning-otrygghet"]
    assert share["hot-vald"] < share["ordning-otrygghet"]


@override_settings(DEBUG=True)
def test_both_demo_municipalities_have_an_open_current_period():
    call_command("load_demo")
    for municipality in Municipality.objects.all():
        period = selectors.current_period(municipality=municipality)
        assert period is not None
        assert period.status == PeriodStatus.OPEN
    hagfors = Municipality.objects.get(slug="hagfors")
    assert SituationReport.objects.for_municipality(hagfors).count() > 5
