"""Writes of the reports app: the written sections, report jobs and their versions, sharing."""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from municipalities import outbox
from municipalities.models import Municipality

from .models import AnnualReport, JobStatus, ReportJob, ReportVersion

logger = logging.getLogger(__name__)


@transaction.atomic
def annual_report_get_or_create(*, actor, municipality: Municipality, year: int) -> AnnualReport:
    report = AnnualReport.objects.for_municipality(municipality).filter(year=year).first()
    if report is not None:
        return report
    report = AnnualReport(municipality=municipality, year=year, updated_by=actor)
    report.full_clean()
    report.save()
    return report


class EditConflict(Exception):
    """Someone else saved the texts after this edit started; `current` is their version."""

    def __init__(self, current: AnnualReport):
        super().__init__("conflict")
        self.current = current


@transaction.atomic
def annual_report_update(
    *, actor, report: AnnualReport, version: int, **sections: str
) -> AnnualReport:
    """Save the coordinator's written sections, if nobody saved them since `version` was read."""
    unknown = set(sections) - set(AnnualReport.WRITTEN_SECTIONS)
    if unknown:
        raise ValueError(f"not a written section: {sorted(unknown)}")
    for name, text in sections.items():
        setattr(report, name, text.strip())
    report.updated_by = actor
    report.full_clean()
    claimed = AnnualReport.objects.filter(pk=report.pk, version=version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict(AnnualReport.objects.get(pk=report.pk))
    report.version = version + 1
    # save() keeps simple_history's record of who changed what.
    report.save(update_fields=[*sections, "updated_by", "updated_at", "version"])
    return report


@transaction.atomic
def report_job_request(*, actor, report: AnnualReport) -> ReportJob:
    """Create a job for the report and queue it once the transaction has committed.

    A job already queued or running for the same report is returned instead of a new one,
    so a double click does not generate twice.
    """
    # Lock the report row so that two requests at once cannot both find no active job.
    AnnualReport.objects.select_for_update().filter(pk=report.pk).first()
    existing = (
        ReportJob.objects.for_municipality(report.municipality)
        .filter(report=report)
        .active()
        .first()
    )
    if existing is not None and existing.is_stale:
        # Its worker died: fail it now, so "Generera" starts afresh instead of returning it.
        _fail_stale(ReportJob.objects.filter(pk=existing.pk))
        existing = None
    if existing is not None:
        return existing
    job = ReportJob(municipality=report.municipality, report=report, requested_by=actor)
    job.step = _("Väntar på en ledig arbetare")
    job.full_clean()
    job.save()
    from .tasks import generate_annual_report

    job_id = job.pk
    outbox.queue_after_commit(
        generate_annual_report, job_id, on_unavailable=lambda: _note_unqueued(job_id)
    )
    return job


def _note_unqueued(job_id: int) -> None:
    # The job stays queued: the periodic check sends it again once the broker answers.
    ReportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        step=_(
            "Kön för bakgrundsjobb svarar inte just nu. Jobbet startar av sig självt "
            "när den är tillbaka."
        )
    )


def _finish(job_id: int, *, status: str, error: str = "", extra: Q | None = None) -> int:
    now = timezone.now()
    qs = ReportJob.objects.filter(pk=job_id).exclude(status__in=[JobStatus.DONE])
    if extra is not None:
        qs = qs.filter(extra)
    fields = {"status": status, "finished_at": now, "heartbeat_at": now, "error": error}
    if status == JobStatus.DONE:
        fields.update(progress=100, step=_("Klar"))
    return qs.update(**fields)


