"""Background jobs of the reports app. Tasks take ids and call services."""

from __future__ import annotations

from celery import shared_task

from . import services
from .models import ReportJob


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def generate_annual_report(self, job_id: int) -> str:
    """Claim the job and generate its PDF.

    A worker that dies leaves the job's heartbeat to go stale; the periodic check then queues
    the job again (or fails it), and a worker that claims it takes it over. A message for a job
    someone else holds, or that is finished, does nothing.
    """
    attempt = services.report_job_claim(job_id=job_id, task_id=self.request.id or "")
    if attempt is None:
        status = ReportJob.objects.filter(pk=job_id).values_list("status", flat=True).first()
        return status or "missing"
    services.report_job_run(job_id=job_id, attempt=attempt)
    return ReportJob.objects.filter(pk=job_id).values_list("status", flat=True).first() or ""


@shared_task
def fail_stuck_report_jobs() -> int:
    """Beat job (every 30 seconds): take over or fail jobs whose worker went quiet."""
    return services.report_jobs_fail_stuck()
