import datetime

import pytest
from django.urls import reverse

from situations import selectors, services, tasks
from situations.models import PeriodStatus, ReportingPeriod, ReportingSchedule
from tests.factories import MunicipalityFactory

from .factories import PeriodFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_default_schedule_is_every_other_week_from_a_monday(municipality):
    schedule = selectors.schedule_for(municipality=municipality)
    start, end = schedule.period_containing(datetime.date(2021, 1, 20))
    assert start == datetime.date(2021, 1, 18)
    assert start.weekday() == 0
    assert (end - start).days == 13
    assert schedule.deadline_for(start) == datetime.date(2021, 1, 28)  # Thursday, week 2


def test_rhythm_holds_across_a_year_with_53_weeks(municipality):
    schedule = selectors.schedule_for(municipality=municipality)
    start, _end = schedule.period_containing(datetime.date(2027, 1, 6))
    assert (start - schedule.anchor).days % 14 == 0


def test_the_beat_task_creates_the_next_period_ahead_of_time(municipality):
    schedule = selectors.schedule_for(municipality=municipality)
    today = datetime.date(2021, 1, 12)  # Tuesday of the second week of a period
    services.periods_create_upcoming(municipality=municipality, today=today)
    starts = sorted(
        ReportingPeriod.objects.for_municipality(municipality).values_list("starts_on", flat=True)
    )
    assert starts == [datetime.date(2021, 1, 4), datetime.date(2021, 1, 18)]
    assert schedule.create_ahead_days == 7


def test_the_beat_task_does_not_create_too_early(municipality):
    services.periods_create_upcoming(municipality=municipality, today=datetime.date(2021, 1, 4))
    assert ReportingPeriod.objects.for_municipality(municipality).count() == 1


def test_the_beat_task_is_idempotent_for_every_municipality(municipality, other_municipality):
    tasks.create_upcoming_periods.delay()
    counts = [
        ReportingPeriod.objects.for_municipality(m).count()
        for m in (municipality, other_municipality)
    ]
    tasks.create_upcoming_periods.delay()
    assert [
        ReportingPeriod.objects.for_municipality(m).count()
        for m in (municipality, other_municipality)
    ] == counts
    assert all(count >= 1 for count in counts)


def test_the_cadence_is_set_per_municipality(client_for, coordinator, municipality):
    response = client_for(coordinator).post(
        reverse("situations:schedule_edit", args=[municipality.slug]),
        {
            "interval_weeks": 3,
            "anchor": "2021-01-04",
            "deadline_weekday": 1,
            "reminder_days": 1,
            "close_after_days": 7,
        },
    )
    assert response.status_code == 302
    schedule = ReportingSchedule.objects.get(municipality=municipality)
    assert schedule.interval_weeks == 3
    start, end = schedule.period_containing(datetime.date(2021, 1, 25))
    assert (start, end) == (datetime.date(2021, 1, 25), datetime.date(2021, 2, 14))


def test_the_schedule_refuses_a_start_that_is_not_a_monday(client_for, coordinator, municipality):
    response = client_for(coordinator).post(
        reverse("situations:schedule_edit", args=[municipality.slug]),
        {"interval_weeks": 2, "anchor": "2021-01-05", "deadline_weekday": 3, "reminder_days": 2},
    )
    assert response.status_code == 400
    assert "Perioderna börjar på en måndag." in response.content.decode()


def test_the_schedule_requires_coordinator_role(client_for, council_member, municipality):
    response = client_for(council_member).post(
        reverse("situations:schedule_edit", args=[municipality.slug]), {"interval_weeks": 1}
    )
    assert response.status_code == 403


def test_the_schedule_hides_other_municipality(client_for, outsider, municipality):
    response = client_for(outsider).get(
        reverse("situations:schedule_edit", args=[municipality.slug])
    )
    assert response.status_code == 404


