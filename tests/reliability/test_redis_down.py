"""Redis stops: pages and forms keep working; only queued work is refused, with a message."""

import json
import subprocess
import time

import pytest
from celery import Celery

from municipalities.models import Role
from municipalities.outbox import enqueue
from tests.factories import PASSWORD, MunicipalityFactory
from tests.reliability.conftest import (
    Server,
    database_url,
    free_port,
    require_postgres,
    server_user,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def own_redis(redis_server_binary):
    port = free_port()
    process = subprocess.Popen(
        [
            redis_server_binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    yield port, process
    process.kill()
    process.wait(timeout=10)


def test_pages_and_forms_work_with_redis_stopped(server_env, own_redis):
    require_postgres()
    port, redis_process = own_redis
    municipality = MunicipalityFactory(slug="fagersta", name="Fagersta")
    server_user(municipality, Role.COORDINATOR, "samordnare")
    server = Server(
        {
            **server_env,
            "DATABASE_URL": database_url("trygghet-redis"),
            "REDIS_URL": f"redis://127.0.0.1:{port}/0",
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{port}/1",
        }
    )
    try:
        health = json.loads(server.get("/healthz")[1])
        assert health["cache"] == "ok" and health["broker"] == "ok"

        redis_process.kill()
        redis_process.wait(timeout=10)

        status, body = server.get("/healthz")
        health = json.loads(body)
        assert status == 200
        assert health["cache"] == "unavailable"
        assert health["broker"] == "unavailable"
        server.sign_in("samordnare", PASSWORD)
        status, body = server.get("/k/fagersta/")
        assert status == 200 and "Trygghetsarbetet i Fagersta" in body
        status, _ = server.post(
            "/k/fagersta/medlemmar/ny/", {"username": "utan-redis", "role": Role.COUNCIL}
        )
        assert status == 200
        assert municipality.memberships.filter(user__username="utan-redis").exists()
    finally:
        server.stop()


def test_queueing_with_the_broker_down_is_reported_quickly(own_redis, monkeypatch):
    # Celery lets CELERY_BROKER_URL in the environment override an app's own broker setting.
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    port, redis_process = own_redis
    redis_process.kill()
    redis_process.wait(timeout=10)
    # Not the current app: shared tasks of later tests must keep using the project's app.
    app = Celery("probe", broker=f"redis://127.0.0.1:{port}/1", set_as_current=False)
    app.conf.broker_transport_options = {"socket_connect_timeout": 0.5}

    @app.task(name="probe.ping")
    def probe_ping():
        return "pong"

    started = time.monotonic()
    assert enqueue(probe_ping, sweep=False) is False
    assert time.monotonic() - started < 10, "refusing must not hang the request"
