"""Reads of the reports app, always scoped to one municipality (or to the sharing ones)."""

from __future__ import annotations

from django.db.models import Count, Min, Q

from measures.models import Measure
from municipalities.models import Area, Municipality
from situations.models import Problem, ProblemStatus, ReportingPeriod

from .models import AnnualReport, ReportJob, ReportVersion


def annual_reports(*, municipality: Municipality):
    return AnnualReport.objects.for_municipality(municipality).annotate(
        version_count=Count("versions")
    )


def report_versions(*, report: AnnualReport):
    return (
        ReportVersion.objects.for_municipality(report.municipality)
        .filter(report=report)
        .select_related("generated_by", "municipality", "report")
    )


def report_jobs(*, report: AnnualReport, limit: int = 10):
    return (
        ReportJob.objects.for_municipality(report.municipality)
        .filter(report=report)
        .select_related("requested_by")[:limit]
    )


def first_record_years(*, municipality: Municipality) -> dict[str, int | None]:
    """The first year with records of each kind ("periods", "measures"), None without any:
    a count for an earlier year is unknown, not zero."""
    period = ReportingPeriod.objects.for_municipality(municipality).aggregate(
        first=Min("starts_on")
    )["first"]
    measure = Measure.objects.for_municipality(municipality).aggregate(first=Min("start_date"))[
        "first"
    ]
    return {
        "periods": period.year if period else None,
        "measures": measure.year if measure else None,
    }


def national_areas() -> list[Area]:
    return list(Area.objects.national().order_by("position", "name"))


def problem_counts_by_area(*, municipality: Municipality, year: int) -> list[dict]:
    """Problems raised during the year (in one of its periods) per national area, and how many
    of them are closed."""
    counts = (
        Problem.objects.for_municipality(municipality)
        .filter(Q(period__starts_on__year=year) | Q(period__isnull=True, created_at__year=year))
        .values("area__code", "area__parent__code")
        .annotate(
            raised=Count("id"),
            closed=Count("id", filter=Q(status=ProblemStatus.CLOSED)),
        )
    )
    by_code: dict[str, dict[str, int]] = {}
    for row in counts:
        code = row["area__parent__code"] or row["area__code"]
        bucket = by_code.setdefault(code, {"raised": 0, "closed": 0})
        bucket["raised"] += row["raised"]
        bucket["closed"] += row["closed"]
    return [
        {"area": area, **by_code.get(area.code, {"raised": 0, "closed": 0})}
        for area in national_areas()
    ]
