"""The comparison with the previous year: the share of green periods per area ("more green
than last year" when it is) and the year's key figures beside last year's."""

from __future__ import annotations

from django.utils.translation import gettext as _

from fagersta.charts import Chart, Series
from situations import selectors as situation_selectors
from situations.models import MeetingKind
from surveys import selectors as survey_selectors

from .. import selectors
from ..models import AnnualReport
from .base import Section
from .measures import measures_in_year


def _green_share(municipality, year: int) -> list[dict]:
    share = situation_selectors.green_share_by_year(municipality, [year - 1, year])
    rows = []
    for area, (before, now) in share.rows:
        if before is None or now is None:
            continue
        if now > before:
            verdict = _("mer grönt")
        elif now < before:
            verdict = _("mindre grönt")
        else:
            verdict = _("oförändrat")
        rows.append({"area": area, "before": before, "now": now, "verdict": verdict})
    return rows


def _key_figures(municipality, year: int) -> list[dict]:
    """Counts of the year and the year before; a figure missing in both years is left out."""
    meetings = {
        row["year"]: row for row in situation_selectors.meeting_counts(municipality=municipality)
    }
    walks = survey_selectors.walk_counts_by_year(municipality=municipality)
    problems = {
        y: sum(
            r["raised"] for r in selectors.problem_counts_by_area(municipality=municipality, year=y)
        )
        for y in (year - 1, year)
    }
    figures = [
        (
            _("EST-möten"),
            {y: meetings.get(y, {}).get(MeetingKind.EST, 0) for y in (year - 1, year)},
        ),
        (
            _("Möten i lokala Brå"),
            {y: meetings.get(y, {}).get(MeetingKind.COUNCIL, 0) for y in (year - 1, year)},
        ),
        (_("Problem som lyftes"), problems),
        (
            _("Insatser som pågick"),
            {y: measures_in_year(municipality, y).count() for y in (year - 1, year)},
        ),
        (_("Trygghetsvandringar"), {y: walks.get(y, {}).get("walks", 0) for y in (year - 1, year)}),
        (
            _("Brister som åtgärdades"),
            {y: walks.get(y, {}).get("fixed", 0) for y in (year - 1, year)},
        ),
    ]
    return [
        {"label": label, "before": values[year - 1], "now": values[year]}
        for label, values in figures
        if values[year - 1] or values[year]
    ]


def sections(report: AnnualReport) -> dict[str, list[Section]]:
    municipality, year = report.municipality, report.year
    rows = _green_share(municipality, year)
    figures = _key_figures(municipality, year)
    # Without any figure for the previous year there is nothing to compare with.
    if not rows and not any(f["before"] for f in figures):
        return {}
    greener = [r for r in rows if r["now"] > r["before"]]
    less_green = [r for r in rows if r["now"] < r["before"]]
    chart = None
    if rows:
        chart = Chart(
            _("Andel gröna perioder per område (procent)"),
            [r["area"].name for r in rows],
            [
                Series(str(year - 1), [r["before"] for r in rows]),
                Series(str(year), [r["now"] for r in rows]),
            ],
            unit=" %",
            max_value=100,
        )
    return {
        "comparison": [
            Section(
                "jamforelse",
                _("Jämförelse med föregående år"),
                "reports/annual/_comparison.html",
                {
                    "year": year,
                    "previous": year - 1,
                    "rows": rows,
                    "greener": greener,
                    "less_green": less_green,
                    "more_green_overall": len(greener) > len(less_green),
                    "chart": chart,
                    "figures": figures,
                },
            )
        ]
    }
