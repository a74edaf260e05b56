import datetime

import pytest
from django.utils import timezone

from municipalities.models import Area
from situations.models import ReportingPeriod

from .factories import PeriodFactory


@pytest.fixture
def areas(db):
    return list(Area.objects.national())


@pytest.fixture
def period(municipality):
    """The open period of Fagersta that today falls in."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=today.weekday())
    return PeriodFactory(
        municipality=municipality,
        starts_on=start,
        ends_on=start + datetime.timedelta(days=13),
        deadline=start + datetime.timedelta(days=10),
    )


@pytest.fixture
def previous_period(period):
    return PeriodFactory(
        municipality=period.municipality,
        starts_on=period.starts_on - datetime.timedelta(days=14),
        ends_on=period.starts_on - datetime.timedelta(days=1),
        deadline=period.starts_on - datetime.timedelta(days=4),
        status="closed",
    )


@pytest.fixture
def foreign_period(other_municipality):
    return PeriodFactory(municipality=other_municipality)


def report_data(areas, *, version=0, submit=True, changes=None):
    """POST data for the report form: every area green and unchanged unless overridden.

    Changes are keyed by area index: {0: {"text": "...", "status": "red"}}."""
    data = {"version": version}
    for index, area in enumerate(areas):
        values = {"status": "green", "trend": "same", "text": "", "when": ""}
        values.update((changes or {}).get(index, {}))
        for key, value in values.items():
            data[f"area-{area.pk}-{key}"] = value
    if submit:
        data["submit"] = "1"
    else:
        data["draft"] = "1"
    return data


def reporting_period_count(municipality) -> int:
    return ReportingPeriod.objects.for_municipality(municipality).count()
