"""Logs that keep no trace of who answered the public survey.

An access log line holds the address, the exact time and the browser of a request: for the
survey's pages that would tie every stored answer to a person. gunicorn's access log and
Django's request log therefore leave those pages out (gunicorn.conf.py, settings.LOGGING).
"""

from __future__ import annotations

import logging
import re

from gunicorn.glogging import Logger

# The public survey: its form, the answer posted to it and its thank-you page
# (fagersta/urls.py: offentlig/<municipality>/enkat/).
UNLOGGED_PATH = re.compile(r"^/offentlig/[^/]+/enkat/")


def is_unlogged(path: str) -> bool:
    return bool(UNLOGGED_PATH.match(path))


class PrivateAccessLogger(Logger):
    """gunicorn's logger, without the access log lines of the public survey's pages."""

    def access(self, resp, req, environ, request_time):
        if is_unlogged(environ.get("PATH_INFO", "")):
            return
        super().access(resp, req, environ, request_time)


class SkipUnloggedPaths(logging.Filter):
    """Drops Django's request log records ("Bad Request: <path>", with the time) of those
    pages."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        return request is None or not is_unlogged(getattr(request, "path_info", ""))
