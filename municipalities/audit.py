"""The coordinator's audit log: who signed in, and who changed what.

Changes come from django-simple-history. Every app's historical models are found through the
history registry, and each is scoped by the municipality stored on its rows (see
municipalities.history), so the log shows deleted objects too, never another municipality's,
and this module imports no other app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.models import AccessAttempt, AccessLog
from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import registered_models

from .history import FIELD, is_recorded
from .models import Membership, Municipality

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


ACTIONS = {"+": _("Skapade"), "~": _("Ändrade"), "-": _("Tog bort")}


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
    """The model's history rows of the municipality, deleted objects' included; None for a
    model whose history does not record the municipality (it cannot be scoped, so not shown)."""
    history_model = model.history.model
    if not hasattr(history_model, f"{FIELD}_id"):
        return None
    return (
        history_model.objects.filter(history_municipality=municipality, history_date__gte=since)
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
    recorded = [m for m in registered_models.values() if is_recorded(m)]
    for model in sorted(recorded, key=lambda m: m._meta.label):
        history = _scoped_history(model, municipality, since)
        if history is None:
            continue
        records = list(history[:limit])
        # Only the fields the history records: a field it leaves out is not on its rows.
        fields = [f for f in model.history.model.tracked_fields if f.attname not in SKIPPED_FIELDS]
        previous_by_object: dict = {}
        # Oldest first, so each record can be compared with the one before it.
        for record in reversed(records):
            before = previous_by_object.get(record.id)
            changed = []
            if before is not None and record.history_type == "~":
                changed = [
                    str(f.verbose_name)
                    for f in fields
                    if getattr(before, f.attname) != getattr(record, f.attname)
                ]
            previous_by_object[record.id] = record
            found.append(
                Change(
                    when=record.history_date,
                    who=record.history_user.get_username() if record.history_user else "–",
                    action=str(ACTIONS.get(record.history_type, record.history_type)),
                    kind=str(model._meta.verbose_name),
                    label=_label(model, record)[:120],
                    fields=changed,
                )
            )
    found.sort(key=lambda change: change.when, reverse=True)
    return found[:limit]
