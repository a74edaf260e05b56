"""Reads for the lägesbild, always scoped to one municipality.

`heat_map` and `green_share_by_year` are also used by the dashboards and the annual report;
they run a fixed number of queries whatever the length of the history.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from municipalities import selectors as municipality_selectors
from municipalities import versions
from municipalities.access import Action, Rights
from municipalities.models import Area, Membership, Municipality, Organisation, Role

from .models import (
    STATUS_SEVERITY,
    STATUS_SYMBOLS,
    AreaJudgement,
    Assessment,
    CompiledPicture,
    Guidelines,
    GuidelinesReading,
    Meeting,
    MeetingKind,
    PeriodStatus,
    PictureStatus,
    Problem,
    ProblemStatus,
    ReportingPeriod,
    ReportingSchedule,
    ReportStatus,
    SituationReport,
    Status,
)


# -- statuses ------------------------------------------------------------------------------
@dataclass(frozen=True)
class StatusCell:
    """A status ready for display: word, symbol and CSS class."""

    status: str

    @property
    def label(self) -> str:
        return str(Status(self.status).label)

    @property
    def symbol(self) -> str:
        return STATUS_SYMBOLS[Status(self.status)]

    @property
    def css(self) -> str:
        return "status-none" if self.status == Status.NONE else f"status-{self.status}"


def suggest_status(statuses) -> str:
    """The joint status the reports suggest: the most common status among those with
    information; a tie goes to the more serious status. No information at all gives NONE."""
    counts = Counter(s for s in statuses if s != Status.NONE)
    if not counts:
        return Status.NONE
    return max(counts, key=lambda s: (counts[s], STATUS_SEVERITY[Status(s)]))


# -- areas and periods ---------------------------------------------------------------------
def report_areas(*, municipality: Municipality) -> list[Area]:
    """The areas a report covers: the national ones and the municipality's own, in order.
    Cached until an area of the municipality changes (national areas change only through the
    admin, and the cache expires within minutes)."""

    def compute():
        areas = municipality_selectors.areas(municipality=municipality)
        return sorted(areas, key=lambda a: (a.parent.position if a.parent_id else a.position, a.pk))

    return list(versions.cached(municipality.pk, "report-areas", compute))


def schedule_for(*, municipality: Municipality) -> ReportingSchedule:
    """The municipality's schedule, or the default one (unsaved) if none is set."""
    found = ReportingSchedule.objects.for_municipality(municipality).first()
    return found or ReportingSchedule(municipality=municipality)


def period_list(*, municipality: Municipality, year: int | None = None):
    """Periods with counts of submitted reports and the state of the compiled picture."""
    qs = (
        ReportingPeriod.objects.for_municipality(municipality)
        .select_related("picture")
        .annotate(
            submitted_count=Count("reports", filter=Q(reports__status=ReportStatus.SUBMITTED))
        )
        .order_by("-starts_on")
    )
    if year is not None:
        qs = qs.filter(starts_on__year=year)
    return qs


def period_years(*, municipality: Municipality) -> list[int]:
    dates = ReportingPeriod.objects.for_municipality(municipality).dates("starts_on", "year")
    return sorted({d.year for d in dates}, reverse=True)


def current_period(
    *, municipality: Municipality, today: datetime.date | None = None
) -> ReportingPeriod | None:
    """The open period to report in: the latest open one that has started, else the next."""
    today = today or timezone.localdate()
    periods = ReportingPeriod.objects.for_municipality(municipality).filter(
        status=PeriodStatus.OPEN
    )
    started = periods.filter(starts_on__lte=today).order_by("-starts_on").first()
    return started or periods.order_by("starts_on").first()


def reporting_organisations(*, municipality: Municipality):
    return municipality_selectors.organisations(municipality=municipality, reporting_only=True)


@dataclass
class BoardRow:
    organisation: Organisation
    report: SituationReport | None

    @property
    def has_reported(self) -> bool:
        return self.report is not None and self.report.is_submitted