def report_job_claim(*, job_id: int, task_id: str = "") -> int | None:
    """Take the job for this worker; return the attempt number that now owns it, or None.

    A queued job is claimed by exactly one worker thanks to the conditional update. A running
    job whose heartbeat has gone quiet belonged to a worker that died: its re-delivered task may
    take it over. The attempt number is a fencing token: a worker that lost the job can no
    longer write to it.
    """
    now = timezone.now()
    stale = now - timedelta(seconds=settings.REPORT_JOB_STALE_SECONDS)
    job = ReportJob.objects.filter(pk=job_id).values("attempts").first()
    if job is None:
        return None
    attempt = job["attempts"] + 1
    claimable = Q(status=JobStatus.QUEUED) | Q(status=JobStatus.RUNNING, heartbeat_at__lt=stale)
    claimed = (
        ReportJob.objects.filter(claimable, pk=job_id, attempts=job["attempts"])
        .filter(attempts__lt=settings.REPORT_JOB_MAX_ATTEMPTS)
        .update(
            status=JobStatus.RUNNING,
            attempts=attempt,
            started_at=now,
            heartbeat_at=now,
            progress=0,
            step=_("Startar"),
            error="",
            **({"task_id": task_id} if task_id else {}),
        )
    )
    if claimed:
        return attempt
    # Taken over too many times: the job keeps killing its workers, so stop trying.
    gave_up = ReportJob.objects.filter(
        claimable, pk=job_id, attempts__gte=settings.REPORT_JOB_MAX_ATTEMPTS
    ).update(
        status=JobStatus.FAILED,
        finished_at=now,
        error=ngettext(
            "Jobbet avbröts %(n)s gång och har stoppats. Starta det igen.",
            "Jobbet avbröts %(n)s gånger och har stoppats. Starta det igen.",
            settings.REPORT_JOB_MAX_ATTEMPTS,
        )
        % {"n": settings.REPORT_JOB_MAX_ATTEMPTS},
    )
    if gave_up:
        logger.error("Report job %s gave up after %s attempts", job_id, job["attempts"])
    return None


class JobLost(Exception):
    """The job was taken over or finished by someone else while this worker ran it."""


def report_job_progress(*, job_id: int, attempt: int, progress: int, step: str) -> None:
    updated = ReportJob.objects.filter(
        pk=job_id, attempts=attempt, status=JobStatus.RUNNING
    ).update(progress=progress, step=step[:200], heartbeat_at=timezone.now())
    if not updated:
        raise JobLost(job_id)


def report_job_run(*, job_id: int, attempt: int) -> ReportVersion | None:
    """Generate the PDF of the job's report step by step, recording progress as it goes."""
    from . import annual, pdf

    job = ReportJob.objects.select_related("report__municipality", "requested_by").get(pk=job_id)
    report = job.report

    def step(progress: int, text: str) -> None:
        report_job_progress(job_id=job_id, attempt=attempt, progress=progress, step=text)
        if settings.REPORT_JOB_STEP_DELAY:
            time.sleep(settings.REPORT_JOB_STEP_DELAY)

    try:
        with _heartbeat(job_id=job_id, attempt=attempt):
            context = annual.build(report, on_step=_scaled(step, 5, 70))
            step(75, _("Sätter ihop dokumentet"))
            html = pdf.render_html(context, for_pdf=True)
            step(80, _("Skapar PDF"))
            content = pdf.render_pdf(html, context)
            step(95, _("Sparar versionen"))
            version = report_version_save(
                job_id=job_id, attempt=attempt, actor=job.requested_by, content=content
            )
    except JobLost:
        logger.warning("Report job %s attempt %s lost the job to another worker", job_id, attempt)
        return None
    except Exception as exc:
        logger.exception("Report job %s failed", job_id)
        _finish(
            job_id,
            status=JobStatus.FAILED,
            error=_("Rapporten kunde inte skapas: %(error)s") % {"error": exc},
            extra=Q(attempts=attempt),
        )
        return None
    return version


@contextmanager
def _heartbeat(*, job_id: int, attempt: int):
    """Keep the job's heartbeat fresh from a thread while a step runs, however long it takes.

    Only a worker that is gone stops beating, so a stale heartbeat means a dead worker and the
    periodic check can act on it within REPORT_JOB_STALE_SECONDS.
    """
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(settings.REPORT_JOB_HEARTBEAT_SECONDS):
                ReportJob.objects.filter(
                    pk=job_id, attempts=attempt, status=JobStatus.RUNNING
                ).update(heartbeat_at=timezone.now())
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"report-job-{job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _scaled(step: Callable[[int, str], None], start: int, end: int):
    def on_step(fraction: float, text: str) -> None:
        step(int(start + (end - start) * fraction), text)

    return on_step


