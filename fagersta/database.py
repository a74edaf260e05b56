"""The database connection from a URL, with SQLite set up to bear a few users at once."""

from __future__ import annotations

import environ

# Seconds a request waits for another request's write to finish before SQLite gives up with
# "database is locked".
SQLITE_BUSY_TIMEOUT = 20

SQLITE_OPTIONS = {
    "timeout": SQLITE_BUSY_TIMEOUT,
    # A transaction takes the write lock when it begins. Two transactions that both read and
    # then write would otherwise deadlock on upgrading their locks, and SQLite answers that at
    # once with "database is locked", without waiting for the busy timeout.
    "transaction_mode": "IMMEDIATE",
    # Write-ahead log: readers go on reading while one request writes.
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}


def database_settings(url: str) -> dict:
    """Django's DATABASES entry for a database URL."""
    config = environ.Env.db_url_config(url)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config
