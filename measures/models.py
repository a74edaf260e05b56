"""Measures (insatser), the action plan (åtgärdsplan), cause analyses and the annual calendar."""

from __future__ import annotations

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fagersta.bounds import LONG_TEXT, TEXT, ModelDateField
from municipalities.history import TenantHistoricalRecords
from municipalities.models import (
    Area,
    Municipality,
    Organisation,
    TenantQuerySet,
    tenant_queryset,
)
from situations.models import Problem


class Partner(models.Model):
    """An outside party a municipality runs measures with: a retailer, a club, a church…"""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="measure_partners"
    )
    name = models.CharField(_("namn"), max_length=150)
    description = models.CharField(_("beskrivning"), max_length=300, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partner")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_partner_name")
        ]

    def __str__(self) -> str:
        return self.name


class MeasureLevel(models.TextChoices):
    UNIVERSAL = "universal", _("Universell")
    GROUP = "group", _("Grupp")
    INDIVIDUAL = "individual", _("Individ")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planerad")
    ONGOING = "ongoing", _("Pågår")
    COMPLETED = "completed", _("Genomförd")
    PAUSED = "paused", _("Vilande")
    CANCELLED = "cancelled", _("Inställd")


class Measure(models.Model):
    """A piece of crime-prevention work (insats): what is done, with whom, for whom and
    what came of it. The level describes the measure (universal, group, individual),
    never a person."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="measures"
    )
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True, max_length=TEXT)
    areas = models.ManyToManyField(
        Area, related_name="measures", verbose_name=_("områden"), blank=True
    )
    level = models.CharField(
        _("nivå"), max_length=20, choices=MeasureLevel.choices, default=MeasureLevel.UNIVERSAL
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    start_date = ModelDateField(_("startdatum"), null=True, blank=True)
    end_date = ModelDateField(_("slutdatum"), null=True, blank=True)
    responsible_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("ansvarig organisation"),
    )
    partners = models.ManyToManyField(
        Partner, related_name="measures", verbose_name=_("partner"), blank=True
    )
    funding_source = models.CharField(_("finansiering"), max_length=200, blank=True)
    funding_amount = models.PositiveIntegerField(_("belopp (kronor)"), null=True, blank=True)
    target_group = models.CharField(_("målgrupp"), max_length=200, blank=True)
    reach_number = models.PositiveIntegerField(_("räckvidd, antal"), null=True, blank=True)
    reach_unit = models.CharField(
        _("räckvidd, enhet"),
        max_length=60,
        blank=True,
        help_text=_("Till exempel ”unga”, ”visningar” eller ”deltagare”."),
    )
    problems = models.ManyToManyField(
        Problem, related_name="measures", verbose_name=_("problem"), blank=True
    )
    promises = models.ManyToManyField(
        "promises.Promise", related_name="measures", verbose_name=_("medborgarlöften"), blank=True
    )
    commitments = models.ManyToManyField(
        "promises.Commitment", related_name="measures", verbose_name=_("åtaganden"), blank=True
    )
    outcome = models.TextField(_("resultat"), blank=True, max_length=TEXT)
    lessons_learned = models.TextField(_("lärdomar"), blank=True, max_length=TEXT)
    is_public = models.BooleanField(
        _("visas offentligt"),
        default=False,
        help_text=_("Insatsen visas för invånare på kommunens offentliga sida."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenantQuerySet.as_manager()
    history = TenantHistoricalRecords()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Slutdatum kan inte ligga före startdatum.")
        if self.reach_number is not None and not self.reach_unit.strip():
            errors["reach_unit"] = _("Ange vad räckvidden räknas i, till exempel ”unga”.")
        if self.reach_unit.strip() and self.reach_number is None:
            errors["reach_number"] = _("Ange ett antal för räckvidden.")
        if self.funding_amount is not None and not self.funding_source.strip():
            errors["funding_source"] = _("Ange varifrån pengarna kommer.")
        if errors:
            raise ValidationError(errors)


class ActionPlanStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    PROPOSED = "proposed", _("Väntar på beslut")
    RETURNED = "returned", _("Återremitterad")
    ADOPTED = "adopted", _("Antagen")
    SUPERSEDED = "superseded", _("Ersatt")


class ActionPlanQuerySet(TenantQuerySet):
    def adopted(self):
        return self.filter(status=ActionPlanStatus.ADOPTED)


class ActionPlan(models.Model):
    """One version of a municipality's åtgärdsplan under the 2023 law: goals per area, the
    measures serving them, the political decision and the date it is next reviewed.
    Only drafts and returned versions can be changed; one version at a time is adopted."""

    EDITABLE = (ActionPlanStatus.DRAFT, ActionPlanStatus.RETURNED)

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="action_plans"
    )
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("rubrik"), max_length=200)
    summary = models.TextField(
        _("sammanfattning"),
        blank=True,
        help_text=_("Vad lägesbilden och analysen visar."),
        max_length=LONG_TEXT,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActionPlanStatus.choices,
        default=ActionPlanStatus.DRAFT,
    )
    decision_body = models.CharField(_("beslutande organ"), max_length=120, blank=True)
    decision_date = ModelDateField(_("beslutsdatum"), null=True, blank=True)
    decision_reference = models.CharField(_("paragraf"), max_length=60, blank=True)
    review_date = ModelDateField(_("nästa översyn"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionPlanQuerySet.as_manager()
    history = TenantHistoricalRecords()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("åtgärdsplan")
        verbose_name_plural = _("åtgärdsplaner")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "version"], name="unique_action_plan_version"
            ),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=models.Q(status="adopted"),
                name="one_adopted_action_plan",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    def clean(self):
        if self.status == ActionPlanStatus.ADOPTED:
            missing = {
                field: _("Ett antaget beslut behöver detta.")
                for field in ("decision_body", "decision_date", "decision_reference")
                if not getattr(self, field)
            }
            if self.review_date is None:
                missing["review_date"] = _("Ange när planen ska ses över nästa gång.")
            if missing:
                raise ValidationError(missing)
        if self.decision_date and self.review_date and self.review_date <= self.decision_date:
            raise ValidationError(
                {"review_date": _("Nästa översyn måste ligga efter beslutsdatum.")}
            )


class ActionPlanGoal(models.Model):
    """A goal of an action plan within one area, with the measures that serve it."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goals")
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="action_plan_goals", verbose_name=_("område")
    )
    text = models.TextField(_("mål"), max_length=TEXT)
    indicator = models.CharField(_("hur målet följs upp"), max_length=300, blank=True)
    measures = models.ManyToManyField(
        Measure, related_name="goals", verbose_name=_("insatser"), blank=True
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    objects = tenant_queryset("plan__municipality").as_manager()

    class Meta:
        ordering = ["area__position", "position", "pk"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")

    def __str__(self) -> str:
        return self.text[:80]


class DecisionOutcome(models.TextChoices):
    PROPOSED = "proposed", _("Lämnad för beslut")
    APPROVED = "approved", _("Antagen")
    RETURNED = "returned", _("Återremitterad")


class ActionPlanDecision(models.Model):
    """A recorded step of an action plan's decision process: who proposed, approved or
    returned it, when, and with which reference or comment."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("utfall"), max_length=20, choices=DecisionOutcome.choices)
    body = models.CharField(_("beslutande organ"), max_length=120, blank=True)
    decided_on = ModelDateField(_("datum"), null=True, blank=True)
    reference = models.CharField(_("paragraf"), max_length=60, blank=True)
    comment = models.TextField(_("kommentar"), blank=True, max_length=TEXT)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_queryset("plan__municipality").as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("beslut om åtgärdsplan")
        verbose_name_plural = _("beslut om åtgärdsplaner")

    def __str__(self) -> str:
        return f"{self.plan}: {self.get_outcome_display()}"

    def clean(self):
        if self.outcome == DecisionOutcome.RETURNED and not self.comment.strip():
            raise ValidationError({"comment": _("Skriv vad som ska ändras.")})


class CauseAnalysis(models.Model):
    """An orsaksanalys of a problem: why it happens, on the three branches of the crime
    triangle (victim, offender, place and situation), and what is done against each cause."""

    problem = models.OneToOneField(Problem, on_delete=models.CASCADE, related_name="cause_analysis")
    summary = models.TextField(_("sammanfattning"), blank=True, max_length=TEXT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_queryset("problem__municipality").as_manager()
    history = TenantHistoricalRecords()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("orsaksanalys")
        verbose_name_plural = _("orsaksanalyser")

    def __str__(self) -> str:
        return str(self.problem)


class CauseBranch(models.TextChoices):
    VICTIM = "victim", _("Offer")
    OFFENDER = "offender", _("Gärningsperson")
    PLACE = "place", _("Plats och situation")


class Cause(models.Model):
    """One identified cause on one branch of a cause analysis, with its evidence and the
    measures proposed against it."""

    analysis = models.ForeignKey(CauseAnalysis, on_delete=models.CASCADE, related_name="causes")
    branch = models.CharField(_("gren"), max_length=20, choices=CauseBranch.choices)
    description = models.TextField(_("orsak"), max_length=TEXT)
    evidence = models.TextField(
        _("underlag"),
        blank=True,
        help_text=_("Vad visar att orsaken finns: statistik, rapporter…"),
        max_length=TEXT,
    )
    measures = models.ManyToManyField(
        Measure, related_name="causes", verbose_name=_("insatser mot orsaken"), blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_queryset("analysis__problem__municipality").as_manager()

    class Meta:
        ordering = ["branch", "created_at", "pk"]
        verbose_name = _("orsak")
        verbose_name_plural = _("orsaker")

    def __str__(self) -> str:
        return self.description[:80]


class CalendarEventKind(models.TextChoices):
    DATE = "date", _("Återkommande datum")
    RISK_WEEKEND = "risk_weekend", _("Riskhelg")
    HOLIDAY = "holiday", _("Lov")
    OTHER = "other", _("Övrigt")


class CalendarEvent(models.Model):
    """A date or risk period in the annual calendar (årshjul), such as Valborg or the end
    of the school term, with the measures planned for it. A yearly event recurs on the
    same day every year; the coordinator is reminded a set number of days before."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="calendar_events"
    )
    title = models.CharField(_("rubrik"), max_length=150)
    kind = models.CharField(
        _("typ"), max_length=20, choices=CalendarEventKind.choices, default=CalendarEventKind.DATE
    )
    description = models.TextField(_("beskrivning"), blank=True, max_length=TEXT)
    start_date = ModelDateField(_("från"))
    end_date = ModelDateField(_("till och med"), null=True, blank=True)
    recurs_yearly = models.BooleanField(_("återkommer varje år"), default=True)
    remind_days_before = models.PositiveSmallIntegerField(
        _("påminn dagar före"),
        default=14,
        validators=[MinValueValidator(0), MaxValueValidator(120)],
    )
    measures = models.ManyToManyField(
        Measure, related_name="calendar_events", verbose_name=_("planerade insatser"), blank=True
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "title"]
        verbose_name = _("händelse i årshjulet")
        verbose_name_plural = _("årshjul")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        # The start date is missing here when the form refused it (an impossible date).
        if self.start_date is None or self.end_date is None:
            return
        if self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Slutdatum kan inte ligga före startdatum.")})
        if self.recurs_yearly and (self.end_date - self.start_date).days > 180:
            raise ValidationError(
                {"end_date": _("En återkommande period kan vara högst ett halvår lång.")}
            )

    @property
    def length(self) -> datetime.timedelta:
        return (self.end_date or self.start_date) - self.start_date

    def occurrence_in(self, year: int) -> tuple[datetime.date, datetime.date] | None:
        """The (first, last) day of this event in `year`, or None if it does not occur then."""
        if not self.recurs_yearly:
            if self.start_date.year != year:
                return None
            return self.start_date, self.end_date or self.start_date
        day = min(self.start_date.day, calendar.monthrange(year, self.start_date.month)[1])
        start = datetime.date(year, self.start_date.month, day)
        return start, start + self.length

    def next_occurrence(self, today: datetime.date) -> datetime.date | None:
        """The first day of the next occurrence that has not yet begun (today included)."""
        for year in (today.year, today.year + 1):
            occurrence = self.occurrence_in(year)
            if occurrence and occurrence[0] >= today:
                return occurrence[0]
        return None


class CalendarReminder(models.Model):
    """The record that the coordinators were reminded of one occurrence of a calendar event,
    so that each occurrence is reminded exactly once."""

    event = models.ForeignKey(CalendarEvent, on_delete=models.CASCADE, related_name="reminders")
    occurrence = ModelDateField(_("tillfälle"))
    recipients = models.TextField(_("mottagare"), blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_queryset("event__municipality").as_manager()

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "occurrence"], name="one_reminder_per_occurrence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.occurrence}"
