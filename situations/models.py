"""Reporting periods, situation reports, the compiled lägesbild, problems and meetings."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fagersta.bounds import LONG_TEXT, TEXT, ModelDateField
from municipalities.history import TenantHistoricalRecords
from municipalities.models import (
    Area,
    Municipality,
    Organisation,
    Place,
    TenantQuerySet,
    tenant_queryset,
)

from .personal_data import validate_no_personal_data


class Status(models.TextChoices):
    """How things are in an area. Shown with a word and a symbol, never by colour alone."""

    GREEN = "green", _("Grön")
    YELLOW = "yellow", _("Gul")
    RED = "red", _("Röd")
    NONE = "none", _("Ingen information")


# Each status has its own shape as well as its word, so it reads in black and white too.
STATUS_SYMBOLS = {
    Status.GREEN: "●",
    Status.YELLOW: "▲",
    Status.RED: "■",
    Status.NONE: "–",
}
# From calm to serious; used to break ties towards the more serious status.
STATUS_SEVERITY = {Status.NONE: 0, Status.GREEN: 1, Status.YELLOW: 2, Status.RED: 3}


class Trend(models.TextChoices):
    BETTER = "better", _("Bättre")
    SAME = "same", _("Oförändrat")
    WORSE = "worse", _("Sämre")


TREND_SYMBOLS = {Trend.BETTER: "↑", Trend.SAME: "→", Trend.WORSE: "↓"}


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("måndag")
    TUESDAY = 1, _("tisdag")
    WEDNESDAY = 2, _("onsdag")
    THURSDAY = 3, _("torsdag")
    FRIDAY = 4, _("fredag")


class ReportingSchedule(models.Model):
    """How often a municipality's EST group reports, and when each report is due.

    Periods start on a Monday and last `interval_weeks` weeks, counted from `anchor`, so the
    rhythm holds across new year whatever the number of ISO weeks in a year.
    """

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="reporting_schedule"
    )
    interval_weeks = models.PositiveSmallIntegerField(
        _("veckor per period"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
        help_text=_("2 betyder rapportering varannan vecka."),
    )
    anchor = ModelDateField(
        _("första periodens början"),
        default=datetime.date(2021, 1, 4),
        help_text=_("En måndag; perioderna räknas framåt och bakåt från den."),
    )
    deadline_weekday = models.PositiveSmallIntegerField(
        _("sista rapportdag"),
        choices=Weekday.choices,
        default=Weekday.THURSDAY,
        help_text=_("Veckodag i periodens sista vecka då rapporterna ska vara inne."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("påminnelse dagar före"),
        default=2,
        validators=[MaxValueValidator(14)],
        help_text=_("Så många dagar före sista rapportdag får den som inte rapporterat ett mejl."),
    )
    create_ahead_days = models.PositiveSmallIntegerField(
        _("skapa nästa period dagar före"),
        default=7,
        validators=[MaxValueValidator(60)],
    )
    close_after_days = models.PositiveSmallIntegerField(
        _("stäng perioden dagar efter slutet"),
        default=7,
        validators=[MaxValueValidator(90)],
        help_text=_(
            "Rapporterna kan ändras tills perioden stängs; samordnaren kan också stänga den "
            "tidigare eller öppna den igen."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapporteringsschema")
        verbose_name_plural = _("rapporteringsscheman")

    def __str__(self) -> str:
        return str(self.municipality)

    def clean(self):
        if self.anchor and self.anchor.weekday() != 0:
            raise ValidationError({"anchor": _("Perioderna börjar på en måndag.")})

    def period_containing(self, day: datetime.date) -> tuple[datetime.date, datetime.date]:
        """Start and end of the period that `day` falls in."""
        length = 7 * self.interval_weeks
        offset = (day - self.anchor).days // length
        start = self.anchor + datetime.timedelta(days=offset * length)
        return start, start + datetime.timedelta(days=length - 1)

    def deadline_for(self, start: datetime.date) -> datetime.date:
        last_monday = start + datetime.timedelta(weeks=self.interval_weeks - 1)
        return last_monday + datetime.timedelta(days=self.deadline_weekday)


class PeriodStatus(models.TextChoices):
    OPEN = "open", _("Öppen")
    CLOSED = "closed", _("Stängd")


class ReportingPeriod(models.Model):
    """One reporting period of a municipality: reports are filed and edited while it is open."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="reporting_periods"
    )
    starts_on = ModelDateField(_("börjar"))
    ends_on = ModelDateField(_("slutar"))
    deadline = ModelDateField(_("sista rapportdag"))
    status = models.CharField(
        _("status"), max_length=10, choices=PeriodStatus.choices, default=PeriodStatus.OPEN
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("rapporteringsperiod")
        verbose_name_plural = _("rapporteringsperioder")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "starts_on"], name="unique_period_start"
            )
        ]

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self) -> str:
        first = self.starts_on.isocalendar()
        last = self.ends_on.isocalendar()
        if first.week == last.week:
            return _("v. %(week)s %(year)s") % {"week": first.week, "year": last.year}
        return _("v. %(first)s–%(last)s %(year)s") % {
            "first": first.week,
            "last": last.week,
            "year": last.year,
        }

    @property
    def is_open(self) -> bool:
        return self.status == PeriodStatus.OPEN

    @property
    def year(self) -> int:
        return self.starts_on.isocalendar().year

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Perioden kan inte sluta innan den börjar.")})
        if (
            self.deadline
            and self.starts_on
            and self.ends_on
            and not self.starts_on <= self.deadline <= self.ends_on
        ):
            raise ValidationError({"deadline": _("Sista rapportdag ligger inom perioden.")})


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inskickad")


