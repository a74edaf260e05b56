"""Cache invalidation for the dashboard: a write to data it shows bumps the cache version of
the municipality it belongs to. No business logic lives here."""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from . import dashboard

# Models whose changes show on the dashboard, with the path from the model to its
# municipality. Models of apps that are not installed are skipped.
WATCHED = {
    "situations.Problem": "municipality_id",
}


def _municipality_id(instance, path: str):
    value = instance
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def _handler(path: str):
    def invalidate(sender, instance, **kwargs):
        municipality_id = _municipality_id(instance, path)
        if municipality_id is not None:
            dashboard.invalidate(municipality_id)

    return invalidate


_handlers = []


def connect() -> None:
    for label, path in WATCHED.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        handler = _handler(path)
        _handlers.append(handler)  # signals hold weak references
        post_save.connect(handler, sender=model, dispatch_uid=f"reports-dashboard-{label}")
        post_delete.connect(handler, sender=model, dispatch_uid=f"reports-dashboard-del-{label}")
