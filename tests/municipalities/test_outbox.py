"""The e-mail outbox against a real SMTP server: one recipient refused does not stop the others,
a refused e-mail is retried with back-off and delivered once, and the coordinator sees what
has not gone out."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from municipalities import outbox, tasks
from municipalities.models import EmailStatus, OutgoingEmail, Role
from situations import services as situation_services
from surveys import services as survey_services
from tests.factories import member
from tests.municipalities.smtp import SMTPServer
from tests.situations.factories import PeriodFactory, PictureFactory
from tests.surveys.factories import FindingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    server = SMTPServer().start()
    server.use_in(settings)
    yield server
    server.stop()


@pytest.fixture
def three_reporters(municipality, organisation):
    return [
        member(municipality, Role.REPORTER, organisation=organisation, username=f"rapportor{n}")
        for n in (1, 2, 3)
    ]


def _publish(coordinator, municipality, capture):
    picture = PictureFactory(period=PeriodFactory(municipality=municipality))
    with capture(execute=True):
        situation_services.picture_publish(actor=coordinator, picture=picture)
    return picture


def _later(email: OutgoingEmail) -> None:
    """Let the back-off of `email` run out, as time passing would."""
    OutgoingEmail.objects.filter(pk=email.pk).update(
        next_attempt_at=timezone.now() - timedelta(minutes=1)
    )


def test_a_refused_reporter_is_retried_and_every_reporter_gets_feedback_once(
    smtp, coordinator, municipality, three_reporters, django_capture_on_commit_callbacks
):
    first, second, third = (user.email for user in three_reporters)
    smtp.handler.refuse_once.add(second)

    started = timezone.now()
    _publish(coordinator, municipality, django_capture_on_commit_callbacks)

    assert smtp.delivered == {first: 1, third: 1}
    refused = OutgoingEmail.objects.get(to=second)
    assert refused.status == EmailStatus.PENDING
    assert refused.attempts == 1
    assert "Mailbox busy" in refused.error
    # Back-off: the first retry waits EMAIL_RETRY_SECONDS (60 by default).
    assert refused.next_attempt_at >= started + timedelta(seconds=59)

    _later(refused)
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.outbox_sweep(now=timezone.now() + timedelta(minutes=5)) == 1
    assert smtp.delivered == {first: 1, second: 1, third: 1}
    refused.refresh_from_db()
    assert (refused.status, refused.attempts, refused.error) == (EmailStatus.SENT, 2, "")

    # Another sweep, a repeated delivery task, or queueing the feedback again sends nothing.
    assert outbox.outbox_sweep(now=timezone.now() + timedelta(hours=1)) == 0
    for email in OutgoingEmail.objects.all():
        assert tasks.deliver_email(email.pk) == EmailStatus.SENT
    picture = PictureFactory._meta.model.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert situation_services.feedback_queue(picture=picture) == 0
    assert smtp.delivered == {first: 1, second: 1, third: 1}


def test_an_address_that_keeps_failing_is_failed_after_the_last_attempt(
    smtp, settings, coordinator, municipality, reporter, django_capture_on_commit_callbacks
):
    settings.EMAIL_MAX_ATTEMPTS = 3
    smtp.handler.refuse_always.add(reporter.email)
    _publish(coordinator, municipality, django_capture_on_commit_callbacks)
    email = OutgoingEmail.objects.get()
    delays = []
    for _attempt in range(2):
        email.refresh_from_db()
        delays.append(email.next_attempt_at - timezone.now())
        _later(email)
        outbox.email_deliver(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert email.attempts == 3
    assert "Mailbox full" in email.error
    assert delays[1] > delays[0] * 2, "each retry waits longer than the one before"
    assert smtp.delivered == {}


def test_overdue_notices_reach_every_municipality_past_a_refused_address(
    smtp, municipality, other_municipality, django_capture_on_commit_callbacks
):
    refused = member(municipality, Role.COORDINATOR, username="s1", email="s1@fagersta.se")
    member(other_municipality, Role.COORDINATOR, username="s2", email="s2@hagfors.se")
    for place in (municipality, other_municipality):
        FindingFactory(walk__municipality=place, walk__date=timezone.localdate().replace(year=2021))
    smtp.handler.refuse_always.add(refused.email)

    with django_capture_on_commit_callbacks(execute=True):
        assert survey_services.findings_flag_overdue() == 2

    assert smtp.delivered == {"s2@hagfors.se": 1}
    assert OutgoingEmail.objects.get(to=refused.email).status == EmailStatus.PENDING


def test_a_forward_with_the_broker_down_is_saved_and_sent_when_it_is_back(
    client_for, coordinator, municipality, monkeypatch, django_capture_on_commit_callbacks
):
    finding = FindingFactory(walk__municipality=municipality)

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.deliver_email, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            reverse("surveys:finding_forward", args=["fagersta", finding.pk]),
            {"recipient_name": "Gatukontoret", "recipient_email": "gata@example.se"},
            follow=True,
        )
    assert response.status_code == 200
    assert "skickas inom kort" in response.content.decode()
    finding.refresh_from_db()
    assert finding.status == "forwarded"
    email = OutgoingEmail.objects.get(to="gata@example.se")
    assert email.status == EmailStatus.PENDING
    assert mail.outbox == []

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.outbox_sweep(now=timezone.now() + timedelta(minutes=1)) == 1
    assert [m.to for m in mail.outbox] == [["gata@example.se"]]
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT


def test_the_next_successful_enqueue_sweeps_what_the_broker_lost(
    coordinator, municipality, django_capture_on_commit_callbacks
):
    lost = OutgoingEmail.objects.create(
        municipality=municipality,
        key="test.lost",
        to="lost@example.se",
        subject="Förlorad",
        body="…",
        next_attempt_at=timezone.now() - timedelta(minutes=5),
    )
    with django_capture_on_commit_callbacks(execute=True):
        outbox.email_queue(key="test.new", to="new@example.se", subject="Ny", body="…")
    assert sorted(m.to[0] for m in mail.outbox) == ["lost@example.se", "new@example.se"]
    lost.refresh_from_db()
    assert lost.status == EmailStatus.SENT


def test_the_sweep_is_scheduled(settings):
    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "municipalities.tasks.sweep_outbox" in tasks_scheduled


def test_a_new_member_gets_a_link_from_site_url_not_from_the_request(
    settings, client_for, coordinator, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://trygghet.example.se"
    settings.ALLOWED_HOSTS = ["*"]
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(
            reverse("member_add", args=["fagersta"]),
            {"username": "ny", "email": "ny@example.se", "role": Role.COUNCIL},
            HTTP_HOST="evil.example.com",
        )
    body = mail.outbox[0].body
    assert "https://trygghet.example.se/accounts/reset/" in body
    assert "evil.example.com" not in body


def test_a_password_reset_link_comes_from_site_url(
    settings, client, coordinator, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://trygghet.example.se"
    settings.ALLOWED_HOSTS = ["*"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("password_reset"), {"email": coordinator.email}, HTTP_HOST="evil.example.com"
        )
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "https://trygghet.example.se/accounts/reset/" in mail.outbox[0].body
    assert "evil.example.com" not in mail.outbox[0].body
    assert OutgoingEmail.objects.get().status == EmailStatus.SENT


# -- the coordinator's outbox page -----------------------------------------------------------


def _failed(municipality, to="trasig@example.se"):
    return OutgoingEmail.objects.create(
        municipality=municipality,
        key="test.failed",
        to=to,
        subject="Återkoppling",
        body="…",
        status=EmailStatus.FAILED,
        attempts=6,
        error="Försök 6 misslyckades: 550 Mailbox full",
        next_attempt_at=timezone.now(),
    )


def test_it_shows_failed_emails_to_the_coordinator(
    client_for, coordinator, municipality, other_municipality
):
    _failed(municipality)
    _failed(other_municipality, to="hagfors@example.se")
    response = client_for(coordinator).get(reverse("outbox", args=["fagersta"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "trasig@example.se" in html and "550 Mailbox full" in html
    assert "hagfors@example.se" not in html


def test_the_outbox_requires_the_coordinator_role(client_for, council_member):
    response = client_for(council_member).get(reverse("outbox", args=["fagersta"]))
    assert response.status_code == 403


def test_the_outbox_hides_other_municipalities(client_for, outsider, municipality):
    response = client_for(outsider).get(reverse("outbox", args=["fagersta"]))
    assert response.status_code == 404


def test_it_sends_a_failed_email_again(
    client_for, coordinator, municipality, django_capture_on_commit_callbacks
):
    email = _failed(municipality)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            reverse("outbox_retry", args=["fagersta", email.pk])
        )
    assert response.status_code == 302
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.SENT, 1)
    assert [m.to for m in mail.outbox] == [["trasig@example.se"]]


def test_resending_requires_the_coordinator_role(client_for, council_member, municipality):
    email = _failed(municipality)
    response = client_for(council_member).post(reverse("outbox_retry", args=["fagersta", email.pk]))
    assert response.status_code == 403
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED


def test_resending_hides_another_municipalitys_email(client_for, coordinator, other_municipality):
    email = _failed(other_municipality)
    response = client_for(coordinator).post(reverse("outbox_retry", args=["fagersta", email.pk]))
    assert response.status_code == 404
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
