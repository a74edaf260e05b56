"""Comparison between municipalities that share their figures.

Only aggregates leave a municipality here: counts, shares and rates per area, quarter or period.
No text, no problem, no report and no person is ever read into this module's results.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from fagersta.charts import Chart, Series
from municipalities.models import Municipality


def sharing_municipalities(*, viewer: Municipality) -> list[Municipality]:
    """The municipalities shown side by side: none unless the viewer itself shares."""
    if not viewer.shares_comparisons:
        return []
    return list(Municipality.objects.sharing().order_by("name"))


def per_100k(value: float | None, population: int) -> float | None:
    if value is None or not population:
        return None
    return round(value * 100_000 / population, 1)


def comparison(*, viewer: Municipality, year: int) -> dict:
    municipalities = sharing_municipalities(viewer=viewer)
    sections = []
    for builder in BUILDERS:
        section = builder(municipalities, year)
        if section:
            sections.append(section)
    population = Chart(
        _("Folkmängd"),
        [m.name for m in municipalities],
        [Series(_("Invånare"), [m.population for m in municipalities])],
    )
    return {"municipalities": municipalities, "sections": sections, "population": population}


# Each builder takes the sharing municipalities and the year and returns a dict with a
# heading, an introduction and charts, or None when there is nothing to compare.
BUILDERS: list = []