@transaction.atomic
def report_version_save(*, job_id: int, attempt: int, actor, content: bytes) -> ReportVersion:
    job = (
        ReportJob.objects.select_for_update().select_related("report__municipality").get(pk=job_id)
    )
    if job.attempts != attempt or job.status != JobStatus.RUNNING:
        raise JobLost(job_id)
    report = AnnualReport.objects.select_for_update().get(pk=job.report_id)
    number = (report.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ReportVersion(
        municipality=report.municipality,
        report=report,
        job=job,
        number=number,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        generated_at=timezone.now(),
        generated_by=actor,
    )
    version.file.save(
        f"arsrapport-{report.municipality.slug}-{report.year}-v{number}.pdf",
        ContentFile(content),
        save=False,
    )
    version.full_clean()
    version.save()
    _finish(job_id, status=JobStatus.DONE, extra=Q(attempts=attempt))
    return version


def report_jobs_fail_stuck(*, now=None) -> int:
    """The periodic check: act on jobs whose worker has gone quiet; return how many.

    A running job whose heartbeat is older than REPORT_JOB_STALE_SECONDS lost its worker (the
    heartbeat is written every REPORT_JOB_HEARTBEAT_SECONDS while it runs): it is queued again
    for another worker, or failed once it has used up its attempts. A queued job nobody has
    claimed is sent to the broker again (its first message may have been lost in a broker
    outage), and failed after REPORT_JOB_STUCK_MINUTES.
    """
    from .tasks import generate_annual_report

    now = now or timezone.now()
    stale = ReportJob.objects.filter(
        status=JobStatus.RUNNING,
        heartbeat_at__lt=now - timedelta(seconds=settings.REPORT_JOB_STALE_SECONDS),
    )
    count = _fail_stale(stale.filter(attempts__gte=settings.REPORT_JOB_MAX_ATTEMPTS), now=now)
    requeued = list(stale.values_list("pk", flat=True))
    count += ReportJob.objects.filter(pk__in=requeued, status=JobStatus.RUNNING).update(
        status=JobStatus.QUEUED,
        step=_("Arbetaren slutade svara. Jobbet startas om av en annan arbetare."),
    )
    limit = now - timedelta(minutes=settings.REPORT_JOB_STUCK_MINUTES)
    # A job queued again after its worker died keeps that worker's last heartbeat.
    never_started = ReportJob.objects.filter(
        Q(started_at__isnull=True, created_at__lt=limit) | Q(heartbeat_at__lt=limit),
        status=JobStatus.QUEUED,
    )
    failed = never_started.update(
        status=JobStatus.FAILED,
        finished_at=now,
        error=_(
            "Jobbet har inte kommit vidare på %(minutes)s minuter och har avbrutits "
            "(troligen stoppades arbetaren som körde det). Starta det igen."
        )
        % {"minutes": settings.REPORT_JOB_STUCK_MINUTES},
    )
    unclaimed = ReportJob.objects.filter(
        status=JobStatus.QUEUED,
        created_at__lt=now - timedelta(seconds=settings.REPORT_JOB_STALE_SECONDS),
    ).values_list("pk", flat=True)
    for job_id in {*requeued, *unclaimed}:
        if not outbox.enqueue(generate_annual_report, job_id, sweep=False):
            break
    if count or failed:
        logger.warning("Report jobs: %s taken from a dead worker, %s never started", count, failed)
    return count + failed


def _fail_stale(jobs, *, now=None) -> int:
    now = now or timezone.now()
    return jobs.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).update(
        status=JobStatus.FAILED,
        finished_at=now,
        error=_(
            "Arbetaren som skapade rapporten slutade svara och jobbet har avbrutits. "
            "Starta det igen."
        ),
    )


@transaction.atomic
def municipality_sharing_set(*, actor, municipality: Municipality, shares: bool) -> Municipality:
    """Opt the municipality in to (or out of) sharing aggregate figures with others."""
    if not actor.is_authenticated:
        raise ValidationError(_("Du måste vara inloggad."))
    municipality.shares_comparisons = shares
    municipality.full_clean()
    municipality.save(update_fields=["shares_comparisons"])
    return municipality
