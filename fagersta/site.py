"""Absolute links for messages sent outside a request (e-mails from periodic jobs)."""

from django.conf import settings
from django.urls import reverse


def site_url() -> str:
    """SITE_URL, or https:// and the first allowed host name when it is not set."""
    return settings.SITE_URL or f"https://{settings.ALLOWED_HOSTS[0]}"


def absolute_url(name: str, *args) -> str:
    return site_url() + reverse(name, args=args)
