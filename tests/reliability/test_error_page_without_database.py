"""The 500 page is rendered when the database is down: it is a static page of the site."""

import pytest

from tests.reliability.conftest import Server, free_port

pytestmark = pytest.mark.services


def test_the_error_page_shows_with_the_database_stopped(server_env):
    # Nothing listens on the port: every query fails as it does when PostgreSQL is stopped.
    down = f"postgres://postgres@127.0.0.1:{free_port()}/trygghetsnavet"
    server = Server({**server_env, "DATABASE_URL": down})
    try:
        status, body = server.get("/offentlig/fagersta/loften/")
        health, _report = server.get("/healthz")
    finally:
        server.stop()
    assert health == 503  # the database is indeed unreachable
    assert status == 500
    assert '<html lang="sv">' in body
    assert 'class="navbar' in body and "<footer" in body
    assert "<h1>Något gick fel hos oss</h1>" in body
    assert "Server Error" not in body
