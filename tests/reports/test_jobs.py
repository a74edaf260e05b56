import time
from datetime import timedelta

import pytest
from django.utils import timezone

from reports import services, tasks
from reports.models import JobStatus, ReportJob
from tests.reports.factories import ReportJobFactory

pytestmark = pytest.mark.django_db


def test_only_one_worker_claims_a_queued_job(annual_report):
    job = ReportJobFactory(report=annual_report)
    assert services.report_job_claim(job_id=job.pk) == 1
    assert services.report_job_claim(job_id=job.pk) is None
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING
    assert job.attempts == 1


def test_a_redelivered_task_takes_over_a_job_whose_worker_went_quiet(settings, annual_report):
    settings.REPORT_JOB_STALE_SECONDS = 60
    job = ReportJobFactory(
        report=annual_report,
        status=JobStatus.RUNNING,
        attempts=1,
        heartbeat_at=timezone.now() - timedelta(seconds=61),
    )
    assert services.report_job_claim(job_id=job.pk) == 2


def test_a_live_job_is_not_taken_over(settings, annual_report):
    settings.REPORT_JOB_STALE_SECONDS = 60
    job = ReportJobFactory(
        report=annual_report,
        status=JobStatus.RUNNING,
        attempts=1,
        heartbeat_at=timezone.now() - timedelta(seconds=5),
    )
    assert services.report_job_claim(job_id=job.pk) is None
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.RUNNING, 1)


def test_a_worker_that_lost_the_job_cannot_write_to_it(annual_report):
    job = ReportJobFactory(report=annual_report)
    first = services.report_job_claim(job_id=job.pk)
    ReportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    second = services.report_job_claim(job_id=job.pk)
    assert second == first + 1
    with pytest.raises(services.JobLost):
        services.report_job_progress(job_id=job.pk, attempt=first, progress=50, step="x")
    assert services.report_job_run(job_id=job.pk, attempt=first) is None
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING
    assert not hasattr(job, "version")
    assert services.report_job_run(job_id=job.pk, attempt=second) is not None
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error


def test_a_job_that_keeps_killing_workers_is_failed(settings, annual_report):
    settings.REPORT_JOB_MAX_ATTEMPTS = 3
    job = ReportJobFactory(
        report=annual_report,
        status=JobStatus.RUNNING,
        attempts=3,
        heartbeat_at=timezone.now() - timedelta(hours=1),
    )
    assert services.report_job_claim(job_id=job.pk) is None
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "Starta det igen" in job.error


def test_the_periodic_check_fails_jobs_never_started(settings, annual_report, monkeypatch):
    settings.REPORT_JOB_STUCK_MINUTES = 30
    monkeypatch.setattr(tasks.generate_annual_report, "apply_async", lambda *a, **k: None)
    old = timezone.now() - timedelta(minutes=31)
    alive = ReportJobFactory(
        report=annual_report, status=JobStatus.RUNNING, heartbeat_at=timezone.now()
    )
    never_picked_up = ReportJobFactory(report=annual_report)
    ReportJob.objects.filter(pk=never_picked_up.pk).update(created_at=old)

    assert tasks.fail_stuck_report_jobs() == 1

    for job, status in ((alive, "running"), (never_picked_up, "failed")):
        job.refresh_from_db()
        assert job.status == status
    assert "har inte kommit vidare på 30 minuter" in never_picked_up.error
    assert never_picked_up.finished_at is not None


def test_with_the_defaults_a_job_whose_worker_died_is_taken_over_within_two_minutes(
    annual_report, monkeypatch
):
    queued = []
    monkeypatch.setattr(
        tasks.generate_annual_report, "apply_async", lambda args, **k: queued.append(args)
    )
    died = timezone.now()
    job = ReportJobFactory(
        report=annual_report, status=JobStatus.RUNNING, attempts=1, heartbeat_at=died
    )
    # Still beating a moment ago: nothing to do.
    assert services.report_jobs_fail_stuck(now=died + timedelta(seconds=30)) == 0
    # The heartbeat (every 10 s while the job runs) has been silent for over a minute.
    assert services.report_jobs_fail_stuck(now=died + timedelta(seconds=90)) == 1
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    assert queued == [(job.pk,)]
    assert services.report_job_claim(job_id=job.pk) == 2


def test_a_job_that_lost_its_last_worker_is_failed_with_a_message(settings, annual_report):
    job = ReportJobFactory(
        report=annual_report,
        status=JobStatus.RUNNING,
        attempts=settings.REPORT_JOB_MAX_ATTEMPTS,
        heartbeat_at=timezone.now() - timedelta(minutes=5),
    )
    assert services.report_jobs_fail_stuck() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "slutade svara" in job.error


def test_the_checks_run_often_enough_for_two_minutes(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["reports-fail-stuck-jobs"]
    interval = entry["schedule"]
    assert (
        interval + settings.REPORT_JOB_STALE_SECONDS + settings.REPORT_JOB_HEARTBEAT_SECONDS < 120
    )


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_beats_while_a_long_step_runs(settings, annual_report, monkeypatch):
    from reports import annual

    settings.REPORT_JOB_HEARTBEAT_SECONDS = 0.1
    job = ReportJobFactory(report=annual_report)
    attempt = services.report_job_claim(job_id=job.pk)
    started = ReportJob.objects.get(pk=job.pk).heartbeat_at
    beats = []

    def slow_build(report, on_step):
        # A step far longer than a heartbeat, which writes nothing itself.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not beats:
            time.sleep(0.1)
            value = ReportJob.objects.filter(pk=job.pk).values_list("heartbeat_at", flat=True)
            if value[0] > started:
                beats.append(value[0])
        raise RuntimeError("stop here")

    monkeypatch.setattr(annual, "build", slow_build)
    services.report_job_run(job_id=job.pk, attempt=attempt)
    assert beats, "the heartbeat did not move during a long step"


def test_the_periodic_check_is_scheduled(settings):
    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "reports.tasks.fail_stuck_report_jobs" in tasks_scheduled


def test_a_failing_step_marks_the_job_failed_with_the_error(annual_report, monkeypatch):
    from reports import pdf

    def broken(*args, **kwargs):
        raise RuntimeError("typsnittet saknas")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    job = ReportJobFactory(report=annual_report)
    tasks.generate_annual_report.delay(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "typsnittet saknas" in job.error
