import datetime

import pytest
from django.core import mail
from django.urls import reverse

from measures import tasks
from measures.models import CalendarEvent, CalendarReminder
from municipalities.models import Membership, Role
from tests.factories import member
from tests.measures.factories import CalendarEventFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"measures:{name}", args=["fagersta", *args])


def event_data(**overrides):
    return {
        "title": "Skolavslutning",
        "kind": "date",
        "start_date": "2021-06-11",
        "end_date": "",
        "recurs_yearly": "on",
        "remind_days_before": "21",
        **overrides,
    }


def test_a_yearly_event_recurs_every_year():
    event = CalendarEvent(start_date=datetime.date(2021, 4, 30), recurs_yearly=True)
    assert event.occurrence_in(2027) == (datetime.date(2027, 4, 30), datetime.date(2027, 4, 30))
    assert event.next_occurrence(datetime.date(2027, 5, 1)) == datetime.date(2028, 4, 30)


def test_a_leap_day_falls_back_to_february_28():
    event = CalendarEvent(start_date=datetime.date(2024, 2, 29), recurs_yearly=True)
    assert event.occurrence_in(2025)[0] == datetime.date(2025, 2, 28)


def test_a_one_off_event_occurs_once():
    event = CalendarEvent(
        start_date=datetime.date(2025, 10, 31),
        end_date=datetime.date(2025, 11, 2),
        recurs_yearly=False,
    )
    assert event.occurrence_in(2026) is None
    assert event.next_occurrence(datetime.date(2025, 11, 1)) is None


