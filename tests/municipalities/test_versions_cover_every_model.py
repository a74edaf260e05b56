"""Every model of a municipality's data moves the page-cache version when written, or is
declared exempt with a reason (municipalities.versions): a model added later and shown on a
cached page cannot be forgotten."""

from django.apps import apps

from municipalities import versions


def _municipality_models() -> set[str]:
    found = set()
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            continue  # change log rows, written with the row they record
        queryset = model._default_manager.get_queryset()
        has_field = any(getattr(f, "name", None) == "municipality" for f in model._meta.fields)
        if hasattr(queryset, "for_municipality") or has_field:
            found.add(model._meta.label)
    return found


def test_every_model_of_a_municipality_is_watched_or_exempt():
    assert _municipality_models() - versions.WATCHED - set(versions.EXEMPT) == set()


def test_no_model_is_both_watched_and_exempt():
    assert versions.WATCHED & set(versions.EXEMPT) == set()


def test_every_exemption_gives_a_reason():
    assert all(len(reason) > 10 for reason in versions.EXEMPT.values())


def test_walk_settings_move_the_version(municipality, coordinator):
    # The dashboard counts findings as overdue after the municipality's own number of days.
    from surveys.services import walk_settings_update

    before = versions.current(municipality.pk)
    walk_settings_update(actor=coordinator, municipality=municipality, overdue_days=10)
    assert versions.current(municipality.pk) != before
