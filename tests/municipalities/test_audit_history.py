"""The audit log shows every step of every recorded model, deletions included, and only the
municipality's own history."""

import pytest
from django.db import models
from django.urls import reverse

from municipalities import audit
from municipalities.history import FIELD
from tests.tenant_data import build_recorded, history_models, text_fields

pytestmark = pytest.mark.django_db

SECRET = "Hagforshemlighet"


def _change(obj, text: str) -> str:
    """Change one recorded field of `obj` and save it; returns the field's verbose name."""
    tracked = {f.attname for f in type(obj).history.model.tracked_fields}
    for f in text_fields(type(obj)):
        if f.attname in tracked and not f.unique:
            setattr(obj, f.attname, text[: f.max_length] if f.max_length else text)
            obj.save()
            return str(f.verbose_name)
    for f in type(obj)._meta.concrete_fields:
        if isinstance(f, models.BooleanField) and f.attname in tracked:
            setattr(obj, f.attname, not getattr(obj, f.attname))
            obj.save()
            return str(f.verbose_name)
    for f in type(obj)._meta.concrete_fields:
        if f.choices and f.attname in tracked:
            current = getattr(obj, f.attname)
            setattr(obj, f.attname, next(v for v, _label in f.choices if v != current))
            obj.save()
            return str(f.verbose_name)
    raise AssertionError(f"{type(obj)._meta.label}: no field to change")


def _live_through_history(municipality, text: str) -> dict:
    """Every recorded model: one object created and changed twice, another also deleted.
    Returns the changed field per model."""
    changed = {}
    for model in history_models():
        gone = build_recorded(model, municipality)
        _change(gone, f"{text} 1")
        changed[model] = _change(gone, f"{text} 2")
        gone.delete()
        kept = build_recorded(model, municipality)
        _change(kept, f"{text} 1")
        _change(kept, f"{text} 2")
    return changed


def test_every_recorded_model_is_logged_changed_twice_and_deleted(
    client_for, coordinator, municipality, other_municipality
):
    changed = _live_through_history(municipality, "Ändrad text")
    _live_through_history(other_municipality, SECRET)

    response = client_for(coordinator).get(reverse("audit_log", args=[municipality.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert SECRET not in body
    found = audit.changes(municipality=municipality)
    for model, field in changed.items():
        kind = str(model._meta.verbose_name)
        actions = [c.action for c in found if c.kind == kind]
        assert "Skapade" in actions, kind
        assert actions.count("Ändrade") >= 4, kind
        assert "Tog bort" in actions, kind
        assert any(field in c.fields for c in found if c.kind == kind), kind
        assert f"Tog bort {kind}" in body
    # Each of the municipality's history rows is one line of the log; none of another's.
    own_rows = sum(
        model.history.model.objects.filter(history_municipality=municipality).count()
        for model in history_models()
    )
    assert len(found) == own_rows


def test_every_history_row_knows_its_municipality(municipality):
    _live_through_history(municipality, "Ändrad text")
    for model in history_models():
        history = model.history.model
        assert hasattr(history, f"{FIELD}_id"), model._meta.label
        assert history.objects.exists(), model._meta.label
        assert not history.objects.filter(history_municipality__isnull=True).exists(), (
            model._meta.label
        )


def test_a_removed_member_stays_in_the_log(client, coordinator, municipality):
    from municipalities.models import Membership, Role
    from tests.factories import member

    member(municipality, Role.POLITICIAN, username="avgangen-politiker")
    client.force_login(coordinator)
    grant = Membership.objects.get(user__username="avgangen-politiker")
    response = client.post(reverse("member_remove", args=[municipality.slug, grant.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=grant.pk).exists()
    body = client.get(reverse("audit_log", args=[municipality.slug])).content.decode()
    assert "Tog bort medlemskap" in body
    assert "avgangen-politiker" in body


def test_a_municipality_with_history_can_be_deleted(municipality):
    """Its objects' deletion rows are written while it is being deleted: they must not block it."""
    from django.db import connection

    for model in history_models():
        _change(build_recorded(model, municipality), "Före borttagningen")
    municipality.delete()
    connection.check_constraints()