def test_the_reminder_is_sent_once_per_occurrence(
    municipality, coordinator, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://trygghet.example.se"
    deputy = member(municipality, Role.COORDINATOR, username="ersattare")
    Membership.objects.filter(user=deputy).update(is_deputy=True)
    member(municipality, Role.COUNCIL, username="ledamot")
    event = CalendarEventFactory(municipality=municipality, title="Valborg", remind_days_before=14)
    event.measures.set([MeasureFactory(municipality=municipality, title="Fältare på Valborg")])
    CalendarEventFactory(municipality=municipality, title="Lucia", start_date="2021-12-13")

    monkeypatch.setattr(
        "measures.services.timezone.localdate", lambda *a: datetime.date(2030, 4, 16)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_calendar_reminders() == 1
    # One e-mail per coordinator, so that one refused address delays no one else.
    assert sorted(m.to[0] for m in mail.outbox) == ["ersattare@example.se", "samordnare@example.se"]
    message = mail.outbox[0]
    assert "Valborg" in message.subject
    assert "Fältare på Valborg" in message.body
    assert "vecka 18" in message.body
    assert "https://trygghet.example.se/k/fagersta/insatser/arshjul/" in message.body

    assert tasks.send_calendar_reminders() == 0
    monkeypatch.setattr(
        "measures.services.timezone.localdate", lambda *a: datetime.date(2030, 4, 29)
    )
    assert tasks.send_calendar_reminders() == 0
    assert len(mail.outbox) == 2
    assert CalendarReminder.objects.get().occurrence == datetime.date(2030, 4, 30)


def test_the_next_year_is_reminded_again(
    municipality, coordinator, django_capture_on_commit_callbacks
):
    from measures.services import calendar_reminders_send

    CalendarEventFactory(municipality=municipality, remind_days_before=14)
    with django_capture_on_commit_callbacks(execute=True):
        assert calendar_reminders_send(today=datetime.date(2030, 4, 20)) == 1
        assert calendar_reminders_send(today=datetime.date(2031, 4, 20)) == 1
        assert calendar_reminders_send(today=datetime.date(2031, 4, 10)) == 0  # too early
    assert len(mail.outbox) == 2


def test_the_reminder_job_is_scheduled():
    from django.conf import settings

    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "measures.tasks.send_calendar_reminders" in tasks_scheduled


def test_the_month_view_shows_events_and_week_numbers(client_for, council_member, municipality):
    event = CalendarEventFactory(municipality=municipality, title="Valborg")
    event.measures.set([MeasureFactory(municipality=municipality, title="Drogfri aktivitet")])
    response = client_for(council_member).get(url("calendar_month", 2026, 4))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Valborg" in content
    assert "Drogfri aktivitet" in content
    assert "vecka 18" in content


def test_it_creates_an_event(client_for, coordinator, municipality):
    measure = MeasureFactory(municipality=municipality)
    response = client_for(coordinator).post(url("event_create"), event_data(measures=[measure.pk]))
    assert response.status_code == 302
    event = CalendarEvent.objects.get()
    assert event.municipality == municipality
    assert event.remind_days_before == 21
    assert list(event.measures.all()) == [measure]


def test_it_explains_a_bad_period(client_for, coordinator, municipality):
    response = client_for(coordinator).post(url("event_create"), event_data(end_date="2021-06-01"))
    assert response.status_code == 400
    assert "Slutdatum kan inte ligga före startdatum." in response.content.decode()
    assert not CalendarEvent.objects.exists()


def test_it_requires_coordinator_role_for_events(client_for, council_member, municipality):
    event = CalendarEventFactory(municipality=municipality)
    client = client_for(council_member)
    assert client.post(url("event_create"), event_data()).status_code == 403
    assert client.post(url("event_edit", event.pk), event_data()).status_code == 403
    assert client.post(url("event_delete", event.pk)).status_code == 403
    assert CalendarEvent.objects.get().title == "Valborg"


def test_it_hides_events_from_other_municipality(client_for, outsider, municipality):
    event = CalendarEventFactory(municipality=municipality)
    client = client_for(outsider)
    assert client.post(url("event_create"), event_data()).status_code == 404
    assert client.post(url("event_edit", event.pk), event_data()).status_code == 404
    assert client.post(url("event_delete", event.pk)).status_code == 404
    assert CalendarEvent.objects.get().title == "Valborg"


def test_it_hides_other_municipality_event(client_for, coordinator, other_municipality):
    event = CalendarEventFactory(municipality=other_municipality)
    client = client_for(coordinator)
    assert client.post(url("event_edit", event.pk), event_data()).status_code == 404
    assert client.post(url("event_delete", event.pk)).status_code == 404
    assert CalendarEvent.objects.get().title == "Valborg"


def test_it_edits_and_deletes_an_event(client_for, coordinator, municipality):
    event = CalendarEventFactory(municipality=municipality)
    client = client_for(coordinator)
    response = client.post(url("event_edit", event.pk), event_data(title="Valborgsmässoafton"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Valborgsmässoafton"
    assert client.post(url("event_delete", event.pk)).status_code == 302
    assert not CalendarEvent.objects.exists()


def test_a_period_shows_in_every_month_it_touches(municipality):
    from measures import selectors

    CalendarEventFactory(
        municipality=municipality,
        title="Sommarlov",
        start_date=datetime.date(2021, 6, 14),
        end_date=datetime.date(2021, 8, 13),
    )
    CalendarEventFactory(
        municipality=municipality,
        title="Jullov",
        start_date=datetime.date(2021, 12, 20),
        end_date=datetime.date(2022, 1, 7),
    )
    months = selectors.events_by_month(municipality=municipality, year=2026)
    titles = {start.month: [o.event.title for o in found] for start, found in months}
    assert titles[7] == ["Sommarlov"]
    assert titles[5] == []
    assert titles[1] == ["Jullov"]
    assert titles[12] == ["Jullov"]


@pytest.mark.parametrize(
    "start, message",
    [
        ("31/12/2021", "Fyll i ett giltigt datum."),
        ("2021-02-30", "Fyll i ett giltigt datum."),
        ("10000-01-01", "Fyll i ett giltigt datum."),
        ("0001-01-01", "Ange ett datum mellan 1900-01-01 och 2200-12-31."),
        ("9999-12-31", "Ange ett datum mellan 1900-01-01 och 2200-12-31."),
    ],
)
def test_an_impossible_start_date_is_refused_at_the_field(
    client_for, coordinator, municipality, start, message
):
    """With an end date, the model's check compared it with a start date the form had refused
    (None): TypeError, 500."""
    response = client_for(coordinator).post(
        url("event_create"), event_data(start_date=start, end_date="2022-01-05")
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CalendarEvent.objects.exists()
