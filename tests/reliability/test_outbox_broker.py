"""The broker stops while coordinators work: their changes are saved, they are told the e-mails
will follow, and once the broker is back a real worker delivers every e-mail through a real
SMTP server exactly once, retrying the recipient the server refused."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.urls import reverse

from municipalities.models import EmailStatus, OutgoingEmail, Role
from situations.models import CompiledPicture, PictureStatus
from surveys.models import Finding, FindingStatus
from tests.factories import PASSWORD, MunicipalityFactory, OrganisationFactory, member
from tests.municipalities.smtp import SMTPServer
from tests.reliability.conftest import (
    Server,
    database_url,
    free_port,
    require_postgres,
    server_user,
)
from tests.situations.factories import PeriodFactory, PictureFactory
from tests.surveys.factories import FindingFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


class Redis:
    """A redis-server of the test's own, which can be stopped and started on the same port."""

    def __init__(self, binary: str):
        self.binary = binary
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""],
            stdout=subprocess.DEVNULL,
        )
        time.sleep(0.5)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def redis(redis_server_binary):
    server = Redis(redis_server_binary)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp():
    server = SMTPServer().start()
    yield server
    server.stop()


def _worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "fagersta",
            "worker",
            "--pool=solo",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )


def _wait(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return condition()


def test_e_mails_queued_while_the_broker_is_down_go_out_once_when_it_is_back(
    server_env, redis, smtp, tmp_path
):
    require_postgres()
    municipality = MunicipalityFactory(slug="fagersta", name="Fagersta")
    server_user(municipality, Role.COORDINATOR, "samordnare")
    school = OrganisationFactory(municipality=municipality, name="Risbroskolan")
    reporters = [
        member(municipality, Role.REPORTER, organisation=school, username=f"rapportor{n}").email
        for n in (1, 2, 3)
    ]
    period = PeriodFactory(municipality=municipality)
    PictureFactory(period=period)
    finding = FindingFactory(walk__municipality=municipality)
    env = {
        **server_env,
        "DATABASE_URL": database_url("trygghet-outbox"),
        "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis.port}/1",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_RETRY_SECONDS": "1",
        "SITE_URL": "https://trygghet.example.se",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }
    server = Server(env)
    worker = _worker({**os.environ, **env})
    try:
        server.sign_in("samordnare", PASSWORD)
        redis.stop()

        status, body = server.post(
            reverse("surveys:finding_forward", args=["fagersta", finding.pk]),
            {"recipient_name": "Gatukontoret", "recipient_email": "gata@example.se"},
        )
        assert status == 200, body[:500]
        assert "skickas inom kort" in body
        status, body = server.post(
            reverse("situations:picture_publish", args=["fagersta", period.pk]), {}
        )
        assert status == 200, body[:500]
        assert "Rapportörerna får återkoppling via e-post" in body

        finding.refresh_from_db()
        assert finding.status == FindingStatus.FORWARDED
        assert CompiledPicture.objects.get(period=period).status == PictureStatus.PUBLISHED
        waiting = OutgoingEmail.objects.filter(status=EmailStatus.PENDING)
        assert sorted(waiting.values_list("to", flat=True)) == sorted(
            ["gata@example.se", *reporters]
        )
        assert smtp.delivered == {}

        # The broker is back; the mail server turns the second reporter away once.
        smtp.handler.refuse_once.add(reporters[1])
        redis.start()
        time.sleep(6)  # older than the sweep's grace period
        # The next piece of work that reaches the broker brings the waiting e-mails along.
        status, body = server.post(
            reverse("member_add", args=["fagersta"]),
            {"username": "nyledamot", "email": "ny@example.se", "role": Role.COUNCIL},
        )
        assert status == 200, body[:500]

        everyone = ["gata@example.se", "ny@example.se", *reporters]
        assert _wait(lambda: set(smtp.delivered) == set(everyone), timeout=60), smtp.delivered
        time.sleep(3)  # nothing more may arrive
    finally:
        server.stop()
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()

    assert smtp.delivered == dict.fromkeys(everyone, 1)
    retried = OutgoingEmail.objects.get(to=reporters[1])
    assert (retried.status, retried.attempts) == (EmailStatus.SENT, 2)
    assert not OutgoingEmail.objects.exclude(status=EmailStatus.SENT).exists()
    assert Finding.objects.get(pk=finding.pk).status == FindingStatus.FORWARDED
