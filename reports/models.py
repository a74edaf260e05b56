"""The annual report, the jobs that generate its PDF and the versions they leave behind."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fagersta.bounds import LONG_TEXT
from municipalities.history import TenantHistoricalRecords
from municipalities.models import Municipality, TenantQuerySet

from .storage import report_storage


class AnnualReport(models.Model):
    """A municipality's annual report on crime prevention for one year.

    Only the written sections live here; everything else in the report is generated from the
    data of the year when the PDF is made.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(
        _("år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    introduction = models.TextField(
        _("inledning"),
        blank=True,
        help_text=_("Hur arbetet är organiserat och vad som präglat året."),
        max_length=LONG_TEXT,
    )
    evaluation = models.TextField(
        _("utvärdering och utvecklingsarbete"),
        blank=True,
        help_text=_("Utvärderingar av arbetet och vad som görs med deras resultat."),
        max_length=LONG_TEXT,
    )
    results_and_challenges = models.TextField(
        _("positiva resultat och framtida utmaningar"), blank=True, max_length=LONG_TEXT
    )
    summary = models.TextField(_("sammanfattning"), blank=True, max_length=LONG_TEXT)
    # Bumped by every save of the texts, so that two people writing at once never silently
    # overwrite each other.
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenantQuerySet.as_manager()
    history = TenantHistoricalRecords()

    WRITTEN_SECTIONS = ("introduction", "evaluation", "results_and_challenges", "summary")

    class Meta:
        ordering = ["-year"]
        verbose_name = _("årsrapport")
        verbose_name_plural = _("årsrapporter")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="unique_annual_report_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("I kö")
    RUNNING = "running", _("Pågår")
    DONE = "done", _("Klar")
    FAILED = "failed", _("Misslyckades")


class ReportJobQuerySet(TenantQuerySet):
    def active(self):
        return self.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING])


class ReportJob(models.Model):
    """One run of annual report generation: its state, progress and outcome, shown in the UI."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="report_jobs"
    )
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="jobs")
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(
        _("förlopp"), default=0, validators=[MaxValueValidator(100)]
    )
    step = models.CharField(_("steg"), max_length=200, blank=True)
    error = models.TextField(_("fel"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    task_id = models.CharField(max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ReportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("rapportjobb")
        verbose_name_plural = _("rapportjobb")

    def __str__(self) -> str:
        return f"{self.report} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    @property
    def is_stale(self) -> bool:
        """Running, but its worker has stopped beating: the worker is gone."""
        if self.status != JobStatus.RUNNING or self.heartbeat_at is None:
            return False
        quiet = timezone.now() - self.heartbeat_at
        return quiet > timedelta(seconds=settings.REPORT_JOB_STALE_SECONDS)

    def clean(self):
        if self.report_id and self.report.municipality_id != self.municipality_id:
            raise ValidationError(_("Rapporten hör till en annan kommun."))


def version_path(instance: ReportVersion, filename: str) -> str:
    return f"arsrapporter/{instance.municipality.slug}/{instance.report.year}/{filename}"


class ReportVersion(models.Model):
    """A generated PDF of an annual report; every version is kept and stays downloadable."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="report_versions"
    )
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="versions")
    job = models.OneToOneField(
        ReportJob, on_delete=models.SET_NULL, null=True, blank=True, related_name="version"
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(
        _("fil"), upload_to=version_path, storage=report_storage, max_length=300
    )
    size = models.PositiveIntegerField(_("storlek (byte)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    generated_at = models.DateTimeField(_("skapad"))
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skapad av"),
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("rapportversion")
        verbose_name_plural = _("rapportversioner")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="unique_report_version")
        ]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"

    @property
    def filename(self) -> str:
        return f"arsrapport-{self.municipality.slug}-{self.report.year}-v{self.number}.pdf"

    def clean(self):
        if self.report_id and self.report.municipality_id != self.municipality_id:
            raise ValidationError(_("Rapporten hör till en annan kommun."))