class SituationReport(models.Model):
    """One organisation's lägesrapport for one period: an assessment per area.

    `version` grows by one with every save; a save that was started from an older version is
    refused, so two people editing the same report never overwrite each other unnoticed.
    """

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reports")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="situation_reports"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_queryset("period__municipality").as_manager()
    history = TenantHistoricalRecords()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("lägesrapport")
        verbose_name_plural = _("lägesrapporter")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "organisation"], name="unique_report_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.period}"

    @property
    def is_submitted(self) -> bool:
        return self.status == ReportStatus.SUBMITTED

    def clean(self):
        if (
            self.organisation_id
            and self.period_id
            and self.organisation.municipality_id != self.period.municipality_id
        ):
            raise ValidationError({"organisation": _("Organisationen hör till en annan kommun.")})


class Assessment(models.Model):
    """How one organisation sees one area in one period: status, trend, a few words, where, when."""

    report = models.ForeignKey(
        SituationReport, on_delete=models.CASCADE, related_name="assessments"
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(_("läge"), max_length=10, choices=Status.choices, default=Status.NONE)
    trend = models.CharField(
        _("utveckling"), max_length=10, choices=Trend.choices, default=Trend.SAME
    )
    text = models.TextField(
        _("kort beskrivning"),
        max_length=1000,
        blank=True,
        validators=[validate_no_personal_data],
    )
    places = models.ManyToManyField(
        Place, blank=True, related_name="assessments", verbose_name=_("platser")
    )
    other_place = models.CharField(
        _("annan plats"),
        max_length=150,
        blank=True,
        validators=[validate_no_personal_data],
        help_text=_(
            "En plats som inte finns i listan; samordnaren lägger till den eller slår ihop "
            "den med en befintlig."
        ),
    )
    when = models.CharField(
        _("när"),
        max_length=200,
        blank=True,
        validators=[validate_no_personal_data],
        help_text=_("Till exempel kvällar, helger, skolluncher."),
    )

    objects = tenant_queryset("report__period__municipality").as_manager()
    # The places are recorded with every change, so the report's history shows them moving.
    history = TenantHistoricalRecords(m2m_fields=["places"])

    class Meta:
        ordering = ["area__position", "area__name"]
        verbose_name = _("bedömning")
        verbose_name_plural = _("bedömningar")
        constraints = [
            models.UniqueConstraint(fields=["report", "area"], name="unique_assessment_area")
        ]

    def __str__(self) -> str:
        return f"{self.report} – {self.area}"


class PictureStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    PUBLISHED = "published", _("Publicerad")


class CompiledPicture(models.Model):
    """The period's joint lägesbild: the coordinator's status and analysis per area, and overall.

    Publishing it queues every reporter's feedback e-mail once (`feedback_sent_at` records
    when). `version` guards against concurrent edits as on SituationReport.
    """

    period = models.OneToOneField(ReportingPeriod, on_delete=models.CASCADE, related_name="picture")
    status = models.CharField(
        _("status"), max_length=10, choices=PictureStatus.choices, default=PictureStatus.DRAFT
    )
    analysis = models.TextField(
        _("samlad analys"), blank=True, validators=[validate_no_personal_data], max_length=LONG_TEXT
    )
    decisions = models.TextField(
        _("beslut och åtgärder"),
        blank=True,
        validators=[validate_no_personal_data],
        help_text=_("Vad gruppen beslutade; skickas till rapportörerna som återkoppling."),
        max_length=LONG_TEXT,
    )
    version = models.PositiveIntegerField(default=1)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    feedback_sent_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_queryset("period__municipality").as_manager()
    history = TenantHistoricalRecords()

    class Meta:
        verbose_name = _("sammanställd lägesbild")
        verbose_name_plural = _("sammanställda lägesbilder")

    def __str__(self) -> str:
        return str(self.period)

    @property
    def is_published(self) -> bool:
        return self.status == PictureStatus.PUBLISHED


class AreaJudgement(models.Model):
    """The joint status and analysis of one area in a compiled lägesbild."""

    picture = models.ForeignKey(CompiledPicture, on_delete=models.CASCADE, related_name="areas")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="judgements")
    status = models.CharField(
        _("gemensamt läge"), max_length=10, choices=Status.choices, default=Status.NONE
    )
    trend = models.CharField(
        _("utveckling"), max_length=10, choices=Trend.choices, default=Trend.SAME
    )
    analysis = models.TextField(
        _("analys"), blank=True, validators=[validate_no_personal_data], max_length=LONG_TEXT
    )

    objects = tenant_queryset("picture__period__municipality").as_manager()
    history = TenantHistoricalRecords()

    class Meta:
        ordering = ["area__position", "area__name"]
        verbose_name = _("områdesbedömning")
        verbose_name_plural = _("områdesbedömningar")
        constraints = [
            models.UniqueConstraint(fields=["picture", "area"], name="unique_judgement_area")
        ]

    def __str__(self) -> str:
        return f"{self.picture} – {self.area}"


