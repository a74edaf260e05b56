"""Synthetic history for load tests: N municipalities × Y years of everything the apps keep.

Rows are built in memory and written with `bulk_create` in batches, a handful of queries per
municipality and table, so ten years of thirty municipalities load in minutes. The same seed and
day always give the same data. Every row respects the models' invariants (`clean()`), but
`bulk_create` records no history rows: generated data has no change log.

Users: `<slug>-coordinator`, `<slug>-council`, `<slug>-politician` and one reporter per
organisation, `<slug>-reporter-<n>`, all with the password `LOAD_PASSWORD`.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from municipalities.models import Area

from . import measures, municipalities, promises, situations, surveys
from .common import LOAD_PASSWORD, SLUG_PREFIX, LoadResult, Town, municipality_slug

__all__ = ["LOAD_PASSWORD", "SLUG_PREFIX", "LoadResult", "generate", "municipality_slug"]

# One generator after the other, in this order: they share one random stream per municipality.
GENERATORS = [
    municipalities.municipality,
    municipalities.organisations_places_members,
    situations.periods_reports_pictures,
    situations.compiled_pictures,
    situations.problems_and_meetings,
    promises.promises,
    measures.measures,
    surveys.safety_walks,
    surveys.safety_surveys,
    surveys.survey_answers,
    surveys.indicator_series,
]


def generate(
    *,
    municipalities: int = 30,
    years: int = 10,
    seed: int = 1,
    today: datetime.date | None = None,
    first: int = 0,
    vary_years: bool = True,
    log: Callable[[str], None] = lambda message: None,
) -> LoadResult:
    """Generate `municipalities` × `years` of history ending `today`; returns the row counts.

    Municipalities are numbered from `first` (slug `last-01` for 0). With `vary_years` the first
    one has the full `years` and the others between half and all of it, so that a benchmark can
    pick the one with most history; without it every municipality has `years`."""
    today = today or timezone.localdate()
    started = time.monotonic()
    result = LoadResult()
    areas = list(Area.objects.national().order_by("position", "pk"))
    password = make_password(LOAD_PASSWORD)
    rng = random.Random(seed)
    for index in range(first, first + municipalities):
        own_years = years
        if vary_years and index != first:
            own_years = rng.randint(max(1, (years + 1) // 2), years)
        municipal_rng = random.Random(f"{seed}-{index}")
        with transaction.atomic():
            _town(
                index=index,
                years=own_years,
                today=today,
                rng=municipal_rng,
                areas=areas,
                password=password,
                result=result,
            )
        log(
            f"{municipality_slug(index)}: {own_years} år "
            f"({index + 1 - first}/{municipalities}, {time.monotonic() - started:.0f} s)"
        )
    result.seconds = time.monotonic() - started
    return result


def _town(*, index, years, today, rng, areas, password, result) -> None:
    town = Town(
        index=index,
        years=years,
        today=today,
        rng=rng,
        areas=areas,
        password=password,
        result=result,
    )
    for generator in GENERATORS:
        generator(town)
