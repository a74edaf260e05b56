"""Settings for the test suite, so that a bare `pytest` needs nothing from the environment.

Tests run as production does (DEBUG off) but over plain HTTP, without collected static files and
without the two-factor requirement, which its own tests switch on. A value already in the
environment wins, so CI can point the suite at PostgreSQL, Redis and a broker. The defaults are
written into the environment, not only into these settings, because the suite also starts
gunicorn and Celery processes that read the same variables.
"""

import os

TEST_ENVIRONMENT = {
    "SECRET_KEY": "test-secret-key-not-for-production",
    "HTTPS": "false",
    "STATIC_MANIFEST": "false",
    "TWO_FACTOR_REQUIRED": "false",
    # Playwright's synchronous API runs an event loop in the test thread.
    "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
}
for key, value in TEST_ENVIRONMENT.items():
    os.environ.setdefault(key, value)

from fagersta.settings import *  # noqa: E402, F403