class Guidelines(models.Model):
    """The EST group's mission description and reporting guidelines, kept by the coordinator.
    `version` guards against concurrent edits as on SituationReport."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="est_guidelines"
    )
    mission = models.TextField(_("uppdragsbeskrivning"), max_length=LONG_TEXT)
    guidelines = models.TextField(_("riktlinjer för rapporteringen"), max_length=LONG_TEXT)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenantQuerySet.as_manager()
    history = TenantHistoricalRecords()

    class Meta:
        verbose_name = _("riktlinjer")
        verbose_name_plural = _("riktlinjer")

    def __str__(self) -> str:
        return str(self.municipality)


class GuidelinesReading(models.Model):
    """That a member has read the guidelines; until then the report form shows them first."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guidelines_readings"
    )
    read_at = models.DateTimeField(default=timezone.now)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("läst riktlinjer")
        verbose_name_plural = _("lästa riktlinjer")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "user"], name="unique_reading")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality}"


class NotificationKind(models.TextChoices):
    REMINDER = "reminder", _("Påminnelse")
    FEEDBACK = "feedback", _("Återkoppling")


class Notification(models.Model):
    """An e-mail sent to one person about one period; the unique constraint makes it once only."""

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="notifications"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=NotificationKind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    objects = tenant_queryset("period__municipality").as_manager()

    class Meta:
        verbose_name = _("utskick")
        verbose_name_plural = _("utskick")
        constraints = [
            models.UniqueConstraint(fields=["period", "user", "kind"], name="unique_notification")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.user} – {self.period}"


class ProblemStatus(models.TextChoices):
    OPEN = "open", _("Öppet")
    IN_PROGRESS = "in_progress", _("Pågår")
    ESCALATED = "escalated", _("Lyft till Brå")
    CLOSED = "closed", _("Avslutat")


class ProblemQuerySet(TenantQuerySet):
    def unresolved(self):
        return self.exclude(status=ProblemStatus.CLOSED)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.unresolved().filter(due_date__lt=today)


class Problem(models.Model):
    """Something the lägesbild revealed that needs an owner and a plan, followed until closed.
    `version` guards against concurrent edits as on SituationReport."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="problems"
    )
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="problems",
        verbose_name=_("upptäckt i period"),
    )
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="problems", verbose_name=_("område")
    )
    place = models.ForeignKey(
        Place,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="problems",
        verbose_name=_("plats"),
    )
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(
        _("beskrivning"), validators=[validate_no_personal_data], max_length=TEXT
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_problems",
        verbose_name=_("ägare"),
    )
    due_date = ModelDateField(_("klart senast"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProblemStatus.choices, default=ProblemStatus.OPEN
    )
    resolution = models.TextField(
        _("hur det löstes"), blank=True, validators=[validate_no_personal_data], max_length=TEXT
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProblemQuerySet.as_manager()
    history = TenantHistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("problem")
        verbose_name_plural = _("problem")

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return (
            self.status != ProblemStatus.CLOSED
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )

    def clean(self):
        errors = {}
        if self.period_id and self.period.municipality_id != self.municipality_id:
            errors["period"] = _("Perioden hör till en annan kommun.")
        if self.place_id and self.place.municipality_id != self.municipality_id:
            errors["place"] = _("Platsen hör till en annan kommun.")
        if self.area_id and self.area.municipality_id not in (None, self.municipality_id):
            errors["area"] = _("Området hör till en annan kommun.")
        if self.status == ProblemStatus.CLOSED and not self.resolution.strip():
            errors["resolution"] = _("Skriv hur problemet löstes innan det avslutas.")
        if errors:
            raise ValidationError(errors)


class MeetingKind(models.TextChoices):
    EST = "est", _("EST-möte")
    COUNCIL = "council", _("Brå-möte")


class Meeting(models.Model):
    """A meeting of the EST group or of the local crime-prevention council (Brå).
    `version` guards against concurrent edits as on SituationReport."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(_("typ av möte"), max_length=10, choices=MeetingKind.choices)
    date = ModelDateField(_("datum"))
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="meetings", verbose_name=_("närvarande")
    )
    notes = models.TextField(
        _("anteckningar"), blank=True, validators=[validate_no_personal_data], max_length=LONG_TEXT
    )
    decisions = models.TextField(
        _("beslut"), blank=True, validators=[validate_no_personal_data], max_length=LONG_TEXT
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("möte")
        verbose_name_plural = _("möten")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%Y-%m-%d}"
