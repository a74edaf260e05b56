import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_session_expires_after_inactivity(client_for, coordinator, municipality, monkeypatch):
    from django.contrib.sessions.models import Session

    from fagersta import middleware

    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    client = client_for(coordinator)
    url = f"/k/{municipality.slug}/"
    clock = [1_000_000]
    monkeypatch.setattr(middleware.time, "time", lambda: clock[0])
    monkeypatch.setattr(middleware.SlidingSessionMiddleware, "INTERVAL", 60)

    def expiry():
        return Session.objects.get(session_key=client.session.session_key).expire_date

    client.get(url)
    first = expiry()
    clock[0] += 30  # within the minute: the session is not written again
    client.get(url)
    assert expiry() == first
    clock[0] += 60  # activity renews the expiry
    client.get(url)
    assert expiry() > first


def test_an_idle_session_is_signed_out(client_for, coordinator, municipality):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client = client_for(coordinator)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(f"/k/{municipality.slug}/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_passwords_are_checked_by_validators():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("12345678")


def test_deploy_check_is_clean_with_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "fagersta.settings",
        "DEBUG": "false",
        "HTTPS": "true",
        "ALLOWED_HOSTS": "trygghet.example.se",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "STATIC_MANIFEST": "true",
        "TWO_FACTOR_REQUIRED": "true",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
