"""Reads of the surveys app, always scoped to one municipality, with a fixed number of queries
whatever the amount of data. The reports app reads walks, surveys and series through the
functions at the end of this module."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Avg, Count, Prefetch, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from fagersta.charts import Chart, Series
from municipalities.models import Municipality, Place

from .models import (
    OPEN_STATUSES,
    Answer,
    Choice,
    Finding,
    FindingStatus,
    IndicatorSeries,
    IndicatorValue,
    Question,
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


def survey_questions(*, survey: Survey):
    return survey.questions.prefetch_related("choices").order_by("position", "pk")


@dataclass
class OptionResult:
    label: str
    count: int
    share: float


@dataclass
class QuestionResult:
    question: Question
    respondents: int
    options: list[OptionResult] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    chart: Chart | None = None


@dataclass
class Breakdown:
    title: str
    rows: list[tuple[str, int, float | None, float | None]]
    chart: Chart


@dataclass
class SurveyResults:
    survey: Survey
    total: int
    questions: list[QuestionResult]
    breakdowns: list[Breakdown]
    unsafe_places: list[tuple[str, int]]
    unsafe_chart: Chart | None


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _load_answers(survey: Survey):
    """Every answer of the survey in one query: {response_id: {question_id: [(choice, text)]}}."""
    by_response: dict[int, dict[int, list[tuple[int | None, str]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    rows = Answer.objects.filter(response__survey=survey).values_list(
        "response_id", "question_id", "choice_id", "text"
    )
    for response_id, question_id, choice_id, text in rows:
        by_response[response_id][question_id].append((choice_id, text))
    return by_response


def survey_results(*, survey: Survey) -> SurveyResults:
    questions = list(survey_questions(survey=survey))
    answers = _load_answers(survey)
    total = survey.responses.count()
    by_code = {q.code: q for q in questions if q.code}
    results = []
    for question in questions:
        chosen = Counter()
        respondents = 0
        texts = []
        for per_question in answers.values():
            given = per_question.get(question.pk)
            if not given:
                continue
            respondents += 1
            for choice_id, text in given:
                if choice_id:
                    chosen[choice_id] += 1
                elif text:
                    texts.append(text)
        options = [
            OptionResult(c.label, chosen[c.pk], _share(chosen[c.pk], respondents))
            for c in question.choices.all()
        ]
        if question.other_label:
            options.append(
                OptionResult(question.other_label, len(texts), _share(len(texts), respondents))
            )
        result = QuestionResult(question, respondents, options, sorted(texts, key=str.lower))
        if options:
            # Long lists (the municipality's places) leave unchosen options out of the chart,
            # so that the labels of the rest fit; the table beside it still lists them all.
            shown = [o for o in options if o.count] if len(options) > 6 else options
            result.chart = Chart(
                title=question.text,
                categories=[o.label for o in shown],
                series=[Series(_("Andel av dem som svarat"), [o.share for o in shown])],
                unit=" %",
                max_value=100,
            )
        results.append(result)
    breakdowns = []
    for code, title in (
        (StandardQuestion.AGE_GROUP, _("Efter åldersgrupp")),
        (StandardQuestion.HOME_PLACE, _("Efter bostadsområde")),
    ):
        if code in by_code:
            breakdowns.append(_breakdown(by_code[code], by_code, answers, title))
    unsafe = _unsafe_ranking(by_code.get(StandardQuestion.UNSAFE_PLACES), answers)
    unsafe_chart = None
    if unsafe:
        top = unsafe[:10]
        unsafe_chart = Chart(
            title=_("Platser som oftast nämns som otrygga"),
            categories=[name for name, _count in top],
            series=[Series(_("Antal svar"), [count for _name, count in top])],
        )
    return SurveyResults(survey, total, results, breakdowns, unsafe, unsafe_chart)


def _choice_values(question: Question | None) -> dict[int, Choice]:
    return {c.pk: c for c in question.choices.all()} if question else {}


def _breakdown(group_question, by_code, answers, title) -> Breakdown:
    feel = by_code.get(StandardQuestion.FEEL_SAFE)
    avoid = by_code.get(StandardQuestion.AVOID_LATE)
    feel_choices = _choice_values(feel)
    avoid_choices = _choice_values(avoid)
    groups = {c.pk: c.label for c in group_question.choices.all()}
    stats = {pk: [0, 0, 0, 0, 0] for pk in groups}  # answers, feel n, feel yes, avoid n, yes
    for per_question in answers.values():
        for choice_id, _text in per_question.get(group_question.pk, []):
            if choice_id not in stats:
                continue
            row = stats[choice_id]
            row[0] += 1
            for feel_id, _t in per_question.get(feel.pk, []) if feel else []:
                if feel_id in feel_choices:
                    row[1] += 1
                    row[2] += feel_choices[feel_id].value in FEEL_SAFE_VALUES
            for avoid_id, _t in per_question.get(avoid.pk, []) if avoid else []:
                if avoid_id in avoid_choices:
                    row[3] += 1
                    row[4] += avoid_choices[avoid_id].label in AVOID_LATE_YES
    rows = [
        (
            groups[pk],
            s[0],
            _share(s[2], s[1]) if s[1] else None,
            _share(s[4], s[3]) if s[3] else None,
        )
        for pk, s in stats.items()
        if s[0]
    ]
    chart = Chart(
        title=_("Andel som känner sig trygga, %(title)s") % {"title": title.lower()},
        categories=[r[0] for r in rows],
        series=[Series(_("Känner sig trygga"), [r[2] for r in rows])],
        unit=" %",
        max_value=100,
    )
    return Breakdown(title, rows, chart)


def _unsafe_ranking(question, answers) -> list[tuple[str, int]]:
    if question is None:
        return []
    labels = {c.pk: c.label for c in question.choices.all()}
    by_name = {label.lower(): label for label in labels.values()}
    counts: Counter = Counter()
    for per_question in answers.values():
        named = set()
        for choice_id, text in per_question.get(question.pk, []):
            if choice_id in labels:
                named.add(labels[choice_id])
            elif text:
                clean = " ".join(text.split())
                named.add(by_name.get(clean.lower(), clean[:1].upper() + clean[1:]))
        counts.update(named)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].lower()))


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
        if measure == "feel_safe":
            hits += answer.choice.value in FEEL_SAFE_VALUES
        else:
            hits += answer.choice.label in AVOID_LATE_YES
    return _share(hits, total) if total else None


def survey_export_rows(*, survey: Survey):
    """Header and one row per response (multiple answers joined with "; ")."""
    questions = list(survey_questions(survey=survey))
    labels = {c.pk: c.label for q in questions for c in q.choices.all()}
    answers = _load_answers(survey)
    dates = dict(survey.responses.values_list("pk", "submitted_on"))
    header = [_("Svar nr"), _("Datum"), *[q.text for q in questions]]
    rows = []
    for number, response_id in enumerate(sorted(dates), start=1):
        per_question = answers.get(response_id, {})
        row = [str(number), dates[response_id].isoformat()]
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


def survey_summary(*, survey: Survey) -> dict:
    """Headline figures of a survey: answers, share feeling safe, share avoiding going out
    late, top wishes and most named unsafe places."""
    results = survey_results(survey=survey)
    wishes = next(
        (q for q in results.questions if q.question.code == StandardQuestion.SAFER_WISHES), None
    )
    top_wishes = (
        sorted(((o.label, o.count) for o in wishes.options), key=lambda o: -o[1])[:3]
        if wishes
        else []
    )
    return {
        "survey": survey,
        "answers": results.total,
        "feel_safe_share": survey_share(survey=survey, measure="feel_safe"),
        "avoid_late_share": survey_share(survey=survey, measure="avoid_late"),
        "top_wishes": top_wishes,
        "unsafe_places": results.unsafe_places[:5],
        "results": results,
    }


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