def test_it_opens_a_period_by_hand(client_for, coordinator, municipality):
    response = client_for(coordinator).post(
        reverse("situations:period_open", args=[municipality.slug]), {"day": "2021-03-03"}
    )
    assert response.status_code == 302
    period = ReportingPeriod.objects.get(municipality=municipality)
    assert period.starts_on == datetime.date(2021, 3, 1)
    assert period.created_by == coordinator
    assert period.status == PeriodStatus.OPEN


@pytest.mark.parametrize(
    "day, message",
    [
        ("0001-01-01", "Ange ett datum mellan 1900-01-01 och 2200-12-31."),
        ("9999-12-31", "Ange ett datum mellan 1900-01-01 och 2200-12-31."),
        ("2021-02-30", "Fyll i ett giltigt datum."),
    ],
)
def test_a_day_outside_the_range_is_refused_with_the_reason(
    client_for, coordinator, municipality, day, message
):
    """The period around 9999-12-31 ends after the last date Python has: OverflowError, 500."""
    response = client_for(coordinator).post(
        reverse("situations:period_open", args=[municipality.slug]), {"day": day}, follow=True
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReportingPeriod.objects.exists()


def test_opening_without_a_day_continues_after_the_latest(client_for, coordinator, municipality):
    latest = PeriodFactory(
        municipality=municipality,
        starts_on=datetime.date(2021, 3, 1),
        ends_on=datetime.date(2021, 3, 14),
        deadline=datetime.date(2021, 3, 11),
    )
    client_for(coordinator).post(reverse("situations:period_open", args=[municipality.slug]), {})
    assert ReportingPeriod.objects.filter(starts_on=latest.ends_on + datetime.timedelta(days=1))


def test_opening_requires_coordinator_role(client_for, reporter, municipality):
    response = client_for(reporter).post(
        reverse("situations:period_open", args=[municipality.slug]), {"day": "2021-03-03"}
    )
    assert response.status_code == 403
    assert not ReportingPeriod.objects.exists()


def test_opening_hides_other_municipality(client_for, outsider, municipality):
    response = client_for(outsider).post(
        reverse("situations:period_open", args=[municipality.slug]), {"day": "2021-03-03"}
    )
    assert response.status_code == 404


def test_it_closes_a_period(client_for, coordinator, period):
    response = client_for(coordinator).post(
        reverse("situations:period_close", args=["fagersta", period.pk])
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.status == PeriodStatus.CLOSED
    assert period.closed_by == coordinator


def test_it_reopens_a_period(client_for, coordinator, previous_period):
    client_for(coordinator).post(
        reverse("situations:period_reopen", args=["fagersta", previous_period.pk])
    )
    previous_period.refresh_from_db()
    assert previous_period.status == PeriodStatus.OPEN


def test_closing_requires_coordinator_role(client_for, council_member, period):
    response = client_for(council_member).post(
        reverse("situations:period_close", args=["fagersta", period.pk])
    )
    assert response.status_code == 403


def test_closing_hides_other_municipality(
    client_for, coordinator, foreign_period, outsider, period
):
    assert (
        client_for(coordinator)
        .post(reverse("situations:period_close", args=["fagersta", foreign_period.pk]))
        .status_code
        == 404
    )
    assert (
        client_for(outsider)
        .post(reverse("situations:period_close", args=["fagersta", period.pk]))
        .status_code
        == 404
    )
    foreign_period.refresh_from_db()
    assert foreign_period.status == PeriodStatus.OPEN


def test_the_coordinator_sees_who_has_reported(client_for, coordinator, period, organisation):
    from tests.factories import OrganisationFactory

    silent = OrganisationFactory(municipality=period.municipality, name="Fritidsgården")
    ReportFactory(period=period, organisation=organisation, status="submitted")
    page = (
        client_for(coordinator)
        .get(reverse("situations:period_detail", args=["fagersta", period.pk]))
        .content.decode()
    )
    assert "Risbroskolan" in page
    assert "Har rapporterat" in page
    assert silent.name in page
    assert "Har inte rapporterat" in page


def test_reporters_do_not_see_the_board(client_for, reporter, period):
    response = client_for(reporter).get(
        reverse("situations:period_detail", args=["fagersta", period.pk])
    )
    assert response.status_code == 403


def add_years_of_periods(municipality, first_year, last_year):
    """Biweekly periods from the first Monday of first_year through last_year."""
    periods = []
    start = datetime.date.fromisocalendar(first_year, 1, 1)
    end = datetime.date.fromisocalendar(last_year + 1, 1, 1)
    while start < end:
        periods.append(
            ReportingPeriod(
                municipality=municipality,
                starts_on=start,
                ends_on=start + datetime.timedelta(days=13),
                deadline=start + datetime.timedelta(days=10),
                status=PeriodStatus.CLOSED,
            )
        )
        start += datetime.timedelta(weeks=2)
    ReportingPeriod.objects.bulk_create(periods)


def count_queries(client, url) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # count what the page costs to compute, not a cached rendering
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_period_list_has_the_same_query_count_for_one_and_ten_years(
    client_for, coordinator, municipality
):
    client = client_for(coordinator)
    url = reverse("situations:index", args=[municipality.slug]) + "?ar=2025"
    add_years_of_periods(municipality, 2025, 2025)
    one_year = count_queries(client, url)
    add_years_of_periods(municipality, 2016, 2024)
    assert ReportingPeriod.objects.count() > 200
    assert count_queries(client, url) == one_year


def test_other_municipalities_are_not_counted(municipality):
    MunicipalityFactory(slug="annan")
    assert selectors.period_list(municipality=municipality).count() == 0


def test_reopening_requires_coordinator_role(client_for, politician, previous_period):
    response = client_for(politician).post(
        reverse("situations:period_reopen", args=["fagersta", previous_period.pk])
    )
    assert response.status_code == 403
    previous_period.refresh_from_db()
    assert previous_period.status == PeriodStatus.CLOSED


def test_reopening_hides_other_municipality(client_for, coordinator, outsider, foreign_period):
    foreign_period.status = PeriodStatus.CLOSED
    foreign_period.save()
    response = client_for(coordinator).post(
        reverse("situations:period_reopen", args=["fagersta", foreign_period.pk])
    )
    assert response.status_code == 404
    response = client_for(outsider).post(
        reverse("situations:period_reopen", args=["fagersta", foreign_period.pk])
    )
    assert response.status_code == 404
    foreign_period.refresh_from_db()
    assert foreign_period.status == PeriodStatus.CLOSED


def test_the_beat_task_closes_periods_some_days_after_they_end(municipality, period):
    ended = PeriodFactory(
        municipality=municipality,
        starts_on=period.starts_on - datetime.timedelta(days=28),
        ends_on=period.starts_on - datetime.timedelta(days=15),
        deadline=period.starts_on - datetime.timedelta(days=18),
    )
    just_ended = PeriodFactory(
        municipality=municipality,
        starts_on=period.starts_on - datetime.timedelta(days=14),
        ends_on=period.starts_on - datetime.timedelta(days=1),
        deadline=period.starts_on - datetime.timedelta(days=4),
    )
    today = period.starts_on + datetime.timedelta(days=6)
    assert services.periods_close_finished(municipality=municipality, today=today) == 1
    statuses = {p.pk: p.status for p in ReportingPeriod.objects.for_municipality(municipality)}
    assert statuses[ended.pk] == PeriodStatus.CLOSED
    assert statuses[just_ended.pk] == PeriodStatus.OPEN  # ended six days ago: still editable
    assert statuses[period.pk] == PeriodStatus.OPEN
    tasks.close_finished_periods.delay()
    period.refresh_from_db()
    assert period.status == PeriodStatus.OPEN