def reporting_board(*, period: ReportingPeriod) -> list[BoardRow]:
    """Every reporting organisation with its report for the period, if any (two queries)."""
    reports = {
        r.organisation_id: r
        for r in SituationReport.objects.filter(period=period).select_related("submitted_by")
    }
    return [
        BoardRow(organisation=org, report=reports.get(org.pk))
        for org in reporting_organisations(municipality=period.municipality)
    ]


def missing_count(*, period: ReportingPeriod) -> int:
    submitted = SituationReport.objects.filter(period=period, status=ReportStatus.SUBMITTED)
    return (
        reporting_organisations(municipality=period.municipality)
        .exclude(pk__in=submitted.values("organisation_id"))
        .count()
    )


# -- reports -------------------------------------------------------------------------------
def _reports_with_assessments(municipality: Municipality):
    return (
        SituationReport.objects.for_municipality(municipality)
        .select_related("period", "organisation", "submitted_by", "updated_by")
        .prefetch_related(
            Prefetch(
                "assessments",
                queryset=Assessment.objects.select_related("area").prefetch_related("places"),
            )
        )
    )


def report_with_assessments(*, municipality: Municipality, pk: int) -> SituationReport | None:
    return _reports_with_assessments(municipality).filter(pk=pk).first()


def report_for(
    *, municipality: Municipality, period_pk: int, organisation_pk: int
) -> SituationReport | None:
    """The organisation's report for the period, with its assessments, period and organisation."""
    return (
        _reports_with_assessments(municipality)
        .filter(period_id=period_pk, organisation_id=organisation_pk)
        .first()
    )


def previous_report(*, report: SituationReport) -> SituationReport | None:
    """The organisation's latest submitted report from an earlier period."""
    return previous_report_for(organisation=report.organisation, period=report.period)


def previous_report_for(
    *, organisation: Organisation, period: ReportingPeriod
) -> SituationReport | None:
    return (
        SituationReport.objects.filter(
            organisation=organisation,
            status=ReportStatus.SUBMITTED,
            period__starts_on__lt=period.starts_on,
        )
        .order_by("-period__starts_on")
        .prefetch_related("assessments__places")
        .first()
    )


def has_previous_report(*, organisation: Organisation, period: ReportingPeriod) -> bool:
    """Whether `previous_report_for` would find a report: one query, without its assessments."""
    return SituationReport.objects.filter(
        organisation=organisation,
        status=ReportStatus.SUBMITTED,
        period__starts_on__lt=period.starts_on,
    ).exists()


def reports_of_organisation(*, organisation: Organisation, limit: int = 10):
    return (
        SituationReport.objects.filter(organisation=organisation)
        .select_related("period", "period__picture")
        .order_by("-period__starts_on")[:limit]
    )


def reporter_organisation(*, user, municipality: Municipality) -> Organisation | None:
    membership = (
        Membership.objects.for_municipality(municipality)
        .filter(user=user, role=Role.REPORTER, organisation__isnull=False)
        .select_related("organisation")
        .first()
    )
    return membership.organisation if membership else None


def reporters_of(*, municipality: Municipality, organisation_ids=None):
    """Reporter memberships (with users) of the municipality, optionally for some organisations."""
    qs = (
        Membership.objects.for_municipality(municipality)
        .filter(role=Role.REPORTER, organisation__isnull=False)
        .select_related("user", "organisation")
    )
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=organisation_ids)
    return qs


# -- compiled picture ----------------------------------------------------------------------
@dataclass
class AreaColumn:
    """One area of the compiled view: what each organisation reported, and the suggestion."""

    area: Area
    assessments: list[Assessment] = field(default_factory=list)
    judgement: AreaJudgement | None = None

    @property
    def suggested(self) -> StatusCell:
        return StatusCell(suggest_status(a.status for a in self.assessments))

    @property
    def joint(self) -> StatusCell | None:
        return StatusCell(self.judgement.status) if self.judgement else None


