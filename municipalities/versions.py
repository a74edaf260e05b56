"""A data version per municipality, for caching what is computed or rendered from its data.

Every app declares, in its `AppConfig.ready()`, which of its models show on cached pages and
how each reaches its municipality (`watch`). A save or delete of such a row bumps the version
of that municipality, so anything cached under the old version is never read again and
expires by itself. Other municipalities keep their caches.

Every key made here carries the active language: what is cached is rendered or computed for
a page, and may hold translated words (a status, a week label, a chart title). A key without
the language would serve the first visitor's language to everyone after.

Besides the data version there is a reference version, bumped only by the small lists that
forms read on every request (areas, places): a report saved every few seconds must not throw
those away each time.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation

# The version outlives every entry cached under it many times over, and still expires, so
# that the cache holds nothing for ever.
VERSION_SECONDS = 24 * 60 * 60

_receivers = []  # signals hold weak references

# Every model of a municipality's data is either watched or exempt, with the reason; a test
# holds every app to it, so that a new model shown on a cached page cannot be forgotten.
WATCHED: set[str] = set()
EXEMPT: dict[str, str] = {}


DATA, REFERENCE = "data", "reference"


def _key(municipality_id: int, scope: str) -> str:
    return f"municipality-{scope}-version:{municipality_id}"


def _fresh() -> int:
    # A version that starts again (its key expired or was evicted) starts above every version
    # used before, so no entry cached under an old one can be read again.
    return time.time_ns()


def current(municipality_id: int, scope: str = DATA) -> int:
    return cache.get_or_set(_key(municipality_id, scope), _fresh, VERSION_SECONDS)


def _language() -> str:
    return translation.get_language() or "-"


def page_key(municipality_id: int) -> str:
    """Names a municipality's pages as they are today, in the reader's language: it changes
    with every watched write, with the date (pages say "today", "current" and "overdue") and
    with the language."""
    return f"{municipality_id}:{current(municipality_id)}:{timezone.localdate()}:{_language()}"


def cached(municipality_id: int, name: str, compute, timeout: int = 300):
    """`compute()`, cached under the municipality's reference version: for small reference
    lists (areas, places) that many pages read and that rarely change."""
    key = f"{name}:{municipality_id}:{current(municipality_id, REFERENCE)}:{_language()}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, timeout)
    return found


def _bump_now(municipality_id: int, scopes: tuple[str, ...]) -> None:
    for scope in scopes:
        key = _key(municipality_id, scope)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, _fresh(), VERSION_SECONDS)


def bump(municipality_id: int, scopes: tuple[str, ...] = (DATA,)) -> None:
    """Called after a write to data that cached pages show.

    The version moves at once, so the writer's next page shows the change, and again when the
    transaction commits: a page that another request rendered in between, from the rows as they
    were before the commit, was cached under the first new version and is never read again."""
    _bump_now(municipality_id, scopes)
    transaction.on_commit(lambda: _bump_now(municipality_id, scopes))


def _municipality_id(instance, path: str):
    value = instance
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def watch(model, path: str, scopes: tuple[str, ...] = (DATA,)) -> None:
    """Bump the version when a row of `model` is saved or deleted; `path` leads from the row
    to its municipality's id, e.g. "period.municipality_id"."""

    def receiver(sender, instance, **kwargs):
        municipality_id = _municipality_id(instance, path)
        if municipality_id is not None:
            bump(municipality_id, scopes)

    _receivers.append(receiver)
    label = model._meta.label
    WATCHED.add(label)
    post_save.connect(receiver, sender=model, dispatch_uid=f"versions-save-{label}")
    post_delete.connect(receiver, sender=model, dispatch_uid=f"versions-delete-{label}")


def exempt(model, reason: str) -> None:
    """Declare that writes to `model` need not move the version, and why."""
    EXEMPT[model._meta.label] = reason


def watch_m2m(model, field: str, path: str) -> None:
    """Bump the version when the many-to-many `field` of a `model` row changes."""

    def receiver(sender, instance, action, **kwargs):
        if action.startswith("post_") and isinstance(instance, model):
            municipality_id = _municipality_id(instance, path)
            if municipality_id is not None:
                bump(municipality_id)

    _receivers.append(receiver)
    through = getattr(model, field).through
    m2m_changed.connect(
        receiver, sender=through, dispatch_uid=f"versions-m2m-{model._meta.label}.{field}"
    )
