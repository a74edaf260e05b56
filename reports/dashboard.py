"""The dashboard of the council, politicians and coordinator: headline figures of every app.

Each figure comes from a bounded number of queries whatever the length of the history, and
the whole is cached per municipality until a write bumps the municipality's cache version.
"""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone

from municipalities.models import Municipality
from situations.models import Problem

CACHE_SECONDS = 300


def _version_key(municipality_id: int) -> str:
    return f"reports:dashboard:version:{municipality_id}"


def cache_version(municipality_id: int) -> int:
    return cache.get_or_set(_version_key(municipality_id), 1, None)


def invalidate(municipality_id: int) -> None:
    """Called after writes to data the dashboard shows."""
    key = _version_key(municipality_id)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, None)


def dashboard(*, municipality: Municipality) -> dict:
    today = timezone.localdate()
    key = f"reports:dashboard:{municipality.pk}:{cache_version(municipality.pk)}:{today}"
    data = cache.get(key)
    if data is None:
        data = _compute(municipality, today)
        cache.set(key, data, CACHE_SECONDS)
    return data


def _compute(municipality: Municipality, today) -> dict:
    problems = Problem.objects.for_municipality(municipality)
    return {
        "problems": {
            "open": problems.unresolved().count(),
            "overdue": problems.overdue(today).count(),
        },
    }
