"""The dashboard of the council, politicians and coordinator: headline figures of every app.

Each figure comes from a fixed number of queries whatever the length of the history, and
the whole is cached per municipality and language until a write bumps the municipality's data
version (see municipalities.versions).
"""

from __future__ import annotations

from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fagersta.charts import Chart, Series
from measures.models import Measure, MeasureStatus
from municipalities import versions
from municipalities.models import Area, Municipality
from promises.models import Phase, Promise
from situations import selectors as situation_selectors
from situations.models import Problem, ProblemStatus
from surveys import selectors as survey_selectors
from surveys.models import Survey

CACHE_SECONDS = 300


def version_key(*, municipality: Municipality) -> str:
    """Names the dashboard as it is today: changes with every write the dashboard shows and
    with the date. The page's rendered body is cached under it too."""
    return versions.page_key(municipality.pk)


def dashboard(*, municipality: Municipality) -> dict:
    today = timezone.localdate()
    # The figures hold translated words (statuses, week labels, chart titles): the page key
    # carries the language as well as the data version and the date.
    key = f"reports:dashboard:{versions.page_key(municipality.pk)}"
    data = cache.get(key)
    if data is None:
        data = _compute(municipality, today)
        cache.set(key, data, CACHE_SECONDS)
    return data


def _compute(municipality: Municipality, today) -> dict:
    return {
        "today": today,
        "picture": _picture(municipality, today),
        "reporting": _reporting(municipality, today),
        "problems": _problems(municipality, today),
        "promise": _promise(municipality, today),
        "measures": _measures(municipality),
        "findings": survey_selectors.start_summary(municipality=municipality),
        "survey": _survey(municipality),
        "indicators": _indicators(municipality),
    }


def _picture(municipality, today) -> dict | None:
    picture = situation_selectors.latest_published_picture(municipality=municipality)
    years = sorted(situation_selectors.period_years(municipality=municipality))[-3:]
    share = situation_selectors.green_share_by_year(municipality, years)
    trend = None
    if any(v is not None for _area, values in share.rows for v in values):
        trend = Chart(
            _("Andel gröna perioder per område och år (procent)"),
            [area.name for area, _values in share.rows],
            [
                Series(str(year), [values[i] for _area, values in share.rows])
                for i, year in enumerate(years)
            ],
            unit=" %",
            max_value=100,
        )
    if picture is None and trend is None:
        return None
    areas = []
    if picture is not None:
        for judgement in sorted(picture.areas.all(), key=lambda j: (j.area.position, j.area.pk)):
            areas.append(
                {
                    "name": judgement.area.name,
                    "status": situation_selectors.StatusCell(judgement.status),
                    "trend": judgement.get_trend_display() if judgement.trend else "",
                }
            )
    return {
        "period_pk": picture.period.pk if picture else None,
        "period_label": picture.period.label if picture else "",
        "published_at": picture.published_at if picture else None,
        "areas": areas,
        "trend": trend,
    }


def _reporting(municipality, today) -> dict | None:
    period = situation_selectors.current_period(municipality=municipality, today=today)
    if period is None:
        return None
    board = situation_selectors.reporting_board(period=period)
    return {
        "period_pk": period.pk,
        "period_label": period.label,
        "deadline": period.deadline,
        "total": len(board),
        "reported": [row.organisation.name for row in board if row.has_reported],
        "missing": [row.organisation.name for row in board if not row.has_reported],
    }


def _problems(municipality, today) -> dict:
    return Problem.objects.for_municipality(municipality).aggregate(
        open=Count("pk", filter=~Q(status=ProblemStatus.CLOSED)),
        overdue=Count("pk", filter=~Q(status=ProblemStatus.CLOSED) & Q(due_date__lt=today)),
        escalated=Count("pk", filter=Q(status=ProblemStatus.ESCALATED)),
    )


def _promise(municipality, today) -> dict:
    """The promises in force today and how many ended ones await their follow-up; when none is
    in force, the latest decided one with its phase. Only codes and dates: the page words them
    in its own language."""
    promises = (
        Promise.objects.for_municipality(municipality)
        .with_phase(today)
        .annotate(
            commitments_total=Count("commitments"),
            commitments_followed=Count("commitments", filter=~Q(commitments__outcome="")),
        )
        .values(
            "pk",
            "title",
            "status",
            "phase",
            "period_start",
            "period_end",
            "commitments_total",
            "commitments_followed",
        )
    )
    current = list(promises.in_phase(Phase.CURRENT, today).order_by("period_start", "pk"))
    latest = None
    if not current:
        latest = promises.public().order_by("-period_start", "period_end").first()
    return {
        "current": current,
        "latest": latest,
        "awaiting_follow_up": Promise.objects.for_municipality(municipality)
        .in_phase(Phase.AWAITING_FOLLOW_UP, today)
        .count(),
    }


def _measures(municipality) -> dict | None:
    """Measures per national area and status: two queries."""
    areas = {a.pk: a for a in Area.objects.available_to(municipality).select_related("parent")}
    rows = (
        Measure.objects.for_municipality(municipality)
        .values("areas", "status")
        .annotate(n=Count("pk", distinct=True))
    )
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    total = Measure.objects.for_municipality(municipality).count()
    for row in rows:
        area = areas.get(row["areas"])
        if area is None:
            continue
        national = area.parent if area.parent_id else area
        counts[national.pk][row["status"]] += row["n"]
    if not total:
        return None
    national = sorted((a for a in areas.values() if a.is_national), key=lambda a: a.position)
    statuses = [s for s in MeasureStatus if s != MeasureStatus.CANCELLED]
    table = [
        {
            "area": area,
            "counts": [counts[area.pk][s] for s in statuses],
            "total": sum(counts[area.pk].values()),
        }
        for area in national
    ]
    return {"total": total, "statuses": statuses, "rows": table}


def _survey(municipality) -> dict | None:
    survey = (
        Survey.objects.for_municipality(municipality)
        .annotate(answers=Count("responses"))
        .filter(answers__gt=0)
        .order_by("-opens_on")
        .first()
    )
    if survey is None:
        return None
    return {
        "pk": survey.pk,
        "title": survey.title,
        "answers": survey.answers,
        "feel_safe": survey_selectors.survey_share(survey=survey, measure="feel_safe"),
    }


def _indicators(municipality) -> list[dict]:
    return [
        {
            "pk": series.pk,
            "name": series.name,
            "unit": series.unit,
            "value": latest.value if latest else None,
            "period": latest.period_label if latest else "",
        }
        for series, latest in survey_selectors.series_with_latest(municipality=municipality)
    ]
