"""Behind the reverse proxy, a real gunicorn tells clients apart by the address the proxy
forwards: one client's wrong passwords do not lock out another, and the survey's limit is
per resident, not per town. Reached directly, a forwarded header is ignored."""

import urllib.request
from http.cookiejar import CookieJar

import pytest
from axes.models import AccessAttempt, AccessLog

from municipalities.models import Role
from surveys.models import Response, StandardQuestion
from tests.factories import PASSWORD, MunicipalityFactory
from tests.reliability.conftest import Server, database_url, require_postgres, server_user
from tests.surveys.test_surveys import choice, make_survey

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

ATTACKER = "203.0.113.66"
USER = "198.51.100.7"


def as_client(server: Server, forwarded_for: str | None = None) -> None:
    """Further requests come from a new browser whose proxy forwards this address."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    if forwarded_for is not None:
        opener.addheaders = [("X-Forwarded-For", forwarded_for)]
    server.opener = opener


def sign_in(server: Server, password: str) -> tuple[int, str]:
    server.get("/accounts/login/")
    return server.request(
        "/accounts/login/",
        {
            "username": "samordnare",
            "password": password,
            "csrfmiddlewaretoken": server.csrf_token(),
        },
    )


def start(server_env, proxies: int) -> Server:
    return Server(
        {
            **server_env,
            "DATABASE_URL": database_url(f"trygghet-proxies-{proxies}"),
            "TRUSTED_PROXY_COUNT": str(proxies),
            # The survey's counter in the server's own memory, not left behind in a shared Redis.
            "REDIS_URL": "",
        }
    )


@pytest.fixture
def coordinator_on_server(db):
    require_postgres()
    municipality = MunicipalityFactory(slug="fagersta", name="Fagersta")
    server_user(municipality, Role.COORDINATOR, "samordnare")
    return municipality


def test_behind_one_proxy_clients_are_told_apart(server_env, coordinator_on_server, settings):
    survey = make_survey(coordinator_on_server)
    feel_safe = choice(survey, StandardQuestion.FEEL_SAFE, "3 – Varken trygg eller otrygg")
    answer = {feel_safe.question.field_name: feel_safe.pk}
    server = start(server_env, proxies=1)
    try:
        as_client(server, ATTACKER)
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(server, "fel")
        status, body = sign_in(server, PASSWORD)
        assert status == 429 and "tillfälligt spärrad" in body
        # Writing its own entry in front of the proxy's does not give the attacker a new start.
        as_client(server, f"192.0.2.1, {ATTACKER}")
        assert sign_in(server, PASSWORD)[0] == 429

        as_client(server, USER)
        status, body = sign_in(server, PASSWORD)
        assert status == 200 and 'id="id_password"' not in body
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
        assert list(AccessLog.objects.values_list("ip_address", flat=True)) == [USER]

        url = "/offentlig/fagersta/enkat/trygghet/"
        as_client(server, ATTACKER)
        statuses = [server.post(url, answer)[0] for _ in range(6)]
        assert statuses == [200] * 5 + [429]
        as_client(server, USER)
        assert server.post(url, answer)[0] == 200
        assert Response.objects.count() == 6
    finally:
        server.stop()


def test_behind_two_proxies_clients_are_told_apart(server_env, coordinator_on_server, settings):
    outer = "192.0.2.10"
    server = start(server_env, proxies=2)
    try:
        for n in range(settings.AXES_FAILURE_LIMIT):
            as_client(server, f"192.0.2.{n}, {ATTACKER}, {outer}")
            sign_in(server, "fel")
        as_client(server, f"{ATTACKER}, {outer}")
        assert sign_in(server, PASSWORD)[0] == 429
        as_client(server, f"{USER}, {outer}")
        status, body = sign_in(server, PASSWORD)
        assert status == 200 and 'id="id_password"' not in body
    finally:
        server.stop()


def test_reached_directly_a_forwarded_header_is_ignored(
    server_env, coordinator_on_server, settings
):
    server = start(server_env, proxies=0)
    try:
        for n in range(settings.AXES_FAILURE_LIMIT):
            as_client(server, f"192.0.2.{n}")
            sign_in(server, "fel")
        as_client(server, USER)
        assert sign_in(server, PASSWORD)[0] == 429
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}
    finally:
        server.stop()
