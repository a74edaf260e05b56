"""`generate_load_data`: a small, deterministic history whose pages answer."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from benchmarks import loaddata
from measures.models import Measure
from municipalities.models import Membership, Municipality, Organisation, Role
from promises.models import Commitment, Promise
from situations.models import Assessment, CompiledPicture, ReportingPeriod, SituationReport
from surveys.models import Answer, Finding, IndicatorValue, Response

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture
def generated(db):
    return loaddata.generate(municipalities=2, years=1, seed=7, today=TODAY)


def test_it_generates_a_report_from_every_organisation_every_period(generated):
    assert generated.slugs == ["last-01", "last-02"]
    for slug in generated.slugs:
        municipality = Municipality.objects.get(slug=slug)
        periods = ReportingPeriod.objects.for_municipality(municipality)
        organisations = Organisation.objects.for_municipality(municipality).count()
        assert 26 <= periods.count() <= 28  # biweekly over one year
        assert periods.filter(status="open").count() == 1
        assert SituationReport.objects.for_municipality(municipality).count() == (
            periods.count() * organisations
        )
        assert CompiledPicture.objects.for_municipality(municipality).count() == (
            periods.count() - 1
        )
    assert Assessment.objects.count() == SituationReport.objects.count() * 5
    assert generated.counts["situations.Assessment"] == Assessment.objects.count()


def test_it_generates_every_other_kind_of_history(generated):
    assert Promise.objects.count() >= 2 * 4
    assert Commitment.objects.count() >= 3 * Promise.objects.count()
    assert Promise.objects.filter(status="active").count() == 2
    assert Measure.objects.count() >= 2
    assert Finding.objects.count() >= 2 * 3
    assert Response.objects.count() == 40 * 2
    assert Answer.objects.count() >= 3 * Response.objects.count()
    assert IndicatorValue.objects.count() > 0
    assert generated.counts["measures.Measure"] == Measure.objects.count()


def test_it_creates_members_of_every_role(generated):
    municipality = Municipality.objects.get(slug="last-01")
    roles = Membership.objects.for_municipality(municipality).values_list("role", flat=True)
    assert {Role.COORDINATOR, Role.COUNCIL, Role.POLITICIAN, Role.REPORTER} <= set(roles)
    assert list(roles).count(Role.REPORTER) == (
        Organisation.objects.for_municipality(municipality).count()
    )


def test_it_respects_the_model_invariants(generated):
    municipality = Municipality.objects.get(slug="last-02")
    samples = [
        ReportingPeriod.objects.for_municipality(municipality).first(),
        SituationReport.objects.for_municipality(municipality).first(),
        Promise.objects.for_municipality(municipality).first(),
        Commitment.objects.for_municipality(municipality).first(),
        Measure.objects.for_municipality(municipality).first(),
        Finding.objects.for_municipality(municipality).first(),
    ]
    for sample in samples:
        sample.full_clean()


def test_it_is_deterministic(db):
    first = loaddata.generate(municipalities=1, years=1, seed=3, today=TODAY)
    statuses = list(Assessment.objects.order_by("pk").values_list("status", "trend", "text"))
    Municipality.objects.all().delete()
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(username__startswith="last-").delete()
    second = loaddata.generate(municipalities=1, years=1, seed=3, today=TODAY)
    assert second.counts == first.counts
    assert list(Assessment.objects.order_by("pk").values_list("status", "trend", "text")) == (
        statuses
    )


def test_main_pages_of_a_generated_municipality_answer(generated, client):
    from benchmarks.targets import dashboard_path

    municipality = Municipality.objects.get(slug="last-01")
    coordinator = Membership.objects.get(municipality=municipality, role=Role.COORDINATOR).user
    reporter = (
        Membership.objects.filter(municipality=municipality, role=Role.REPORTER)
        .select_related("user")
        .first()
    )
    period = ReportingPeriod.objects.for_municipality(municipality).get(status="open")
    slug = municipality.slug
    client.force_login(coordinator)
    for path in [
        dashboard_path(slug)[1],
        reverse("situations:index", args=[slug]),
        reverse("situations:heat_map", args=[slug]),
        reverse("situations:problem_list", args=[slug]),
        reverse("situations:meeting_list", args=[slug]),
        reverse("promises:list", args=[slug]),
        reverse("measures:measure_list", args=[slug]),
        reverse("surveys:walk_list", args=[slug]),
        reverse("surveys:finding_list", args=[slug]),
        reverse("surveys:survey_list", args=[slug]),
        reverse("surveys:series_list", args=[slug]),
    ]:
        assert client.get(path).status_code == 200, path
    client.force_login(reporter.user)
    form = reverse("situations:report", args=[slug, period.pk, reporter.organisation_id])
    assert client.get(form).status_code == 200
    client.logout()
    assert client.get(reverse("promises_public:index", args=[slug])).status_code == 200
    assert client.get(reverse("measures_public:measure_list", args=[slug])).status_code == 200


def test_command_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("generate_load_data", municipalities=1, years=1)


def test_command_generates_with_force(db, capsys):
    call_command("generate_load_data", municipalities=1, years=1, force=True)
    assert Municipality.objects.filter(slug="last-01").exists()
    assert "Done in" in capsys.readouterr().out
    with pytest.raises(CommandError, match="already exists"):
        call_command("generate_load_data", municipalities=1, years=1, force=True)
