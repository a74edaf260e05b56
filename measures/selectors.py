"""Reads of the measures app, always scoped to one municipality.

`compliance(municipality=...)` is the check of the 2023 law's requirements that the reports
app reuses.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from municipalities.models import Membership, Municipality, Role
from promises.models import Commitment
from situations.models import CompiledPicture, PictureStatus, Problem, ProblemStatus

from .models import (
    ActionPlan,
    ActionPlanGoal,
    ActionPlanStatus,
    CalendarEvent,
    Cause,
    CauseAnalysis,
    Measure,
    MeasureStatus,
    Partner,
)

# The lägesbild counts as current if its latest published period ended within this many days.
SITUATION_PICTURE_MAX_AGE_DAYS = 31
PRIORITISED_PROBLEM_STATUSES = (ProblemStatus.OPEN, ProblemStatus.ESCALATED)
RUNNING_STATUSES = (MeasureStatus.PLANNED, MeasureStatus.ONGOING, MeasureStatus.PAUSED)


def _answers_a_cause():
    return Exists(Cause.objects.filter(measures=OuterRef("pk")))


def measures(*, municipality: Municipality):
    """Measures with what a list shows, in a number of queries that does not grow."""
    return (
        Measure.objects.for_municipality(municipality)
        .select_related("responsible_organisation")
        .prefetch_related("areas", "partners")
        .annotate(answers_cause=_answers_a_cause())
        .order_by("-start_date", "title", "pk")
    )


LISTED_FIELDS = (
    "pk",
    "title",
    "status",
    "start_date",
    "end_date",
    "reach_number",
    "reach_unit",
    "is_public",
    "answers_cause",
    "running",
)


def listed_measures(*, municipality: Municipality):
    """The measure list as dicts: running measures first, then finished ones, newest first in
    each. `related_names` gives the names of areas and partners for the page shown."""
    return (
        Measure.objects.for_municipality(municipality)
        .annotate(
            answers_cause=_answers_a_cause(),
            running=Q(status__in=RUNNING_STATUSES),
        )
        .order_by("-running", F("start_date").desc(nulls_last=True), "title", "pk")
        .values(*LISTED_FIELDS)
    )


@dataclass
class RelatedNames:
    areas: dict[int, list[str]]
    partners: dict[int, list[str]]


def related_names(*, municipality: Municipality, measure_ids: list[int]) -> RelatedNames:
    """The names of the areas and partners of the municipality's measures `measure_ids`, by
    measure id, in two queries that fetch names only."""
    areas = (
        Measure.areas.through.objects.filter(
            measure__municipality=municipality, measure_id__in=measure_ids
        )
        .order_by("area__position", "area__name")
        .values_list("measure_id", "area__name")
    )
    partners = (
        Measure.partners.through.objects.filter(
            measure__municipality=municipality, measure_id__in=measure_ids
        )
        .order_by("partner__name")
        .values_list("measure_id", "partner__name")
    )
    return RelatedNames(areas=_grouped(areas), partners=_grouped(partners))


def _grouped(pairs) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return grouped


def measure_detail(*, municipality: Municipality, pk: int) -> Measure:
    from municipalities.access import get_scoped_or_404

    queryset = (
        Measure.objects.select_related("responsible_organisation", "created_by")
        .prefetch_related(
            "areas",
            "partners",
            "problems",
            "calendar_events",
            Prefetch("causes", queryset=Cause.objects.select_related("analysis__problem")),
            Prefetch("goals", queryset=ActionPlanGoal.objects.select_related("plan", "area")),
            "promises",
            Prefetch("commitments", queryset=Commitment.objects.select_related("promise")),
        )
        .annotate(answers_cause=_answers_a_cause())
    )
    return get_scoped_or_404(queryset, municipality, pk=pk)


def public_measures(*, municipality: Municipality):
    return (
        Measure.objects.for_municipality(municipality)
        .filter(is_public=True)
        .prefetch_related("areas", "partners")
        .select_related("responsible_organisation")
        .order_by("-start_date", "title", "pk")
    )


def measure_years(*, municipality: Municipality) -> list[int]:
    """The years in which some measure ran, by the rule of the list's year filter, newest
    first: a choice never leads to an empty list. A measure still running without an end
    date counts up to this year."""
    spans = (
        Measure.objects.for_municipality(municipality)
        .filter(start_date__isnull=False)
        .annotate(
            first=ExtractYear("start_date"),
            last=ExtractYear("end_date"),
            running=Q(status__in=RUNNING_STATUSES),
        )
        .values_list("first", "last", "running")
        .distinct()
    )
    this_year = timezone.localdate().year
    years: set[int] = set()
    for first, last, running in spans:
        if last is None:
            last = max(first, this_year) if running else first
        years.update(range(first, last + 1))
    return sorted(years, reverse=True)


def partners(*, municipality: Municipality):
    return Partner.objects.for_municipality(municipality)


# Action plan


def action_plans(*, municipality: Municipality):
    return ActionPlan.objects.for_municipality(municipality).order_by("-version")


def adopted_action_plan(*, municipality: Municipality) -> ActionPlan | None:
    return ActionPlan.objects.for_municipality(municipality).adopted().first()


def action_plan_detail(*, municipality: Municipality, pk: int) -> ActionPlan:
    from municipalities.access import get_scoped_or_404

    goals = ActionPlanGoal.objects.select_related("area", "area__parent").prefetch_related(
        Prefetch("measures", queryset=Measure.objects.order_by("title"))
    )
    queryset = ActionPlan.objects.prefetch_related(
        Prefetch("goals", queryset=goals),  # type: ignore[arg-type]
        "decisions__actor",
    )
    return get_scoped_or_404(queryset, municipality, pk=pk)


# Compliance with the 2023 law


@dataclass
class ComplianceCheck:
    key: str
    label: str
    met: bool
    detail: str
    items: list = field(default_factory=list)


def compliance(
    *, municipality: Municipality, today: datetime.date | None = None
) -> list[ComplianceCheck]:
    """What the law asks of the municipality and whether it is met today."""
    today = today or timezone.localdate()
    return [
        _situation_picture_check(municipality, today),
        _cause_analysis_check(municipality),
        _action_plan_check(municipality, today),
        _coordinator_check(municipality),
    ]


def compliance_met(*, municipality: Municipality, today: datetime.date | None = None) -> bool:
    return all(check.met for check in compliance(municipality=municipality, today=today))


def _situation_picture_check(municipality, today) -> ComplianceCheck:
    """The latest published joint lägesbild covers a period that ended recently."""
    picture = (
        CompiledPicture.objects.for_municipality(municipality)
        .filter(status=PictureStatus.PUBLISHED)
        .select_related("period")
        .order_by("-period__ends_on")
        .first()
    )
    label = _("Lägesbilden hålls aktuell")
    if picture is None:
        return ComplianceCheck("situation", label, False, _("Ingen lägesbild är publicerad."))
    age = (today - picture.period.ends_on).days
    met = age <= SITUATION_PICTURE_MAX_AGE_DAYS
    detail = _("Senaste publicerade lägesbild gäller %(period)s, som slutade %(date)s.") % {
        "period": picture.period.label,
        "date": picture.period.ends_on.isoformat(),
    }
    return ComplianceCheck("situation", label, met, detail, [picture])


def _cause_analysis_check(municipality) -> ComplianceCheck:
    analysed = CauseAnalysis.objects.filter(problem=OuterRef("pk"), causes__isnull=False)
    missing = list(
        Problem.objects.for_municipality(municipality)
        .filter(status__in=PRIORITISED_PROBLEM_STATUSES)
        .exclude(Exists(analysed))
        .order_by("title")
    )
    label = _("Orsaksanalys finns för prioriterade problem")
    if not missing:
        return ComplianceCheck(
            "cause_analysis", label, True, _("Alla prioriterade problem har en orsaksanalys.")
        )
    detail = ngettext(
        "%(count)d prioriterat problem saknar orsaksanalys.",
        "%(count)d prioriterade problem saknar orsaksanalys.",
        len(missing),
    ) % {"count": len(missing)}
    return ComplianceCheck("cause_analysis", label, False, detail, missing)


def _action_plan_check(municipality, today) -> ComplianceCheck:
    plan = adopted_action_plan(municipality=municipality)
    label = _("Åtgärdsplanen är antagen och inte för gammal")
    if plan is None:
        return ComplianceCheck("action_plan", label, False, _("Ingen antagen åtgärdsplan."))
    values = {
        "version": plan.version,
        "reference": plan.decision_reference,
        "date": plan.review_date.isoformat() if plan.review_date else "–",
    }
    if plan.review_date is None or plan.review_date < today:
        detail = _("Version %(version)s (%(reference)s) skulle ha setts över %(date)s.") % values
        return ComplianceCheck("action_plan", label, False, detail, [plan])
    detail = _("Version %(version)s (%(reference)s) ses över senast %(date)s.") % values
    return ComplianceCheck("action_plan", label, True, detail, [plan])


def _coordinator_check(municipality) -> ComplianceCheck:
    coordinators = list(
        Membership.objects.for_municipality(municipality)
        .filter(role=Role.COORDINATOR)
        .select_related("user")
    )
    has_main = any(not m.is_deputy for m in coordinators)
    has_deputy = any(m.is_deputy for m in coordinators)
    label = _("Samordnare och ersättare är utsedda")
    if has_main and has_deputy:
        detail = _("Samordnare och ersättare finns.")
    elif has_main:
        detail = _("Ingen ersättare för samordnaren är utsedd.")
    else:
        detail = _("Ingen samordnare är utsedd.")
    return ComplianceCheck("coordinator", label, has_main and has_deputy, detail, coordinators)


# Cause analysis


def problems_for_analysis(*, municipality: Municipality):
    """Problems with their cause analysis, if any, prioritised ones first."""
    return (
        Problem.objects.for_municipality(municipality)
        .select_related("area", "cause_analysis")
        .annotate(
            prioritised=Q(status__in=PRIORITISED_PROBLEM_STATUSES),
        )
        .order_by("-prioritised", "status", "title")
    )


def cause_analysis_for(*, analysis: CauseAnalysis):
    """The causes of an analysis grouped by branch, and the problem's measures that answer
    none of them."""
    causes = list(
        Cause.objects.filter(analysis=analysis).prefetch_related(
            Prefetch("measures", queryset=Measure.objects.order_by("title"))
        )
    )
    answering = {m.pk for cause in causes for m in cause.measures.all()}
    unanswering = [m for m in analysis.problem.measures.order_by("title") if m.pk not in answering]
    return causes, unanswering


# Annual calendar


@dataclass
class Occurrence:
    event: CalendarEvent
    start: datetime.date
    end: datetime.date


def calendar_occurrences(
    *, municipality: Municipality, first: datetime.date, last: datetime.date
) -> list[Occurrence]:
    """Every occurrence of the municipality's calendar events that touches [first, last]."""
    events = (
        CalendarEvent.objects.for_municipality(municipality)
        .filter(Q(recurs_yearly=True) | Q(start_date__lte=last))
        .prefetch_related(Prefetch("measures", queryset=Measure.objects.order_by("title")))
    )
    found = []
    for event in events:
        for year in range(first.year - 1, last.year + 1):
            occurrence = event.occurrence_in(year)
            if occurrence and occurrence[0] <= last and occurrence[1] >= first:
                found.append(Occurrence(event, *occurrence))
    return sorted(found, key=lambda o: (o.start, o.event.title))


