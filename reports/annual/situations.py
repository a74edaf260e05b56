"""The lägesbild part of the annual report: meetings, who took part, the areas, the heat map
of the year and what stood out."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count
from django.utils.translation import gettext as _

from fagersta.charts import Chart, Series
from situations import selectors as situation_selectors
from situations.models import MeetingKind, ReportStatus, SituationReport, Status

from ..models import AnnualReport
from .base import Section


def _reporting_organisations(municipality, year: int) -> list[tuple[str, int]]:
    """Organisations that submitted reports for periods of the year, with how many."""
    rows = (
        SituationReport.objects.for_municipality(municipality)
        .filter(status=ReportStatus.SUBMITTED, period__starts_on__year=year)
        .values("organisation__name")
        .annotate(n=Count("id"))
        .order_by("organisation__name")
    )
    return [(row["organisation__name"], row["n"]) for row in rows]


def _meeting_organisations(municipality, year: int) -> list[str]:
    meetings = situation_selectors.meeting_list(municipality=municipality, year=year)
    names = {o.name for meeting in meetings for o in meeting.organisations.all()}
    return sorted(names)


def _distribution(heat_map) -> list[dict]:
    """Per area: how many periods were green, yellow, red or without information."""
    rows = []
    for row in heat_map.rows:
        counts = Counter(cell.status for cell in row.cells)
        known = sum(counts[s] for s in (Status.GREEN, Status.YELLOW, Status.RED))
        rows.append(
            {
                "area": row.area,
                "green": counts[Status.GREEN],
                "yellow": counts[Status.YELLOW],
                "red": counts[Status.RED],
                "none": counts[Status.NONE],
                "known": known,
                "concern": counts[Status.YELLOW] + counts[Status.RED],
            }
        )
    return rows


def _stood_out(distribution: list[dict]) -> list[dict]:
    """Areas that were yellow or red in at least a quarter of the periods with information,
    most worrying first."""
    flagged = [r for r in distribution if r["known"] and r["concern"] * 4 >= r["known"]]
    return sorted(flagged, key=lambda r: (-r["red"], -r["concern"], r["area"].position))


def _distribution_chart(distribution: list[dict], year: int) -> Chart:
    return Chart(
        _("Lägesbildens status per område %(year)s (antal perioder)") % {"year": year},
        [r["area"].name for r in distribution],
        [
            Series(_("Grönt"), [r["green"] for r in distribution], color="#1e6b34"),
            Series(_("Gult"), [r["yellow"] for r in distribution], color="#8a5a00"),
            Series(_("Rött"), [r["red"] for r in distribution], color="#a4161a"),
            Series(_("Ingen uppgift"), [r["none"] for r in distribution], color="#595959"),
        ],
        kind="stacked",
    )


def sections(report: AnnualReport) -> dict[str, list[Section]]:
    municipality, year = report.municipality, report.year
    meetings = {
        row["year"]: row for row in situation_selectors.meeting_counts(municipality=municipality)
    }
    this_year = meetings.get(year, {})
    previous_year = meetings.get(year - 1)
    heat_map = situation_selectors.heat_map(municipality, year)
    areas = situation_selectors.report_areas(municipality=municipality)
    reporting = _reporting_organisations(municipality, year)
    distribution = _distribution(heat_map)
    stood_out = _stood_out(distribution)

    result: dict[str, list[Section]] = {"situation": []}
    if not (this_year or reporting or not heat_map.is_empty):
        return result

    result["situation"].append(
        Section(
            "lagesbild",
            _("Lägesbilder och möten"),
            "reports/annual/_situation.html",
            {
                # No meeting recorded in the year: their number is unknown, not zero.
                "est": this_year.get(MeetingKind.EST, 0) if this_year else None,
                "council": this_year.get(MeetingKind.COUNCIL, 0) if this_year else None,
                "previous_council": previous_year.get(MeetingKind.COUNCIL)
                if previous_year
                else None,
                "previous_est": previous_year.get(MeetingKind.EST) if previous_year else None,
                "areas": [a for a in areas if a.is_national],
                "own_areas": [a for a in areas if not a.is_national],
                "reporting": reporting,
                "meeting_organisations": _meeting_organisations(municipality, year),
                "stood_out": stood_out,
            },
        )
    )
    if not heat_map.is_empty:
        result["situation"].append(
            Section(
                "vardekarta",
                _("Årets värmekarta"),
                "reports/annual/_heat_map.html",
                {
                    "heat_map": heat_map,
                    "distribution": distribution,
                    "chart": _distribution_chart(distribution, year),
                    "symbols": [
                        situation_selectors.StatusCell(s)
                        for s in (Status.GREEN, Status.YELLOW, Status.RED, Status.NONE)
                    ],
                },
                level=3,
            )
        )
    return result
