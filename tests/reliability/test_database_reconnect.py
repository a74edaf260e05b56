"""PostgreSQL drops the application's connections: the next requests still succeed."""

import psycopg
import pytest
from django.db import connection

from municipalities.models import Role
from tests.factories import PASSWORD, MunicipalityFactory
from tests.reliability.conftest import Server, database_url, require_postgres, server_user

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def terminate(application_name: str) -> int:
    params = connection.get_connection_params()
    with psycopg.connect(
        host=params.get("host", "127.0.0.1"),
        port=params.get("port", 5432),
        user=params["user"],
        dbname="postgres",
        autocommit=True,
    ) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
            [application_name],
        ).fetchall()
    return len(rows)


def test_requests_succeed_after_connections_are_terminated(server_env):
    require_postgres()
    municipality = MunicipalityFactory(slug="fagersta", name="Fagersta")
    server_user(municipality, Role.COORDINATOR, "samordnare")
    server = Server({**server_env, "DATABASE_URL": database_url("trygghet-reconnect")})
    try:
        server.sign_in("samordnare", PASSWORD)
        assert server.get("/k/fagersta/")[0] == 200
        assert terminate("trygghet-reconnect") >= 1, "the server held no connection to drop"
        status, body = server.get("/k/fagersta/")
        assert status == 200, body[:500]
        assert "Trygghetsarbetet i Fagersta" in body, body[body.find("<main") :][:1500]
        assert server.get("/healthz")[0] == 200
        # And once more after a second drop, this time straight into a write.
        terminate("trygghet-reconnect")
        status, _ = server.post(
            "/k/fagersta/medlemmar/ny/", {"username": "efter-omstart", "role": Role.COUNCIL}
        )
        assert status == 200  # followed the redirect back to the member list
        assert municipality.memberships.filter(user__username="efter-omstart").exists()
    finally:
        server.stop()
