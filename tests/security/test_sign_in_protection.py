import base64

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_otp_throttling(settings):
    # django-otp slows down guessing after a wrong code; these tests send a right one at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def totp_now(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def _shown_key(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def test_opening_the_setup_page_stores_no_device(client, coordinator):
    sign_in(client, "samordnare")
    first = client.get(reverse("two_factor_setup"))
    again = client.get(reverse("two_factor_setup"))
    assert first.status_code == again.status_code == 200
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    # The page shows the same key each time, so an app scanned from the first still works.
    assert first.context["secret"] == again.context["secret"]


def test_the_first_right_code_stores_the_shown_key_confirmed(client, coordinator):
    sign_in(client, "samordnare")
    secret = client.get(reverse("two_factor_setup")).context["secret"]
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    device = TOTPDevice(user=coordinator, key=key.hex())
    response = client.post(reverse("two_factor_setup"), {"token": totp_now(device)})
    assert response.status_code == 200
    stored = TOTPDevice.objects.get(user=coordinator)
    assert (stored.confirmed, stored.key) == (True, key.hex())


def test_it_locks_out_after_repeated_failures(client, coordinator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "samordnare", "fel").status_code == 200
    assert sign_in(client, "samordnare", "fel").status_code == 429
    response = sign_in(client, "samordnare")  # the right password no longer helps
    assert response.status_code == 429
    assert "Inloggningen är tillfälligt spärrad" in response.content.decode()
    assert "15 minuter" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_success_resets_the_failure_count(client, coordinator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "samordnare", "fel")
    assert sign_in(client, "samordnare").status_code == 302
    client.logout()
    sign_in(client, "samordnare", "fel")
    assert sign_in(client, "samordnare").status_code == 302


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_coordinator_must_set_up_two_factor(client, coordinator, municipality):
    sign_in(client, "samordnare")
    response = client.get(reverse("municipality_home", args=[municipality.slug]))
    assert response.status_code == 302
    assert response.url == reverse("two_factor_setup")


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_reporter_is_not_forced_to_set_up_two_factor(client, reporter, municipality):
    sign_in(client, "rapportor")
    response = client.get(reverse("municipality_home", args=[municipality.slug]))
    assert response.status_code == 200


@override_settings(TWO_FACTOR_REQUIRED=False)
def test_two_factor_is_not_enforced_when_off(client, coordinator, municipality):
    sign_in(client, "samordnare")
    response = client.get(reverse("municipality_home", args=[municipality.slug]))
    assert response.status_code == 200


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_setting_up_two_factor_gives_recovery_codes_and_access(client, coordinator, municipality):
    sign_in(client, "samordnare")
    page = client.get(reverse("two_factor_setup"))
    assert "<svg" in page.content.decode()

    wrong = client.post(reverse("two_factor_setup"), {"token": "000000"})
    assert wrong.status_code == 400
    assert "Koden stämmer inte" in wrong.content.decode()
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    assert _shown_key(device) == page.context["secret"]  # the key the user scanned

    response = client.post(reverse("two_factor_setup"), {"token": totp_now(device)})
    assert response.status_code == 200
    codes = list(
        StaticToken.objects.filter(device__user=coordinator).values_list("token", flat=True)
    )
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    home = client.get(reverse("municipality_home", args=[municipality.slug]))
    assert home.status_code == 200


def test_user_with_device_is_asked_for_code_after_password(client, coordinator, municipality):
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    sign_in(client, "samordnare")
    target = reverse("municipality_home", args=[municipality.slug])
    response = client.get(target)
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_verify"))

    response = client.post(reverse("two_factor_verify"), {"token": "123", "next": target})
    assert response.status_code == 400
    response = client.post(
        reverse("two_factor_verify"), {"token": totp_now(device), "next": target}
    )
    assert response.status_code == 302
    assert response.url == target
    assert client.get(target).status_code == 200


def test_a_recovery_code_works_once(client, coordinator):
    from municipalities.two_factor import issue_recovery_codes

    TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    code = issue_recovery_codes(coordinator)[0]
    sign_in(client, "samordnare")
    assert client.post(reverse("two_factor_verify"), {"token": code}).status_code == 302
    client.logout()
    sign_in(client, "samordnare")
    assert client.post(reverse("two_factor_verify"), {"token": code}).status_code == 400


def test_verify_refuses_foreign_next_url(client, coordinator):
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    sign_in(client, "samordnare")
    response = client.post(
        reverse("two_factor_verify"),
        {"token": totp_now(device), "next": "https://evil.example.com/"},
    )
    assert response.status_code == 302
    assert response.url == reverse("home")
