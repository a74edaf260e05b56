"""Reads of the surveys app, always scoped to one municipality, with a fixed number of queries
whatever the amount of data. The reports app reads walks, surveys and series through the
functions at the end of this module."""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict

from django.conf import settings
from django.db.models import Avg, Count, Prefetch, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from municipalities.models import Municipality, Place

from .models import (
    OPEN_STATUSES,
    Answer,
    Finding,
    FindingStatus,
    IndicatorSeries,
    IndicatorValue,
    SafetyWalk,
    StandardQuestion,
    Survey,
    WalkSettings,
)
from .standard import AVOID_LATE_YES, FEEL_SAFE_VALUES

# -- Walks and findings ---------------------------------------------------------------------


def overdue_days(*, municipality: Municipality) -> int:
    found = WalkSettings.objects.for_municipality(municipality).first()
    return found.overdue_days if found else settings.SURVEYS_FINDING_OVERDUE_DAYS


def walk_list(*, municipality: Municipality):
    return SafetyWalk.objects.for_municipality(municipality).annotate(
        finding_count=Count("findings"),
        open_count=Count("findings", filter=Q(findings__status__in=OPEN_STATUSES)),
    )


def walk_findings(*, walk: SafetyWalk):
    return (
        walk.findings.select_related("place", "recipient_organisation")
        .prefetch_related("photos")
        .order_by("pk")
    )


def finding_list(*, municipality: Municipality, status: str = "", today=None) -> list[Finding]:
    """Findings with `is_overdue` set on each (open longer than the municipality allows)."""
    today = today or timezone.localdate()
    days = overdue_days(municipality=municipality)
    findings = (
        Finding.objects.for_municipality(municipality)
        .select_related("walk", "place", "recipient_organisation")
        .annotate(photo_count=Count("photos"))
        .order_by("-walk__date", "pk")
    )
    if status == "overdue":
        findings = findings.overdue(days=days, today=today)
    elif status:
        findings = findings.filter(status=status)
    result = list(findings)
    limit = today - datetime.timedelta(days=days)
    for finding in result:
        finding.is_overdue = finding.status in OPEN_STATUSES and finding.walk.date < limit
    return result


def findings_with_details():
    """Queryset for one finding's page; scope it with get_scoped_or_404."""
    return Finding.objects.select_related(
        "walk__municipality", "place", "recipient_organisation", "forwarded_by"
    ).prefetch_related("photos")


def is_overdue(*, finding: Finding, today=None) -> bool:
    today = today or timezone.localdate()
    days = overdue_days(municipality=finding.walk.municipality)
    return finding.is_open and finding.walk.date < today - datetime.timedelta(days=days)


STATUS_CLASSES = {
    FindingStatus.OPEN: ("status-red", "●"),
    FindingStatus.FORWARDED: ("status-yellow", "➜"),
    FindingStatus.FIXED: ("status-green", "✓"),
    FindingStatus.WONT_FIX: ("status-none", "–"),
}


def map_points(findings: list[Finding]) -> list[dict]:
    """The data the map script reads (from a json_script element)."""
    points = []
    for finding in findings:
        point = finding.point
        if point is None:
            continue
        points.append(
            {
                "id": finding.pk,
                "lat": point[0],
                "lon": point[1],
                "category": finding.get_category_display(),
                "status": finding.status,
                "status_label": finding.get_status_display(),
                "place": finding.location_label,
                "overdue": getattr(finding, "is_overdue", False),
            }
        )
    return points


def map_center(*, municipality: Municipality, finding: Finding | None = None):
    """Where a map for picking a point opens: the finding's point, else the middle of the
    municipality's places (None when no place has coordinates)."""
    if finding is not None and finding.point:
        return list(finding.point)
    found = Place.objects.for_municipality(municipality).aggregate(
        lat=Avg("latitude"), lon=Avg("longitude")
    )
    if found["lat"] is None:
        return None
    return [float(found["lat"]), float(found["lon"])]


