"""Change history that knows its municipality.

Every historical model records the municipality of the object on each of its rows, so that
the audit log can show a change after the object is gone (a removed member, a deleted
finding) without asking the live object, and can never show another municipality's rows.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

FIELD = "history_municipality"


class TenantHistory(models.Model):
    """Base of every historical model: the municipality the recorded object belonged to."""

    # No database constraint: deleting a municipality deletes its objects first, and their
    # deletion rows, written meanwhile, would otherwise block the municipality's own deletion.
    history_municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


def TenantHistoricalRecords(**options) -> HistoricalRecords:  # noqa: N802 - reads as a field
    """HistoricalRecords whose rows carry the municipality (see `municipality_id_of`)."""
    return HistoricalRecords(bases=[TenantHistory], **options)


def municipality_path(model) -> str | None:
    """The lookup from `model` to its municipality, as its tenant queryset declares it."""
    return getattr(model._default_manager.all(), "municipality_path", None)


def municipality_id_of(instance) -> int | None:
    """The municipality of a tenant object, following its tenant path from the object."""
    path = municipality_path(type(instance))
    if path is None:
        return None
    *hops, last = path.split("__")
    obj = instance
    try:
        for hop in hops:
            obj = getattr(obj, hop)
            if obj is None:
                return None
    except ObjectDoesNotExist:
        return None
    return getattr(obj, f"{last}_id")


@receiver(pre_create_historical_record)
def _record_municipality(sender, instance, history_instance, **kwargs):
    if (
        hasattr(history_instance, f"{FIELD}_id")
        and history_instance.history_municipality_id is None
    ):
        history_instance.history_municipality_id = municipality_id_of(instance)


def is_recorded(model) -> bool:
    """Whether the model's changes are recorded (the history registry also lists the link
    tables of recorded many-to-many fields)."""
    return getattr(model._meta, "simple_history_manager_attribute", None) is not None


def bulk_record(model, objs, *, actor, municipality_id: int, update: bool = True) -> list:
    """History rows for objects written with update()/bulk_create (which send no signals),
    with the current links of each recorded many-to-many field, as a save would record them."""
    rows = model.history.bulk_history_create(
        objs,
        update=update,
        default_user=actor,
        custom_historical_attrs={f"{FIELD}_id": municipality_id},
    )
    for field in model.history.model._history_m2m_fields:
        m2m_history = HistoricalRecords.m2m_models[field]
        through = field.remote_field.through
        source = field.m2m_field_name()
        links = defaultdict(list)
        for link in through.objects.filter(**{f"{source}__in": [obj.pk for obj in objs]}):
            links[getattr(link, f"{source}_id")].append(link)
        m2m_history.objects.bulk_create(
            m2m_history(
                history=row, **{f.attname: getattr(link, f.attname) for f in through._meta.fields}
            )
            for row in rows
            for link in links[row.id]
        )
    return rows


def backfill(app_label: str, paths: dict[str, str]):
    """A migration step that fills the municipality of history rows written before it existed:
    from the row's own municipality column, else through the live parent object, else through
    the parent's own history (for a parent deleted since)."""

    def run(apps, schema_editor):
        for model_name, path in paths.items():
            history = apps.get_model(app_label, f"Historical{model_name}")
            first, _sep, rest = path.partition("__")
            rows = history.objects.filter(history_municipality__isnull=True)
            if not rest:
                rows.update(history_municipality_id=F(f"{first}_id"))
                continue
            parent = history._meta.get_field(first).related_model
            live = parent._default_manager.filter(pk=OuterRef(f"{first}_id")).values(rest)[:1]
            sources = [Subquery(live)]
            try:
                parent_history = apps.get_model(
                    parent._meta.app_label, f"Historical{parent._meta.object_name}"
                )
            except LookupError:
                parent_history = None
            if parent_history is not None:
                earlier = (
                    parent_history.objects.filter(
                        id=OuterRef(f"{first}_id"), history_municipality__isnull=False
                    )
                    .order_by("-history_date")
                    .values(FIELD)[:1]
                )
                sources.append(Subquery(earlier))
            value = (
                Coalesce(*sources, output_field=models.BigIntegerField())
                if len(sources) > 1
                else sources[0]
            )
            rows.update(history_municipality_id=value)

    return run


def with_m2m(model, records, name: str) -> list:
    """History rows of `model` with `<name>_recorded`: the objects a recorded many-to-many
    field linked to at each row (one query for all rows)."""
    records = list(records)
    field = model._meta.get_field(name)
    links = HistoricalRecords.m2m_models[field].objects.filter(
        history__in=[r.history_id for r in records]
    )
    target = field.m2m_reverse_field_name()
    by_row = defaultdict(list)
    for link in links.select_related(target):
        by_row[link.history_id].append(getattr(link, target))
    for record in records:
        setattr(record, f"{name}_recorded", by_row[record.history_id])
    return records
