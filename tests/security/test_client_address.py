"""The sign-in lock-out and the sign-in log count per client, not per reverse proxy, and a
client cannot choose its own address with a header."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
ATTACKER = "203.0.113.66"
USER = "198.51.100.7"


def sign_in(client, password=PASSWORD, **meta):
    return client.post(reverse("login"), {"username": "samordnare", "password": password}, **meta)


def test_failures_from_one_client_behind_the_proxy_do_not_lock_out_another(
    client, coordinator, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "fel", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert sign_in(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER).status_code == 429
    response = sign_in(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=USER)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(coordinator.pk)


def test_a_client_behind_the_proxy_cannot_escape_by_writing_the_header(
    client, coordinator, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        forwarded = f"192.0.2.{n}, {ATTACKER}"
        sign_in(client, "fel", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    response = sign_in(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.99, {ATTACKER}")
    assert response.status_code == 429


def test_behind_two_proxies_clients_are_told_apart(client, coordinator, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    outer = "192.0.2.10"
    for n in range(settings.AXES_FAILURE_LIMIT):
        forwarded = f"192.0.2.{n}, {ATTACKER}, {outer}"
        sign_in(client, "fel", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    locked = sign_in(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{ATTACKER}, {outer}")
    assert locked.status_code == 429
    assert (
        sign_in(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{USER}, {outer}").status_code
        == 302
    )


def test_reached_directly_a_spoofed_header_is_ignored(client, coordinator, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "fel", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    response = sign_in(client, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_the_sign_in_log_records_the_client_not_the_proxy(client, coordinator, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    sign_in(client, "fel", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert sign_in(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=USER).status_code == 302
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [ATTACKER]
    assert list(AccessLog.objects.values_list("ip_address", flat=True)) == [USER]
