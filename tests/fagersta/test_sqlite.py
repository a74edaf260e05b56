"""The embedded SQLite default under parallel writes: requests wait their turn, none fails."""

import threading
import time

import pytest
from django.db import connections, transaction

from fagersta.database import database_settings

ALIAS = "sqlite_demo"
WRITERS = 8
WRITES_EACH = 15


@pytest.fixture
def sqlite_demo(tmp_path, django_db_blocker):
    config = database_settings(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    # Filled in as Django fills every configured database (CONN_MAX_AGE, TIME_ZONE, ...).
    connections.settings[ALIAS] = connections.configure_settings({"default": config})["default"]
    with django_db_blocker.unblock():
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE visit (id INTEGER PRIMARY KEY, seen INTEGER)")
        yield
        connections[ALIAS].close()
    del connections.settings[ALIAS]


def _write_like_a_request(errors: list) -> None:
    # A service reads, then writes, in one transaction: the pattern that made SQLite answer
    # "database is locked" to one of two parallel requests.
    try:
        for _ in range(WRITES_EACH):
            with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM visit")
                seen = cursor.fetchone()[0]
                time.sleep(0.002)
                cursor.execute("INSERT INTO visit (seen) VALUES (%s)", [seen])
    except Exception as exc:  # noqa: BLE001 - every failure is reported by the test
        errors.append(exc)
    finally:
        connections[ALIAS].close()


def test_parallel_writers_on_sqlite_wait_instead_of_failing(sqlite_demo, django_db_blocker):
    errors: list = []
    with django_db_blocker.unblock():
        threads = [
            threading.Thread(target=_write_like_a_request, args=(errors,)) for _ in range(WRITERS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert errors == []
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("SELECT COUNT(*), COUNT(DISTINCT seen) FROM visit")
            # Each transaction saw every earlier one: the writes were serialised.
            assert cursor.fetchone() == (WRITERS * WRITES_EACH, WRITERS * WRITES_EACH)
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] >= 10_000
