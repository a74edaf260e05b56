"""Charts of safety surveys and indicator series, built from what the selectors read."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from fagersta.charts import Chart, Series

from .models import IndicatorSeries


def series_chart(series: IndicatorSeries) -> Chart | None:
    """Periods as categories, one line per place (or one for the whole municipality)."""
    values = list(series.values.all())
    if not values:
        return None
    periods = []
    for value in sorted(values, key=lambda v: (v.period_start, v.period_label)):
        if value.period_label not in periods:
            periods.append(value.period_label)
    lines: dict[str, dict[str, float]] = defaultdict(dict)
    for value in values:
        name = value.place.name if value.place_id else series.name
        lines[name][value.period_label] = float(value.value)
    return Chart(
        title=f"{series.name} ({series.unit})" if series.unit else series.name,
        categories=periods,
        series=[Series(name, [line.get(p) for p in periods]) for name, line in lines.items()],
        kind="line" if len(periods) > 1 else "bar",
        unit=f" {series.unit}" if series.unit else "",
    )


def answer_chart(title: str, shown) -> Chart:
    """The share of respondents who chose each option of a question."""
    return Chart(
        title=title,
        categories=[o.label for o in shown],
        series=[Series(_("Andel av dem som svarat"), [o.share for o in shown])],
        unit=" %",
        max_value=100,
    )


def feel_safe_chart(title: str, rows) -> Chart:
    """The share who feel safe in each group of a breakdown."""
    return Chart(
        title=_("Andel som känner sig trygga, %(title)s") % {"title": title.lower()},
        categories=[r[0] for r in rows],
        series=[Series(_("Känner sig trygga"), [r[2] for r in rows])],
        unit=" %",
        max_value=100,
    )


def unsafe_places_chart(top: list[tuple[str, int]]) -> Chart:
    return Chart(
        title=_("Platser som oftast nämns som otrygga"),
        categories=[name for name, _count in top],
        series=[Series(_("Antal svar"), [count for _name, count in top])],
    )
