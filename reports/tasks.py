"""Background jobs of the reports app. Tasks take ids and call services."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from . import services
from .models import JobStatus, ReportJob


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=10)
def generate_annual_report(self, job_id: int) -> str:
    """Claim the job and generate its PDF.

    The message is acknowledged only when this returns, so if the worker dies the broker hands
    the task to another worker, which takes over the job once its heartbeat has gone quiet.
    """
    attempt = services.report_job_claim(job_id=job_id, task_id=self.request.id or "")
    if attempt is None:
        status = ReportJob.objects.filter(pk=job_id).values_list("status", flat=True).first()
        if status == JobStatus.RUNNING and not self.request.is_eager:
            # Someone else holds it and was alive a moment ago: look again once the
            # heartbeat would have gone stale, in case that worker has died since.
            raise self.retry(countdown=settings.REPORT_JOB_STALE_SECONDS + 1)
        return status or "missing"
    services.report_job_run(job_id=job_id, attempt=attempt)
    return ReportJob.objects.filter(pk=job_id).values_list("status", flat=True).first() or ""


@shared_task
def fail_stuck_report_jobs() -> int:
    return services.report_jobs_fail_stuck()
