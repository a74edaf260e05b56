"""Comparison between municipalities that share their figures.

Only aggregates leave a municipality here: counts, shares and rates per national area (by its
code), per national indicator (by its code) and per quarter or period (from dates). No text a
municipality wrote, no problem, no report and no person is ever read into this module's results.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from fagersta.charts import Chart, Series
from municipalities.models import Municipality
from promises import charts as promise_charts
from promises import selectors as promise_selectors
from situations import selectors as situation_selectors
from situations.models import Status
from surveys import selectors as survey_selectors
from surveys.models import NATIONAL_SPECS, NationalIndicator, national_period

from . import selectors
from .annual.measures import measures_in_year


def sharing_municipalities(*, viewer: Municipality) -> list[Municipality]:
    """The municipalities shown side by side: none unless the viewer itself shares."""
    if not viewer.shares_comparisons:
        return []
    return list(Municipality.objects.sharing().order_by("name"))


def available_years(municipalities: list[Municipality], today: datetime.date) -> list[int]:
    years = {today.year}
    for m in municipalities:
        years.update(situation_selectors.period_years(municipality=m))
    return sorted(years, reverse=True)


def default_year(viewer: Municipality, today: datetime.date) -> int:
    """The latest finished year with lägesbild periods, else this year."""
    years = [y for y in situation_selectors.period_years(municipality=viewer) if y < today.year]
    return years[0] if years else today.year


def per_100k(value: float | Decimal | None, population: int) -> float | None:
    if value is None or not population:
        return None
    return round(float(value) * 100_000 / population, 1)


def comparison(*, viewer: Municipality, year: int) -> dict:
    municipalities = sharing_municipalities(viewer=viewer)
    sections = []
    if len(municipalities) > 1:
        for builder in (_status_by_quarter, _promise_fulfilment, _measures_per_area, _indicators):
            section = builder(municipalities, year)
            if section:
                sections.append(section)
    population = Chart(
        _("Folkmängd"),
        [m.name for m in municipalities],
        [Series(_("Invånare"), [m.population or None for m in municipalities])],
    )
    return {"municipalities": municipalities, "sections": sections, "population": population}


def _status_by_quarter(municipalities, year: int) -> dict | None:
    """Per area: the share of green, yellow and red periods in each quarter."""
    counts: dict[str, dict[tuple[str, int], Counter]] = defaultdict(lambda: defaultdict(Counter))
    area_names: dict[str, str] = {}
    for m in municipalities:
        heat_map = situation_selectors.heat_map(m, year)
        for row in heat_map.rows:
            if not row.area.is_national:
                continue
            area_names[row.area.code] = row.area.name
            for period, cell in zip(heat_map.periods, row.cells, strict=True):
                quarter = (period.starts_on.month - 1) // 3 + 1
                counts[row.area.code][(m.name, quarter)][cell.status] += 1
    if not counts:
        return None
    charts = []
    for area in selectors.national_areas():
        by_key = counts.get(area.code)
        if not by_key:
            continue
        keys = [(m.name, q) for m in municipalities for q in range(1, 5)]
        series = []
        for status, label, color in (
            (Status.GREEN, _("Grönt"), "#1e6b34"),
            (Status.YELLOW, _("Gult"), "#8a5a00"),
            (Status.RED, _("Rött"), "#a4161a"),
        ):
            values = []
            for key in keys:
                counter = by_key.get(key, Counter())
                known = sum(counter[s] for s in (Status.GREEN, Status.YELLOW, Status.RED))
                values.append(round(100 * counter[status] / known) if known else None)
            series.append(Series(label, values, color=color))
        charts.append(
            Chart(
                _("%(area)s: status per kvartal %(year)s (procent av perioderna)")
                % {"area": area_names[area.code], "year": year},
                [f"{name} K{q}" for name, q in keys],
                series,
                kind="stacked",
                unit=" %",
                max_value=100,
            )
        )
    return {
        "title": _("Lägesbildens status per område och kvartal"),
        "intro": _(
            "Andelen gröna, gula och röda perioder bland dem med uppgifter, per kvartal. "
            "Perioder utan uppgift räknas inte."
        ),
        "charts": charts,
    }


def _promise_fulfilment(municipalities, year: int) -> dict | None:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    rows_by_municipality = {
        m.name: [
            r
            for r in promise_selectors.fulfilment_by_period(m)
            if r.period.start <= end and r.period.end >= start
        ]
        for m in municipalities
    }
    if not any(rows_by_municipality.values()):
        return None
    charts = [
        promise_charts.fulfilment_chart(
            rows, title=_("%(name)s: andel genomförda åtaganden per period") % {"name": name}
        )
        for name, rows in rows_by_municipality.items()
        if rows
    ]
    missing = [name for name, rows in rows_by_municipality.items() if not rows]
    intro = _("Andelen av varje periods åtaganden som genomfördes enligt uppföljningen.")
    if missing:
        intro += " " + _("Inga uppföljda löften under året: %(names)s.") % {
            "names": ", ".join(missing)
        }
    return {"title": _("Uppfyllda medborgarlöften per period"), "intro": intro, "charts": charts}


def _measures_per_area(municipalities, year: int) -> dict | None:
    areas = selectors.national_areas()
    values: dict[str, list[int | None]] = {}
    for m in municipalities:
        since = selectors.first_record_years(municipality=m)["measures"]
        if since is None or since > year:
            # Nothing recorded yet: the count is unknown, not zero.
            values[m.name] = [None for _a in areas]
            continue
        counts: Counter = Counter()
        for measure in measures_in_year(m, year):
            codes = {a.national_code for a in measure.areas.all()}
            counts.update(codes)
        values[m.name] = [counts[a.code] for a in areas]
    if not any(sum(n or 0 for n in v) for v in values.values()):
        return None
    return {
        "title": _("Insatser per område"),
        "intro": _("Antal insatser som pågick under året; en insats kan höra till flera områden."),
        "charts": [
            Chart(
                _("Insatser per område %(year)s") % {"year": year},
                [a.name for a in areas],
                [Series(name, counts) for name, counts in values.items()],
            )
        ],
    }


def _indicators(municipalities, year: int) -> dict | None:
    """The year's values of the national indicators, matched by their national code; each is
    shown under the code's own label, unit and period (from the date), never under the
    municipality's own name of the series. Counts are put per 100 000 inhabitants so that
    municipalities of different size compare."""
    values: dict[str, dict[tuple[str, tuple[int, int]], float | None]] = defaultdict(dict)
    for m in municipalities:
        for series in survey_selectors.national_series_values(municipality=m, year=year):
            spec = NATIONAL_SPECS[NationalIndicator(series.national_code)]
            for v in series.values.all():
                period = national_period(series.national_code, v.period_start)
                if v.place_id is not None or period is None:
                    continue
                number = per_100k(v.value, m.population) if spec.count else float(v.value)
                values[series.national_code][(m.name, period)] = number
    if not values:
        return None
    charts = []
    for code in NationalIndicator:
        found = values.get(code.value)
        if not found:
            continue
        spec = NATIONAL_SPECS[code]
        unit = _("per 100 000 invånare") if spec.count else str(spec.unit)
        periods = sorted({period for _name, period in found})
        charts.append(
            Chart(
                f"{code.label} ({unit})",
                [_period_label(period) for period in periods],
                [Series(m.name, [found.get((m.name, p)) for p in periods]) for m in municipalities],
                unit="" if spec.count or unit != "%" else " %",
            )
        )
    return {
        "title": _("Nationella indikatorer"),
        "intro": _(
            "Mätvärden för hela kommunen under året, för de mått som mäts lika i alla kommuner "
            "(NTU, Kolada, Polisen). Antal räknas om per 100 000 invånare; andelar visas som "
            "de är."
        ),
        "charts": charts,
    }


def _period_label(period: tuple[int, int]) -> str:
    year, quarter = period
    return (
        str(year)
        if not quarter
        else _("%(year)s K%(quarter)s")
        % {
            "year": year,
            "quarter": quarter,
        }
    )
