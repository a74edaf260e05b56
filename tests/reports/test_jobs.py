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


def test_the_periodic_check_fails_stuck_jobs_with_a_clear_error(settings, annual_report):
    settings.REPORT_JOB_STUCK_MINUTES = 30
    old = timezone.now() - timedelta(minutes=31)
    stuck = ReportJobFactory(report=annual_report, status=JobStatus.RUNNING, heartbeat_at=old)
    alive = ReportJobFactory(
        report=annual_report, status=JobStatus.RUNNING, heartbeat_at=timezone.now()
    )
    never_picked_up = ReportJobFactory(report=annual_report)
    ReportJob.objects.filter(pk=never_picked_up.pk).update(created_at=old)

    assert tasks.fail_stuck_report_jobs() == 2

    for job, status in ((stuck, "failed"), (alive, "running"), (never_picked_up, "failed")):
        job.refresh_from_db()
        assert job.status == status
    assert "har inte kommit vidare på 30 minuter" in stuck.error
    assert stuck.finished_at is not None


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
