"""Cache invalidation for the dashboard: a write to data it shows bumps the cache version of
the municipality it belongs to. No business logic lives here."""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import dashboard

# Models whose changes show on the dashboard, with the path from the model to its
# municipality. Models of apps that are not installed are skipped.
WATCHED = {
    "situations.ReportingPeriod": "municipality_id",
    "situations.SituationReport": "period.municipality_id",
    "situations.CompiledPicture": "period.municipality_id",
    "situations.AreaJudgement": "picture.period.municipality_id",
    "situations.Problem": "municipality_id",
    "promises.Promise": "municipality_id",
    "promises.Commitment": "promise.municipality_id",
    "measures.Measure": "municipality_id",
    "surveys.SafetyWalk": "municipality_id",
    "surveys.Finding": "walk.municipality_id",
    "surveys.Survey": "municipality_id",
    "surveys.Response": "survey.municipality_id",
    "surveys.IndicatorSeries": "municipality_id",
    "surveys.IndicatorValue": "series.municipality_id",
}
# Many-to-many relations whose changes move a figure (measures per area).
WATCHED_M2M = {"measures.Measure.areas": "municipality_id"}


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


def _m2m_handler(model, path: str):
    def invalidate(sender, instance, action, **kwargs):
        if action.startswith("post_") and isinstance(instance, model):
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
    for label, path in WATCHED_M2M.items():
        model_label, field = label.rsplit(".", 1)
        try:
            through = getattr(apps.get_model(model_label), field).through
        except (LookupError, AttributeError):
            continue
        handler = _m2m_handler(apps.get_model(model_label), path)
        _handlers.append(handler)
        m2m_changed.connect(handler, sender=through, dispatch_uid=f"reports-dashboard-{label}")