def compiled_view(*, period: ReportingPeriod, submitted_only: bool = True) -> list[AreaColumn]:
    """The period's reports side by side by area, with the joint judgement where it exists."""
    assessments = (
        Assessment.objects.filter(report__period=period)
        .select_related("report__organisation", "area")
        .prefetch_related("places")
        .order_by("report__organisation__name")
    )
    if submitted_only:
        assessments = assessments.filter(report__status=ReportStatus.SUBMITTED)
    judgements = {j.area_id: j for j in AreaJudgement.objects.filter(picture__period=period)}
    columns = {
        area.pk: AreaColumn(area=area, judgement=judgements.get(area.pk))
        for area in report_areas(municipality=period.municipality)
    }
    for assessment in assessments:
        column = columns.get(assessment.area_id)
        if column is not None:
            column.assessments.append(assessment)
    return list(columns.values())


def picture_for(*, period: ReportingPeriod) -> CompiledPicture | None:
    return (
        CompiledPicture.objects.filter(period=period)
        .select_related("published_by", "updated_by")
        .prefetch_related(Prefetch("areas", queryset=AreaJudgement.objects.select_related("area")))
        .first()
    )


def latest_published_picture(*, municipality: Municipality) -> CompiledPicture | None:
    return (
        CompiledPicture.objects.for_municipality(municipality)
        .filter(status=PictureStatus.PUBLISHED)
        .select_related("period")
        .prefetch_related(Prefetch("areas", queryset=AreaJudgement.objects.select_related("area")))
        .order_by("-period__starts_on")
        .first()
    )


# -- heat map ------------------------------------------------------------------------------
def _period_area_statuses(
    *,
    municipality: Municipality,
    period_filter: Q,
    published_only: bool = False,
    area_ids: set[int] | None = None,
    period_ids: list[int] | None = None,
) -> dict[tuple[int, int], str]:
    """The status of each (period id, area id): the joint status where the coordinator set one,
    otherwise what the submitted reports suggest. Two queries whatever the amount of data.

    With `area_ids` and the `period_ids` that `period_filter` selects, periods whose joint
    status is set for all of those areas are left out of the second query: their reports
    cannot change the result, and over years of compiled pictures that is nearly all of them."""
    judgements = AreaJudgement.objects.for_municipality(municipality).filter(
        period_filter_to(period_filter, "picture__period__")
    )
    if published_only:
        judgements = judgements.filter(picture__status=PictureStatus.PUBLISHED)
    result: dict[tuple[int, int], str] = {
        (row["picture__period_id"], row["area_id"]): row["status"]
        for row in judgements.values("picture__period_id", "area_id", "status")
    }
    if published_only:
        return result
    counts: dict[tuple[int, int], Counter] = defaultdict(Counter)
    rows = (
        Assessment.objects.for_municipality(municipality)
        .filter(period_filter_to(period_filter, "report__period__"))
        .filter(report__status=ReportStatus.SUBMITTED)
        .values("report__period_id", "area_id", "status")
        .annotate(n=Count("id"))
    )
    if area_ids and period_ids is not None:
        judged: dict[int, set[int]] = defaultdict(set)
        for (period_id, area_id), status in result.items():
            if status != Status.NONE:
                judged[period_id].add(area_id)
        unsettled = [pk for pk in period_ids if not area_ids <= judged.get(pk, set())]
        if not unsettled:
            return result
        rows = rows.filter(report__period_id__in=unsettled)
    for row in rows:
        counts[(row["report__period_id"], row["area_id"])][row["status"]] += row["n"]
    for key, counter in counts.items():
        if result.get(key, Status.NONE) == Status.NONE:
            result[key] = suggest_status(counter.elements())
    return result