def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    return (
        datetime.date(year, month, 1),
        datetime.date(year, month, calendar.monthrange(year, month)[1]),
    )


def month_weeks(year: int, month: int, occurrences: list[Occurrence]):
    """The month as weeks of seven days (None outside the month), each day with its events."""
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        days: list[tuple[datetime.date, list[Occurrence]] | None] = []
        for day in week:
            if day.month != month:
                days.append(None)
                continue
            days.append((day, [o for o in occurrences if o.start <= day <= o.end]))
        weeks.append((week[0], days))
    return weeks


def events_by_month(*, municipality: Municipality, year: int) -> list[tuple[datetime.date, list]]:
    """Each month of the year with the occurrences that touch it."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    occurrences = calendar_occurrences(municipality=municipality, first=first, last=last)
    months = []
    for month in range(1, 13):
        start, end = month_bounds(year, month)
        months.append((start, [o for o in occurrences if o.start <= end and o.end >= start]))
    return months


# Start page


@dataclass
class StartSummary:
    ongoing: int
    without_cause: int
    unmet: list[ComplianceCheck]
    plan_awaiting_decision: ActionPlan | None
    next_event: Occurrence | None


def start_summary(*, municipality: Municipality, today: datetime.date | None = None):
    today = today or timezone.localdate()
    base = Measure.objects.for_municipality(municipality)
    upcoming = calendar_occurrences(
        municipality=municipality, first=today, last=today + datetime.timedelta(days=60)
    )
    return StartSummary(
        ongoing=base.filter(status=MeasureStatus.ONGOING).count(),
        without_cause=base.exclude(status=MeasureStatus.CANCELLED)
        .exclude(_answers_a_cause())
        .count(),
        unmet=[c for c in compliance(municipality=municipality, today=today) if not c.met],
        plan_awaiting_decision=ActionPlan.objects.for_municipality(municipality)
        .filter(status=ActionPlanStatus.PROPOSED)
        .first(),
        next_event=upcoming[0] if upcoming else None,
    )


def measures_by_commitment(
    *, municipality: Municipality, commitment_ids: list[int]
) -> dict[int, list[Measure]]:
    """The measures of `municipality` that carry out each of these commitments (one query)."""
    if not commitment_ids:
        return {}
    links = (
        Measure.commitments.through.objects.filter(
            commitment_id__in=commitment_ids, measure__municipality=municipality
        )
        .select_related("measure")
        .order_by("-measure__start_date", "measure__title", "measure_id")
    )
    found: dict[int, list[Measure]] = {}
    for link in links:
        found.setdefault(link.commitment_id, []).append(link.measure)
    return found
