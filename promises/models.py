"""Citizen promises (medborgarlöften): one promise per period, its commitments, the political
decision, the follow-up of every commitment and the renewal into the next period."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _

from fagersta.bounds import TEXT, ModelDateField
from municipalities.history import TenantHistoricalRecords
from municipalities.models import (
    Area,
    Municipality,
    Organisation,
    TenantQuerySet,
    tenant_queryset,
)
from situations.models import Problem

PERIOD_LENGTHS = (1, 2, 3, 4, 6, 12)


class PromisePeriodSettings(models.Model):
    """How a municipality divides the year into promise periods.

    Periods have a fixed length in months that divides the year, and the year's first period
    starts in `first_month` (Fagersta: three months from March, so March–May, June–August,
    September–November and December–February)."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="promise_period_settings"
    )
    length_months = models.PositiveSmallIntegerField(
        _("periodens längd i månader"),
        default=3,
        choices=[(n, str(n)) for n in PERIOD_LENGTHS],
    )
    first_month = models.PositiveSmallIntegerField(
        _("månad då årets första period börjar"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("inställning för löftesperioder")
        verbose_name_plural = _("inställningar för löftesperioder")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.length_months} mån från månad {self.first_month}"

    def clean(self):
        if self.length_months not in PERIOD_LENGTHS:
            raise ValidationError(
                {"length_months": _("Perioden ska vara 1, 2, 3, 4, 6 eller 12 månader lång.")}
            )


class PromiseStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    PROPOSED = "proposed", _("Föreslaget")
    RETURNED = "returned", _("Återremitterat")
    APPROVED = "approved", _("Beslutat")
    ACTIVE = "active", _("Gäller")
    FOLLOWED_UP = "followed_up", _("Uppföljt")
    CLOSED = "closed", _("Avslutat")


# Statuses in which a promise's text and commitments may be changed.
EDITABLE_STATUSES = frozenset({PromiseStatus.DRAFT, PromiseStatus.RETURNED})
# Statuses whose content is public: decided by a politician, never drafts or returned proposals.
PUBLIC_STATUSES = frozenset(
    {
        PromiseStatus.APPROVED,
        PromiseStatus.ACTIVE,
        PromiseStatus.FOLLOWED_UP,
        PromiseStatus.CLOSED,
    }
)


FOLLOWED_UP_STATUSES = frozenset({PromiseStatus.FOLLOWED_UP, PromiseStatus.CLOSED})


class Phase(models.TextChoices):
    """Where a decided promise stands on a given day. It follows from the period's dates and
    the follow-up alone, never from whether the daily activation has run."""

    UPCOMING = "upcoming", _("Kommande")
    CURRENT = "current", _("Gäller nu")
    AWAITING_FOLLOW_UP = "awaiting_follow_up", _("Ska följas upp")
    FOLLOWED_UP = "followed_up", _("Uppföljt")


def phase_conditions(today) -> dict[str, Q]:
    """The one definition of current, upcoming, ended-awaiting-follow-up and followed-up.
    A promise whose period has ended is never current, whenever it was decided."""
    decided = Q(status__in=PUBLIC_STATUSES)
    ended = decided & Q(period_end__lt=today)
    followed = Q(status__in=FOLLOWED_UP_STATUSES)
    return {
        Phase.UPCOMING: decided & Q(period_start__gt=today),
        Phase.CURRENT: decided & Q(period_start__lte=today, period_end__gte=today),
        Phase.AWAITING_FOLLOW_UP: ended & ~followed,
        Phase.FOLLOWED_UP: ended & followed,
    }


# What politicians decide on: frozen from the proposal onwards.
CONTENT_FIELDS = ("period_start", "period_end", "title", "situation", "text")
COMMITMENT_CONTENT_FIELDS = ("party", "organisation_id", "partner", "action", "measurement")


class PromiseQuerySet(TenantQuerySet):
    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def in_phase(self, phase: str, today):
        return self.filter(phase_conditions(today)[phase])

    def with_phase(self, today):
        """Annotates `phase` (a Phase value, or "" for a promise not yet decided)."""
        return self.annotate(
            phase=Case(
                *(When(q, then=Value(p)) for p, q in phase_conditions(today).items()),
                default=Value(""),
                output_field=models.CharField(),
            )
        )


class Promise(models.Model):
    """The citizen promise of one municipality for one period: the situation today, the
    promise itself and its commitments. Written by the council or the coordinator, decided by
    a politician, followed up when the period ends and renewed into the next one."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="promises"
    )
    period_start = ModelDateField(_("periodens första dag"))
    period_end = ModelDateField(_("periodens sista dag"))
    title = models.CharField(_("rubrik"), max_length=200)
    situation = models.TextField(
        _("läget i dag"),
        help_text=_("Vad lägesbilden visar och varför löftet behövs. Inga namngivna personer."),
        max_length=TEXT,
    )
    text = models.TextField(
        _("löftet"), help_text=_("Vad polisen och kommunen lovar invånarna."), max_length=TEXT
    )
    areas = models.ManyToManyField(
        Area, blank=True, related_name="promises", verbose_name=_("områden")
    )
    problems = models.ManyToManyField(
        Problem, blank=True, related_name="promises", verbose_name=_("problem som löftet svarar på")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PromiseStatus.choices, default=PromiseStatus.DRAFT
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renewals",
        verbose_name=_("föregående periodens löfte"),
    )
    # The political decision.
    decision_body = models.CharField(_("beslutande organ"), max_length=150, blank=True)
    decision_date = ModelDateField(_("beslutsdatum"), null=True, blank=True)
    decision_reference = models.CharField(
        _("beslutsreferens"), max_length=60, blank=True, help_text=_("Till exempel ”KS § 112”.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslut registrerat av"),
    )
    # The follow-up when the period ends.
    follow_up_summary = models.TextField(
        _("sammanfattning av uppföljningen"), blank=True, max_length=TEXT
    )
    followed_up_at = models.DateTimeField(_("uppföljt"), null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Optimistic locking: an edit based on an older version is refused, the text kept.
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

    objects = PromiseQuerySet.as_manager()
    history = TenantHistoricalRecords()

    class Meta:
        ordering = ["-period_start"]
        verbose_name = _("medborgarlöfte")
        verbose_name_plural = _("medborgarlöften")
        constraints = [
            # A one-year promise may run beside three-month ones, two for one period may not.
            models.UniqueConstraint(
                fields=["municipality", "period_start", "period_end"],
                name="unique_promise_per_period",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="promise_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    def clean(self):
        errors = {}
        original = (
            Promise.objects.for_municipality(self.municipality_id)
            .filter(pk=self.pk)
            .values("status", *CONTENT_FIELDS)
            .first()
            if self.pk
            else None
        )
        if (
            original
            and original["status"] not in EDITABLE_STATUSES
            and any(getattr(self, name) != original[name] for name in CONTENT_FIELDS)
        ):
            raise ValidationError(
                _("Förslaget väntar på politiskt beslut och kan inte ändras.")
                if original["status"] == PromiseStatus.PROPOSED
                else _("Ett beslutat medborgarlöfte kan inte ändras, bara följas upp.")
            )
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("Perioden kan inte sluta innan den börjar.")
        if self.status in PUBLIC_STATUSES:
            if not self.decision_body:
                errors["decision_body"] = _("Ange vilket organ som beslutade löftet.")
            if not self.decision_date:
                errors["decision_date"] = _("Ange beslutsdatum.")
            if not self.decision_reference:
                errors["decision_reference"] = _("Ange beslutsreferens, till exempel KS § 112.")
        if errors:
            raise ValidationError(errors)


class Party(models.TextChoices):
    POLICE = "police", _("Polisen")
    MUNICIPALITY = "municipality", _("Kommunen")
    BOTH = "both", _("Polisen och kommunen")
    OTHER = "other", _("Annan samverkanspart")


class Outcome(models.TextChoices):
    DONE = "done", _("Genomfört")
    PARTLY = "partly", _("Delvis genomfört")
    NOT_DONE = "not_done", _("Inte genomfört")
    CONTINUES = "continues", _("Fortsätter nästa period")


class Commitment(models.Model):
    """One thing a party undertakes within a promise (åtagande), and its outcome at follow-up."""

    promise = models.ForeignKey(Promise, on_delete=models.CASCADE, related_name="commitments")
    party = models.CharField(_("part"), max_length=20, choices=Party.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("ansvarig organisation"),
    )
    partner = models.CharField(
        _("annan ansvarig"),
        max_length=150,
        blank=True,
        help_text=_("Om ansvaret ligger utanför kommunens organisationer, t.ex. en förening."),
    )
    action = models.TextField(_("vad som ska göras"), max_length=TEXT)
    measurement = models.TextField(_("hur det mäts"), blank=True, max_length=TEXT)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    outcome = models.CharField(_("utfall"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_comment = models.TextField(_("kommentar till utfallet"), blank=True, max_length=TEXT)
    continued_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continuations",
        verbose_name=_("fortsätter från"),
    )

    objects = tenant_queryset("promise__municipality").as_manager()
    history = TenantHistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("åtagande")
        verbose_name_plural = _("åtaganden")

    def __str__(self) -> str:
        return self.action[:80]

    @property
    def responsible(self) -> str:
        if self.organisation_id:
            return self.organisation.name
        return self.partner

    def clean(self):
        if self.promise_id and not self.promise.is_editable:
            original = (
                Commitment.objects.filter(pk=self.pk, promise=self.promise_id)
                .values(*COMMITMENT_CONTENT_FIELDS)
                .first()
                if self.pk
                else None
            )
            if original is None or any(
                getattr(self, name) != original[name] for name in COMMITMENT_CONTENT_FIELDS
            ):
                raise ValidationError(
                    _("Åtagandena i ett föreslaget eller beslutat löfte kan inte ändras.")
                )
        errors = {}
        if (
            self.organisation_id
            and self.promise_id
            and self.organisation.municipality_id != self.promise.municipality_id
        ):
            errors["organisation"] = _("Organisationen hör till en annan kommun.")
        if self.party == Party.OTHER and not (self.organisation_id or self.partner):
            errors["partner"] = _("Ange vem som ansvarar när parten är en annan samverkanspart.")
        if self.outcome_comment and not self.outcome:
            errors["outcome"] = _("Ange utfallet när du skriver en kommentar.")
        if errors:
            raise ValidationError(errors)


class PromiseTransition(models.Model):
    """A recorded step of a promise's workflow: who moved it from which status to which, when,
    and why (the comment is required when a politician returns a proposal)."""

    promise = models.ForeignKey(Promise, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(
        _("från"), max_length=20, choices=PromiseStatus.choices, blank=True
    )
    to_status = models.CharField(_("till"), max_length=20, choices=PromiseStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("av"),
    )
    comment = models.TextField(_("kommentar"), blank=True, max_length=TEXT)
    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)

    objects = tenant_queryset("promise__municipality").as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("statusändring")
        verbose_name_plural = _("statusändringar")

    def __str__(self) -> str:
        return f"{self.promise}: {self.from_status} → {self.to_status}"