def period_filter_to(q: Q, prefix: str) -> Q:
    """Re-root a Q on ReportingPeriod fields under `prefix` (e.g. "report__period__")."""
    rooted = Q()
    rooted.connector = q.connector
    rooted.negated = q.negated
    for child in q.children:
        if isinstance(child, Q):
            rooted.children.append(period_filter_to(child, prefix))
        else:
            key, value = child  # type: ignore[misc]
            rooted.children.append((prefix + key, value))
    return rooted


@dataclass
class HeatMapRow:
    area: Area
    cells: list[StatusCell]


@dataclass
class HeatMap:
    year: int
    periods: list[ReportingPeriod]
    rows: list[HeatMapRow]

    @property
    def is_empty(self) -> bool:
        return not self.periods


def _year_filter(year: int) -> Q:
    # ISO years: a period starting on Monday 2020-12-28 (week 53) belongs to 2020.
    start = datetime.date.fromisocalendar(year, 1, 1)
    end = datetime.date.fromisocalendar(year + 1, 1, 1)
    return Q(starts_on__gte=start, starts_on__lt=end)


def heat_map(municipality: Municipality, year: int, *, published_only: bool = False) -> HeatMap:
    """Areas × periods of one year, each cell a status with word and symbol.

    Four queries (areas, periods, joint statuses, report statuses) whatever the history."""
    areas = report_areas(municipality=municipality)
    periods = list(
        ReportingPeriod.objects.for_municipality(municipality)
        .filter(_year_filter(year))
        .order_by("starts_on")
    )
    statuses = _period_area_statuses(
        municipality=municipality,
        period_filter=_year_filter(year),
        published_only=published_only,
        area_ids={area.pk for area in areas},
        period_ids=[period.pk for period in periods],
    )
    rows = [
        HeatMapRow(
            area=area,
            cells=[StatusCell(statuses.get((p.pk, area.pk), Status.NONE)) for p in periods],
        )
        for area in areas
    ]
    return HeatMap(year=year, periods=periods, rows=rows)


@dataclass
class GreenShare:
    years: list[int]
    rows: list[tuple[Area, list[float | None]]]


def green_share_by_year(
    municipality: Municipality, years: list[int] | None = None, *, published_only: bool = False
) -> GreenShare:
    """Per area and year: the share (in per cent) of periods with information that were green.

    Four queries whatever the number of years."""
    areas = report_areas(municipality=municipality)
    period_years_by_id = {
        pk: start.isocalendar().year
        for pk, start in ReportingPeriod.objects.for_municipality(municipality).values_list(
            "pk", "starts_on"
        )
    }
    if years is None:
        years = sorted(set(period_years_by_id.values()))
    wanted = set(years)
    period_ids = [pk for pk, y in period_years_by_id.items() if y in wanted]
    statuses = _period_area_statuses(
        municipality=municipality,
        period_filter=Q(pk__in=period_ids),
        published_only=published_only,
        area_ids={area.pk for area in areas},
        period_ids=period_ids,
    )
    green: dict[tuple[int, int], int] = Counter()
    known: dict[tuple[int, int], int] = Counter()
    for (period_id, area_id), status in statuses.items():
        if status == Status.NONE:
            continue
        key = (area_id, period_years_by_id[period_id])
        known[key] += 1
        if status == Status.GREEN:
            green[key] += 1
    rows = []
    for area in areas:
        values: list[float | None] = []
        for year in years:
            n = known[(area.pk, year)]
            values.append(round(100 * green[(area.pk, year)] / n) if n else None)
        rows.append((area, values))
    return GreenShare(years=list(years), rows=rows)


def status_counts_by_area(municipality: Municipality, year: int) -> dict[str, Counter]:
    """How many periods of the year each national area spent in each status, keyed by the
    area's stable national code so that municipalities can be compared. Aggregates only."""
    areas = {a.pk: a for a in report_areas(municipality=municipality)}
    statuses = _period_area_statuses(municipality=municipality, period_filter=_year_filter(year))
    periods = (
        ReportingPeriod.objects.for_municipality(municipality)
        .filter(_year_filter(year))
        .values_list("pk", flat=True)
    )
    result: dict[str, Counter] = {a.code: Counter() for a in areas.values() if a.is_national}
    for period_id in periods:
        for area in areas.values():
            if not area.is_national:
                continue
            result[area.code][statuses.get((period_id, area.pk), Status.NONE)] += 1
    return result


