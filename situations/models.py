"""Reporting periods, situation reports, the compiled lägesbild, problems and meetings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.models import Area, Municipality, Place, TenantQuerySet


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
    """Something the lägesbild revealed that needs an owner and a plan, followed until closed."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="problems"
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
    description = models.TextField(_("beskrivning"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_problems",
        verbose_name=_("ägare"),
    )
    due_date = models.DateField(_("klart senast"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProblemStatus.choices, default=ProblemStatus.OPEN
    )
    resolution = models.TextField(_("hur det löstes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProblemQuerySet.as_manager()
    history = HistoricalRecords()

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
