"""A worker killed in the middle of an annual report job: the job must end done or failed,
never stay "running". Needs PostgreSQL and Redis shared with real worker processes."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings

from reports import services
from reports.models import JobStatus, ReportJob
from tests.reports.factories import AnnualReportFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

STALE_SECONDS = 3


@pytest.fixture
def worker_env(tmp_path, settings):
    if not settings.CELERY_BROKER_URL:
        if os.environ.get("REQUIRE_SERVICES"):
            pytest.fail("REQUIRE_SERVICES is set but no CELERY_BROKER_URL is configured")
        pytest.skip("no Celery broker configured (set CELERY_BROKER_URL and REDIS_URL)")
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        if os.environ.get("REQUIRE_SERVICES"):
            pytest.fail("REQUIRE_SERVICES is set but the database is not PostgreSQL")
        pytest.skip(
            "the worker processes must share the test database, which SQLite keeps in memory; "
            "run with DATABASE_URL=postgres://…"
        )
    url = (
        f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    return {
        **os.environ,
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        # Slow every step so the job is observably running when the worker is killed.
        "REPORT_JOB_STEP_DELAY": "1.0",
        "REPORT_JOB_STALE_SECONDS": str(STALE_SECONDS),
        # Hand an unacknowledged message out again quickly instead of after an hour.
        "CELERY_VISIBILITY_TIMEOUT": str(STALE_SECONDS),
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
    }


def _start_worker(env: dict, name: str) -> subprocess.Popen:
    return subprocess.Popen(
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
            f"{name}-{os.getpid()}@%h",
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )


def _wait_for(job: ReportJob, condition, timeout: float) -> ReportJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if condition(job):
            return job
        time.sleep(0.2)
    return job


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_a_killed_worker_does_not_leave_the_job_running(worker_env, municipality, coordinator):
    from fagersta.celery import app

    app.conf.task_always_eager = False
    report = AnnualReportFactory(municipality=municipality, year=2021)
    first = _start_worker(worker_env, "first")
    second = None
    try:
        job = services.report_job_request(actor=coordinator, report=report)
        job = _wait_for(job, lambda j: j.status == JobStatus.RUNNING and j.progress > 0, timeout=90)
        assert job.status == JobStatus.RUNNING, f"the job never started: {job.status}"
        assert job.progress < 100

        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        job.refresh_from_db()
        assert job.status == JobStatus.RUNNING, "the job should have been cut off mid-way"

        # Once the message's visibility timeout and the job's heartbeat have both run out, a
        # new worker gets the message again and takes the job over.
        time.sleep(STALE_SECONDS + 1)
        second = _start_worker(worker_env, "second")
        job = _wait_for(job, lambda j: j.status in (JobStatus.DONE, JobStatus.FAILED), 120)
    finally:
        _stop(first)
        if second is not None:
            _stop(second)

    assert job.status in (JobStatus.DONE, JobStatus.FAILED), f"job left {job.status}"
    assert job.attempts == 2, "the second worker should have taken the job over"
    if job.status == JobStatus.DONE:
        assert job.version.file.read().startswith(b"%PDF")
    else:
        assert job.error
