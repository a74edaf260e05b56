"""The coordinator's audit log: who signed in, and who changed what.

Changes come from django-simple-history. Every app's historical models are found through the
history registry, and each is scoped through its model's own tenant queryset, so the log shows
only objects of the municipality (and this module imports no other app).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.models import AccessAttempt, AccessLog
from django.db.models import Subquery
from django.utils import timezone
from simple_history.models import registered_models

from .models import Membership, Municipality, TenantQuerySet

SKIPPED_FIELDS = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
    "history_user_id",
    "updated_at",
    "created_at",
    "version",
}


@dataclass
class Change:
    when: datetime
    who: str
    action: str
    kind: str
    label: str
    fields: list[str]


ACTIONS = {"+": "Skapade", "~": "Ändrade", "-": "Tog bort"}


def sign_ins(*, municipality: Municipality, days: int = 30, limit: int = 200):
    usernames = Membership.objects.for_municipality(municipality).values("user__username")
    since = timezone.now() - timedelta(days=days)
    successes = AccessLog.objects.filter(
        username__in=Subquery(usernames), attempt_time__gte=since
    ).order_by("-attempt_time")[:limit]
    failures = AccessAttempt.objects.filter(
        username__in=Subquery(usernames), attempt_time__gte=since
    ).order_by("-attempt_time")[:limit]
    return list(successes), list(failures)


def _scoped_history(model, municipality: Municipality, since):
    queryset = model._default_manager.all()
    if not isinstance(queryset, TenantQuerySet):
        return None
    history_model = model.history.model
    pks = queryset.for_municipality(municipality).values("pk")
    return (
        history_model.objects.filter(id__in=Subquery(pks), history_date__gte=since)
        .select_related("history_user", *_label_relations(model))
        .order_by("-history_date")
    )


def _label_relations(model) -> list[str]:
    """Foreign keys that name a record of a model without a title or name of its own."""
    if any(hasattr(model, attr) for attr in ("title", "name")):
        return []
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and field.name != "municipality"
    ]


def _label(model, record) -> str:
    for attr in ("title", "name"):
        value = getattr(record, attr, None)
        if value:
            return str(value)
    related = [getattr(record, name) for name in _label_relations(model)]
    return " – ".join(str(obj) for obj in related if obj is not None) or f"#{record.id}"


def changes(*, municipality: Municipality, days: int = 30, limit: int = 200) -> list[Change]:
    """The latest changes to the municipality's recorded objects: one query per recorded model."""
    since = timezone.now() - timedelta(days=days)
    found: list[Change] = []
    for model in sorted(registered_models.values(), key=lambda m: m._meta.label):
        history = _scoped_history(model, municipality, since)
        if history is None:
            continue
        records = list(history[:limit])
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in SKIPPED_FIELDS]
        previous_by_object: dict = {}
        # Oldest first, so each record can be compared with the one before it.
        for record in reversed(records):
            before = previous_by_object.get(record.id)
            changed = []
            if before is not None and record.history_type == "~":
                changed = [
                    str(model._meta.get_field(name.removesuffix("_id")).verbose_name)
                    for name in fields
                    if getattr(before, name) != getattr(record, name)
                ]
            previous_by_object[record.id] = record
            found.append(
                Change(
                    when=record.history_date,
                    who=record.history_user.get_username() if record.history_user else "–",
                    action=ACTIONS.get(record.history_type, record.history_type),
                    kind=str(model._meta.verbose_name),
                    label=_label(model, record)[:120],
                    fields=changed,
                )
            )
    found.sort(key=lambda change: change.when, reverse=True)
    return found[:limit]
