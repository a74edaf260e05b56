"""Measures of the year grouped by area, and the action plan with its follow-up."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from fagersta.charts import Chart, Series
from measures import selectors as measure_selectors
from measures.models import (
    ActionPlan,
    ActionPlanGoal,
    ActionPlanStatus,
    Measure,
    MeasureStatus,
)

from .. import selectors
from ..models import AnnualReport
from .base import Section

RUNNING = (MeasureStatus.PLANNED, MeasureStatus.ONGOING, MeasureStatus.PAUSED)


def measures_in_year(municipality, year: int):
    """Measures that ran during some part of the year, by the same rule as the measure list:
    without an end date a running measure reaches into later years, a finished one counts
    for its start year."""
    return (
        measure_selectors.measures(municipality=municipality)
        .filter(start_date__year__lte=year)
        .filter(
            Q(end_date__year__gte=year)
            | Q(end_date__isnull=True, start_date__year=year)
            | Q(end_date__isnull=True, status__in=RUNNING)
        )
        .exclude(status=MeasureStatus.CANCELLED)
    )


def _national(area):
    return area.parent if area.parent_id else area


def _by_area(measures) -> list[dict]:
    areas = selectors.national_areas()
    grouped: dict[int, list] = defaultdict(list)
    for measure in measures:
        own = sorted(measure.areas.all(), key=lambda a: (a.position, a.pk))
        if own:
            grouped[_national(own[0]).pk].append(measure)
    return [{"area": area, "measures": grouped[area.pk]} for area in areas if grouped[area.pk]]


def _action_plan(municipality, year: int):
    """The plan in force during the year: the latest one adopted on or before its end."""
    end = datetime.date(year, 12, 31)
    goals = ActionPlanGoal.objects.select_related("area", "area__parent").prefetch_related(
        Prefetch("measures", queryset=Measure.objects.order_by("title"))
    )
    return (
        ActionPlan.objects.for_municipality(municipality)
        .filter(status__in=[ActionPlanStatus.ADOPTED, ActionPlanStatus.SUPERSEDED])
        .filter(decision_date__lte=end)
        .order_by("-version")
        .prefetch_related(Prefetch("goals", queryset=goals))
        .first()
    )


def sections(report: AnnualReport) -> dict[str, list[Section]]:
    municipality, year = report.municipality, report.year
    measures = list(measures_in_year(municipality, year))
    result: dict[str, list[Section]] = {}
    if measures:
        groups = _by_area(measures)
        result["measures"] = [
            Section(
                "insatser",
                _("Brottsförebyggande och trygghetsskapande insatser"),
                "reports/annual/_measures.html",
                {
                    "groups": groups,
                    "count": len(measures),
                    "chart": Chart(
                        _("Insatser per område %(year)s") % {"year": year},
                        [g["area"].name for g in groups],
                        [Series(_("Insatser"), [len(g["measures"]) for g in groups])],
                    ),
                },
            )
        ]
    plan = _action_plan(municipality, year)
    if plan is not None:
        goals = list(plan.goals.all())
        linked = {m.pk: m for goal in goals for m in goal.measures.all()}
        done = sum(1 for m in linked.values() if m.status == MeasureStatus.COMPLETED)
        result["action_plan"] = [
            Section(
                "atgardsplan",
                _("Åtgärdsplan och uppföljning"),
                "reports/annual/_action_plan.html",
                {
                    "plan": plan,
                    "goals": goals,
                    "linked": len(linked),
                    "completed": done,
                },
            )
        ]
    return result