# -- problems, meetings, guidelines --------------------------------------------------------
def problem_list(*, municipality: Municipality, status: str | None = None, area=None):
    qs = (
        Problem.objects.for_municipality(municipality)
        .select_related("area", "place", "owner", "period")
        .order_by("status", "due_date", "-created_at")
    )
    if status:
        qs = qs.filter(status=status)
    if area:
        qs = qs.filter(area=area)
    return qs


def overdue_problems(*, municipality: Municipality, today: datetime.date | None = None):
    return (
        Problem.objects.for_municipality(municipality)
        .overdue(today)
        .select_related("owner", "area")
        .order_by("due_date")
    )


def problem_owners(*, municipality: Municipality):
    """Users who may own a problem: the municipality's members."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(memberships__municipality=municipality)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def meeting_list(*, municipality: Municipality, year: int | None = None):
    qs = Meeting.objects.for_municipality(municipality).prefetch_related("organisations")
    if year is not None:
        qs = qs.filter(date__year=year)
    return qs


def meeting_counts(*, municipality: Municipality) -> list[dict]:
    """Meetings per year and kind, newest year first: [{"year", "est", "council"}]."""
    rows = (
        Meeting.objects.for_municipality(municipality)
        .values_list("date__year", "kind")
        .annotate(n=Count("id"))
    )
    by_year: dict[int, dict] = {}
    for year, kind, n in rows:
        entry = by_year.setdefault(year, {"year": year, MeetingKind.EST: 0, MeetingKind.COUNCIL: 0})
        entry[kind] = n
    return [by_year[y] for y in sorted(by_year, reverse=True)]


def guidelines_for(*, municipality: Municipality) -> Guidelines | None:
    return Guidelines.objects.for_municipality(municipality).select_related("updated_by").first()


def has_read_guidelines(*, user, municipality: Municipality) -> bool:
    return GuidelinesReading.objects.filter(municipality=municipality, user=user).exists()


def history_of(obj, limit: int = 50):
    return obj.history.select_related("history_user").order_by("-history_date")[:limit]


# -- start page ----------------------------------------------------------------------------
@dataclass
class StartSummary:
    period: ReportingPeriod | None = None
    missing: int = 0
    own_report: SituationReport | None = None
    organisation: Organisation | None = None
    overdue: list[Problem] = field(default_factory=list)
    open_problems: int = 0
    latest_picture: CompiledPicture | None = None
    needs_guidelines: bool = False


def start_summary(*, municipality: Municipality, user, rights: Rights) -> StartSummary:
    """What the start page tells each role about the lägesbild, in a handful of queries."""
    summary = StartSummary(period=current_period(municipality=municipality))
    if rights[Action.FILE_OWN_REPORT]:
        summary.organisation = reporter_organisation(user=user, municipality=municipality)
        summary.needs_guidelines = not has_read_guidelines(user=user, municipality=municipality)
        if summary.period and summary.organisation:
            summary.own_report = SituationReport.objects.filter(
                period=summary.period, organisation=summary.organisation
            ).first()
    if rights[Action.COMPILE_LAGESBILD]:
        if summary.period:
            summary.missing = missing_count(period=summary.period)
        summary.overdue = list(overdue_problems(municipality=municipality)[:5])
    if rights[Action.READ_PROBLEMS]:
        summary.open_problems = (
            Problem.objects.for_municipality(municipality)
            .exclude(status=ProblemStatus.CLOSED)
            .count()
        )
    summary.latest_picture = (
        CompiledPicture.objects.for_municipality(municipality)
        .filter(status=PictureStatus.PUBLISHED)
        .select_related("period")
        .order_by("-period__starts_on")
        .first()
    )
    return summary
