"""A task travels through the real broker to a real worker process and back."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings

from fagersta.celery import app, ping

pytestmark = pytest.mark.services


@pytest.fixture
def worker():
    if not settings.CELERY_BROKER_URL or not settings.CELERY_RESULT_BACKEND:
        if os.environ.get("REQUIRE_SERVICES"):
            pytest.fail("REQUIRE_SERVICES is set but no CELERY_BROKER_URL/REDIS_URL is configured")
        pytest.skip("no Celery broker configured (set CELERY_BROKER_URL and REDIS_URL)")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "fagersta",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
            "--hostname",
            f"test-{os.getpid()}@%h",
        ],
        cwd=settings.BASE_DIR,
        env={**os.environ},
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_a_task_runs_on_a_real_worker(worker):
    app.conf.task_always_eager = False
    started = time.monotonic()
    result = ping.delay(41)
    assert result.get(timeout=60) == 42
    assert worker.poll() is None, "the worker process died"
    assert time.monotonic() - started < 60
