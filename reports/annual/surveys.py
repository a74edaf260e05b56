"""Safety walks and their findings, safety surveys, and indicator series of the year."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from surveys import charts as survey_charts
from surveys import results as survey_results
from surveys import selectors as survey_selectors
from surveys.models import FindingStatus, IndicatorSeries, IndicatorValue

from ..models import AnnualReport
from .base import Section


def _walks(municipality, year: int) -> list[Section]:
    walks = list(survey_selectors.walks_in_year(municipality=municipality, year=year))
    if not walks:
        return []
    counts = survey_selectors.walk_counts_by_year(municipality=municipality).get(year, {})
    for walk in walks:
        findings = list(walk.findings.all())
        walk.finding_count = len(findings)
        walk.fixed_count = sum(1 for f in findings if f.status == FindingStatus.FIXED)
    return [
        Section(
            "trygghetsvandringar",
            _("Trygghetsvandringar"),
            "reports/annual/_walks.html",
            {
                "walks": walks,
                "participants": counts.get("participants", 0),
                "findings": counts.get("findings", 0),
                "fixed": counts.get("fixed", 0),
                "open": counts.get("open", 0),
            },
        )
    ]


def _surveys(municipality, year: int) -> list[Section]:
    summaries = [
        survey_results.survey_summary(survey=survey)
        for survey in survey_selectors.surveys_in_year(municipality=municipality, year=year)
    ]
    summaries = [s for s in summaries if s["answers"]]
    if not summaries:
        return []
    return [
        Section(
            "trygghetsenkater",
            _("Trygghetsenkäter"),
            "reports/annual/_surveys.html",
            {"summaries": summaries},
        )
    ]


def _indicators(municipality, year: int) -> list[Section]:
    until_end_of_year = (
        IndicatorValue.objects.filter(period_start__lte=datetime.date(year, 12, 31))
        .select_related("place")
        .order_by("period_start")
    )
    series = IndicatorSeries.objects.for_municipality(municipality).prefetch_related(
        Prefetch("values", queryset=until_end_of_year)
    )
    charts = []
    for s in series:
        chart = survey_charts.series_chart(s)
        if chart is not None:
            charts.append({"series": s, "chart": chart})
    if not charts:
        return []
    return [
        Section(
            "indikatorer",
            _("Indikatorer och mätningar"),
            "reports/annual/_indicators.html",
            {"items": charts},
        )
    ]


def sections(report: AnnualReport) -> dict[str, list[Section]]:
    municipality, year = report.municipality, report.year
    return {
        "walks": _walks(municipality, year),
        "surveys": _surveys(municipality, year),
        "indicators": _indicators(municipality, year),
    }
