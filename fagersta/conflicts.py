"""The last word on writes that collide.

Forms that edit shared text check the version they started from and show their own conflict
page. Everything else that two people (or one double click) can write at the same moment ends
in the database refusing one of them: a unique key taken a moment ago, a row deleted while it
was being linked, a deadlock or a lock wait the database broke. That is a conflict the user can
retry, answered as one (409) instead of as a server error.
"""

from __future__ import annotations

import logging

import psycopg.errors
from django.db import IntegrityError, OperationalError
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)

# What PostgreSQL raises when it breaks one of two simultaneous transactions.
LOST_RACES = (
    psycopg.errors.DeadlockDetected,
    psycopg.errors.SerializationFailure,
    psycopg.errors.LockNotAvailable,
)


def is_conflict(exc: BaseException) -> bool:
    if isinstance(exc, IntegrityError):
        return True
    return isinstance(exc, OperationalError) and isinstance(exc.__cause__, LOST_RACES)


class ConflictMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_conflict(exception):
            return None
        logger.warning("write conflict on %s: %s", request.path, exception)
        back = request.headers.get("referer", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = ""
        return render(request, "409.html", {"back": back}, status=409)