def start_summary(*, municipality: Municipality) -> dict:
    """The few numbers the start page shows, in three queries."""
    today = timezone.localdate()
    days = overdue_days(municipality=municipality)
    findings = Finding.objects.for_municipality(municipality).aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count(
            "pk",
            filter=Q(
                status__in=OPEN_STATUSES,
                walk__date__lt=today - datetime.timedelta(days=days),
            ),
        ),
    )
    open_surveys = Survey.objects.for_municipality(municipality).open_on(today).count()
    return {**findings, "open_surveys": open_surveys, "overdue_days": days}


# -- Surveys --------------------------------------------------------------------------------


def survey_list(*, municipality: Municipality):
    return Survey.objects.for_municipality(municipality).annotate(
        response_count=Count("responses", distinct=True)
    )


def open_surveys(*, municipality: Municipality, today: datetime.date | None = None):
    """The surveys residents can answer today, for the public pages."""
    return Survey.objects.for_municipality(municipality).open_on(today or timezone.localdate())


def published_results(*, municipality: Municipality):
    """The surveys whose aggregated results the coordinator has published, newest first."""
    return (
        Survey.objects.for_municipality(municipality)
        .results_published()
        .order_by("-results_published_at", "title")
    )


def survey_questions(*, survey: Survey):
    return survey.questions.prefetch_related("choices").order_by("position", "pk")


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _load_answers(survey: Survey):
    """Every answer of the survey in one query: {response_id: {question_id: [(choice, text)]}}."""
    by_response: dict[uuid.UUID, dict[int, list[tuple[int | None, str]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    rows = Answer.objects.filter(response__survey=survey).values_list(
        "response_id", "question_id", "choice_id", "text"
    )
    for response_id, question_id, choice_id, text in rows:
        by_response[response_id][question_id].append((choice_id, text))
    return by_response


def survey_share(*, survey: Survey, measure: str) -> float | None:
    """Share (%) of the respondents to a standard question who feel safe / avoid going out."""
    code = {"feel_safe": StandardQuestion.FEEL_SAFE, "avoid_late": StandardQuestion.AVOID_LATE}[
        measure
    ]
    answers = Answer.objects.filter(
        response__survey=survey, question__code=code, choice__isnull=False
    ).select_related("choice")
    total = hits = 0
    for answer in answers:
        total += 1
        assert answer.choice is not None  # filtered above
        if measure == "feel_safe":
            hits += answer.choice.value in FEEL_SAFE_VALUES
        else:
            hits += answer.choice.label in AVOID_LATE_YES
    return _share(hits, total) if total else None


def survey_export_rows(*, survey: Survey):
    """Header and one row per response (multiple answers joined with "; ").

    Rows go by date and, within a day, by the random id: the order and the numbers tell
    nothing about who answered before whom on the same day."""
    questions = list(survey_questions(survey=survey))
    labels = {c.pk: c.label for q in questions for c in q.choices.all()}
    answers = _load_answers(survey)
    responses = survey.responses.order_by("submitted_on", "pk").values_list("pk", "submitted_on")
    header = [_("Svar nr"), _("Datum"), *[q.text for q in questions]]
    rows = []
    for number, (response_id, submitted_on) in enumerate(responses, start=1):
        per_question = answers.get(response_id, {})
        row = [str(number), submitted_on.isoformat()]
        for question in questions:
            parts = [
                labels.get(choice_id, "") if choice_id else text
                for choice_id, text in per_question.get(question.pk, [])
            ]
            row.append("; ".join(p for p in parts if p))
        rows.append(row)
    return header, rows


# -- Indicator series -----------------------------------------------------------------------


def series_list(*, municipality: Municipality):
    return IndicatorSeries.objects.for_municipality(municipality).prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.select_related("place"))
    )


def series_with_latest(*, municipality: Municipality) -> list[tuple[IndicatorSeries, object]]:
    """Each series with its latest value (or None), in two queries."""
    result = []
    for series in series_list(municipality=municipality):
        values = list(series.values.all())
        result.append((series, values[-1] if values else None))
    return result


# -- For the reports app --------------------------------------------------------------------


def walk_counts_by_year(*, municipality: Municipality) -> dict[int, dict[str, int]]:
    """{year: {"walks", "participants", "findings", "fixed", "open"}} in two queries."""
    result: dict[int, dict[str, int]] = defaultdict(
        lambda: {"walks": 0, "participants": 0, "findings": 0, "fixed": 0, "open": 0}
    )
    for walk in SafetyWalk.objects.for_municipality(municipality).only(
        "date", *SafetyWalk.PARTICIPANT_FIELDS
    ):
        result[walk.date.year]["walks"] += 1
        result[walk.date.year]["participants"] += walk.participant_total
    rows = (
        Finding.objects.for_municipality(municipality)
        .annotate(year=ExtractYear("walk__date"))
        .values("year")
        .annotate(
            total=Count("pk"),
            fixed=Count("pk", filter=Q(status=FindingStatus.FIXED)),
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        )
    )
    for row in rows:
        result[row["year"]].update(findings=row["total"], fixed=row["fixed"], open=row["open"])
    return dict(sorted(result.items()))


def walks_in_year(*, municipality: Municipality, year: int):
    """The walks of a year with their findings (two queries)."""
    return (
        SafetyWalk.objects.for_municipality(municipality)
        .filter(date__year=year)
        .order_by("date", "start_time")
        .prefetch_related(
            Prefetch("findings", queryset=Finding.objects.select_related("place").order_by("pk"))
        )
    )


def finding_export_rows(*, municipality: Municipality, year: int | None = None):
    """Header and one row per finding, for CSV exports (one query)."""
    findings = (
        Finding.objects.for_municipality(municipality)
        .select_related("walk", "place", "recipient_organisation")
        .order_by("walk__date", "pk")
    )
    if year is not None:
        findings = findings.filter(walk__date__year=year)
    header = [
        _("Vandring"),
        _("Datum"),
        _("Kategori"),
        _("Plats"),
        _("Latitud"),
        _("Longitud"),
        _("Beskrivning"),
        _("Mottagare"),
        _("Vidarebefordrad"),
        _("Referens"),
        _("Status"),
        _("Avslutad"),
        _("Motivering"),
    ]
    rows = []
    for f in findings:
        point = f.point
        rows.append(
            [
                f.walk.area,
                f.walk.date.isoformat(),
                f.get_category_display(),
                f.place.name if f.place_id else "",
                f"{point[0]:.6f}" if point else "",
                f"{point[1]:.6f}" if point else "",
                f.description,
                f.recipient_label,
                f.forwarded_on.isoformat() if f.forwarded_on else "",
                f.forwarded_reference,
                f.get_status_display(),
                f.closed_on.isoformat() if f.closed_on else "",
                f.status_reason,
            ]
        )
    return header, rows


def surveys_in_year(*, municipality: Municipality, year: int):
    return survey_list(municipality=municipality).filter(opens_on__year=year)


def series_values(*, municipality: Municipality, year: int | None = None):
    """Every series of the municipality with its values (two queries), optionally only the
    values of periods starting in `year`."""
    values = IndicatorValue.objects.select_related("place").order_by("period_start")
    if year is not None:
        values = values.filter(period_start__year=year)
    return IndicatorSeries.objects.for_municipality(municipality).prefetch_related(
        Prefetch("values", queryset=values)
    )


def national_series_values(*, municipality: Municipality, year: int):
    """The municipality's series of national indicators, with their whole-municipality values
    of periods starting in `year` (two queries)."""
    values = IndicatorValue.objects.filter(period_start__year=year, place__isnull=True).order_by(
        "period_start", "pk"
    )
    return (
        IndicatorSeries.objects.for_municipality(municipality)
        .exclude(national_code="")
        .only("pk", "national_code", "municipality_id")
        .prefetch_related(
            Prefetch(
                "values",
                queryset=values.only("pk", "series_id", "period_start", "value", "place_id"),
            )
        )
    )
