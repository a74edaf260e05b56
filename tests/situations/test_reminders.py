import datetime

import pytest
from django.core import mail

from municipalities.models import Role
from situations import services, tasks
from situations.models import Notification, NotificationKind
from tests.factories import OrganisationFactory, member

from .factories import PeriodFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_period(municipality):
    """A period whose deadline is tomorrow (within the default two days' warning)."""
    from django.utils import timezone

    today = timezone.localdate()
    return PeriodFactory(
        municipality=municipality,
        starts_on=today - datetime.timedelta(days=9),
        ends_on=today + datetime.timedelta(days=4),
        deadline=today + datetime.timedelta(days=1),
    )


def test_it_reminds_reporters_who_have_not_reported_once(
    municipality, reporter, due_period, django_capture_on_commit_callbacks
):
    reported = OrganisationFactory(municipality=municipality, name="Kommunpolisen")
    member(municipality, Role.REPORTER, organisation=reported, username="polis")
    ReportFactory(period=due_period, organisation=reported, status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_report_reminders.delay()
    assert [m.to for m in mail.outbox] == [[reporter.email]]
    assert "Risbroskolan" in mail.outbox[0].body
    assert Notification.objects.filter(
        period=due_period, user=reporter, kind=NotificationKind.REMINDER
    ).exists()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_report_reminders.delay()
    assert len(mail.outbox) == 1


def test_a_draft_does_not_count_as_reported(municipality, reporter, organisation, due_period):
    ReportFactory(period=due_period, organisation=organisation, status="draft")
    assert services.reminders_send() == 1


def test_it_does_not_remind_too_early(municipality, reporter, due_period):
    early = due_period.deadline - datetime.timedelta(days=5)
    assert services.reminders_send(today=early) == 0
    assert mail.outbox == []


def test_it_does_not_remind_for_a_closed_period(municipality, reporter, due_period):
    due_period.status = "closed"
    due_period.save()
    assert services.reminders_send() == 0
