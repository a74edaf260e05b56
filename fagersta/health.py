"""`/healthz`: database, cache and broker status for load balancers and monitoring."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

_broker_client = None


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _cache() -> str:
    key = "healthz"
    cache.set(key, "ok", 10)
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        return "ok (in-process)"
    return "ok" if cache.get(key) == "ok" else "unavailable"


def _broker() -> str:
    global _broker_client
    url = settings.CELERY_BROKER_URL
    if not url:
        return "not configured (tasks run in-process)"
    if not url.startswith("redis"):
        return "unknown"
    import redis

    if _broker_client is None:
        _broker_client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
    try:
        _broker_client.ping()
    except (redis.exceptions.RedisError, OSError):
        return "unavailable"
    return "ok"


@never_cache
def healthz(request):
    started = time.perf_counter()
    checks = {}
    try:
        checks["database"] = _database()
    except Exception as exc:  # noqa: BLE001 - any database failure means unhealthy
        checks["database"] = f"unavailable: {exc.__class__.__name__}"
    checks["cache"] = _cache()
    checks["broker"] = _broker()
    healthy = checks["database"] == "ok"
    checks["status"] = "ok" if healthy else "unhealthy"
    checks["milliseconds"] = round((time.perf_counter() - started) * 1000, 1)
    return JsonResponse(checks, status=200 if healthy else 503)
