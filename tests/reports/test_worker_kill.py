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
        "REPORT_JOB_HEARTBEAT_SECONDS": "0.5",
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


@pytest.fixture
def default_env(worker_env):
    """The worker's environment with every timeout at its default: only the steps are slowed,
    so that the job is still running when its worker is killed."""
    env = {
        k: v
        for k, v in worker_env.items()
        if not k.startswith(("REPORT_JOB_", "CELERY_VISIBILITY", "CELERY_UNACKED"))
    }
    env["REPORT_JOB_STEP_DELAY"] = "1.0"
    return env


def _start(env: dict, *args: str) -> subprocess.Popen:
    # A session of its own, so that the whole worker (main process and pool children) can be
    # killed at once, as when its machine or container dies.
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "fagersta", *args, "--loglevel=WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        start_new_session=True,
    )


def _end(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_with_the_defaults_a_killed_worker_is_taken_over_within_two_minutes(
    default_env, municipality, coordinator, tmp_path
):
    from fagersta.celery import app

    assert settings.REPORT_JOB_STALE_SECONDS == 60, "run with the default settings"
    app.conf.task_always_eager = False
    report = AnnualReportFactory(municipality=municipality, year=2021)
    worker = ["worker", "--pool=prefork", "--concurrency=1", "--without-gossip", "--without-mingle"]
    first = _start(default_env, *worker, "--hostname", f"first-{os.getpid()}@%h")
    others = []
    try:
        job = services.report_job_request(actor=coordinator, report=report)
        job = _wait_for(job, lambda j: j.status == JobStatus.RUNNING and j.progress > 0, timeout=90)
        assert job.status == JobStatus.RUNNING, f"the job never started: {job.status}"

        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        killed = time.monotonic()
        job.refresh_from_db()
        assert (job.status, job.attempts) == (JobStatus.RUNNING, 1), "killed mid-way"

        # What production runs beside the dead worker: beat and another worker.
        others.append(_start(default_env, "beat", "--schedule", str(tmp_path / "beat")))
        others.append(_start(default_env, *worker, "--hostname", f"second-{os.getpid()}@%h"))
        job = _wait_for(job, lambda j: j.attempts >= 2 or j.status == JobStatus.FAILED, timeout=130)
        elapsed = time.monotonic() - killed
    finally:
        _end(first)
        for process in others:
            _end(process)

    assert job.attempts >= 2 or job.status == JobStatus.FAILED, f"still {job.status}"
    assert elapsed < 120, f"the dead worker's job was left for {elapsed:.0f} s"
    if job.status == JobStatus.FAILED:
        assert job.error
