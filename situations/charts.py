"""Charts of the lägesbild, built from what the selectors read."""

from __future__ import annotations

from django.utils.translation import gettext as _

from fagersta.charts import Chart, Series

from .selectors import GreenShare


def green_share_chart(share: GreenShare) -> Chart:
    """The share of green as a bar chart per area, one bar per year (for pages and the PDF)."""
    return Chart(
        title=str(_("Andel perioder med grönt läge per område")),
        categories=[area.name for area, _values in share.rows],
        series=[
            Series(str(year), [values[i] for _area, values in share.rows])
            for i, year in enumerate(share.years)
        ],
        kind="bar",
        unit=" %",
        max_value=100,
    )
