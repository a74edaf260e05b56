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
    """Counts of the year and the year before; a figure missing in both years is left out.

    A year before the first record of a kind is unknown (None, shown as "–"), not zero: a
    municipality that started with its 2021 data has no count of 2020's meetings."""
    years = (year - 1, year)
    meetings = {
        row["year"]: row for row in situation_selectors.meeting_counts(municipality=municipality)
    }
    walks = survey_selectors.walk_counts_by_year(municipality=municipality)
    first = selectors.first_record_years(municipality=municipality)
    first_meeting = min(meetings, default=None)
    first_walk = min(walks, default=None)
    problems = {
        y: sum(
            r["raised"] for r in selectors.problem_counts_by_area(municipality=municipality, year=y)
        )
        for y in years
    }
    figures = [
        (
            _("EST-möten"),
            {y: meetings.get(y, {}).get(MeetingKind.EST, 0) for y in years},
            first_meeting,
        ),
        (
            _("Möten i lokala Brå"),
            {y: meetings.get(y, {}).get(MeetingKind.COUNCIL, 0) for y in years},
            first_meeting,
        ),
        (_("Problem som lyftes"), problems, first["periods"]),
        (
            _("Insatser som pågick"),
            {y: measures_in_year(municipality, y).count() for y in years},
            first["measures"],
        ),
        (
            _("Trygghetsvandringar"),
            {y: walks.get(y, {}).get("walks", 0) for y in years},
            first_walk,
        ),
        (
            _("Brister som åtgärdades"),
            {y: walks.get(y, {}).get("fixed", 0) for y in years},
            first_walk,
        ),
    ]
    result = []
    for label, values, since in figures:
        known = {y: n if since is not None and y >= since else None for y, n in values.items()}
        if known[year - 1] or known[year]:
            result.append({"label": label, "before": known[year - 1], "now": known[year]})
    return result


def sections(report: AnnualReport) -> dict[str, list[Section]]:
    municipality, year = report.municipality, report.year
    rows = _green_share(municipality, year)
    figures = _key_figures(municipality, year)
    # Without any figure for the previous year there is nothing to compare with.
    if not rows and not any(f["before"] is not None for f in figures):
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
