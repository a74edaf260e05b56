"""The pages the HTTP benchmark measures, for one municipality made by `generate_load_data`.

`targets()` returns the pages in the order of the issue (the health endpoint first: it is the
framework's floor that every other page is compared with) and the cookie of the user who
requests the mixed run.

The report form POST is a real save of a draft, not a validation error: the coordinator re-saves
the drafts of the open period with the text of one area changed in each save, and `report.lua`
sends with each request the version that draft is at, choosing a draft no other connection of
its thread has in flight. Drafts are divided
between wrk's threads, so no two connections save the same draft at once and no save is a
conflict. Each save adds history rows (one for the report, one for the changed area); a run is
bounded by its duration, so the growth is too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import NoReverseMatch, reverse


@dataclass
class Page:
    name: str
    path: str
    method: str = "GET"
    body: str = ""
    cookie: str = ""
    env: dict = field(default_factory=dict)


def busiest_municipality():
    """The generated municipality with most situation reports: the longest history."""
    from benchmarks.loaddata import SLUG_PREFIX
    from municipalities.models import Municipality

    found = (
        Municipality.objects.filter(slug__startswith=f"{SLUG_PREFIX}-")
        .annotate(reports=Count("organisations__situation_reports"))
        .order_by("-reports", "slug")
        .first()
    )
    if found is None:
        raise SystemExit("No generated municipality: run `manage.py generate_load_data` first.")
    return found


def dashboard_path(slug: str) -> tuple[str, str]:
    """The reports dashboard, or the situations overview while the reports app has none."""
    try:
        return "dashboard", reverse("reports:dashboard", args=[slug])
    except NoReverseMatch:
        return "dashboard (lägesbild index)", reverse("situations:index", args=[slug])


# report.lua puts a number of its own in place of this mark in every save, so that each save
# changes the text of one area, as when a reporter edits one area and saves the draft.
EDIT_MARK = "WRKSAVE"


def report_body(*, report, csrf: str) -> str:
    """A valid draft save of `report`: its own assessments, at its current version, with the
    first area's text edited."""
    fields = {"csrfmiddlewaretoken": csrf, "version": report.version}
    for n, assessment in enumerate(report.assessments.all()):
        prefix = f"area-{assessment.area_id}"
        fields[f"{prefix}-status"] = assessment.status
        fields[f"{prefix}-trend"] = assessment.trend
        text = assessment.text[:900]
        fields[f"{prefix}-text"] = f"{text} (utkast {EDIT_MARK})".strip() if n == 0 else text
        fields[f"{prefix}-when"] = assessment.when
    return urlencode(fields)


def targets(municipality_slug, session_cookie, csrf):
    from django.contrib.auth import get_user_model

    from municipalities.models import Membership, Municipality, Role
    from situations import selectors as situation_selectors
    from situations.models import SituationReport

    if municipality_slug:
        municipality = Municipality.objects.get(slug=municipality_slug)
    else:
        municipality = busiest_municipality()
    slug = municipality.slug
    User = get_user_model()
    coordinator = User.objects.get(
        memberships__municipality=municipality, memberships__role=Role.COORDINATOR
    )
    reporter_membership = (
        Membership.objects.for_municipality(municipality)
        .filter(role=Role.REPORTER)
        .select_related("user", "organisation")
        .order_by("organisation__name")
        .first()
    )
    period = situation_selectors.current_period(municipality=municipality)
    if period is None or reporter_membership is None:
        raise SystemExit(f"{slug} has no open period or no reporter.")
    coordinator_cookie = session_cookie(coordinator)
    reporter_cookie = session_cookie(reporter_membership.user)

    drafts = list(
        SituationReport.objects.for_municipality(municipality)
        .filter(period=period)
        .prefetch_related("assessments")
        .order_by("organisation__name")
    )
    if not drafts:
        raise SystemExit(f"{slug}: the open period has no drafts to save.")
    paths = [
        reverse("situations:report", args=[slug, period.pk, draft.organisation_id])
        for draft in drafts
    ]
    # The runner checks the POST page once before wrk starts, which saves the first draft:
    # wrk starts from the version after that save.
    versions = [draft.version + (1 if n == 0 else 0) for n, draft in enumerate(drafts)]
    dashboard_name, dashboard = dashboard_path(slug)
    report_form = reverse(
        "situations:report", args=[slug, period.pk, reporter_membership.organisation_id]
    )
    pages = [
        Page("health", reverse("healthz"), cookie=""),
        Page(dashboard_name, dashboard, cookie=coordinator_cookie),
        Page("heat map", reverse("situations:heat_map", args=[slug]), cookie=coordinator_cookie),
        Page("report form GET", report_form, cookie=reporter_cookie),
        Page(
            "report form POST",
            paths[0],
            method="POST",
            body=report_body(report=drafts[0], csrf=csrf),
            cookie=coordinator_cookie,
            env={
                "WRK_REPORTS": " ".join(
                    f"{path}|{version}" for path, version in zip(paths, versions, strict=True)
                )
            },
        ),
        Page("public promises", reverse("promises_public:index", args=[slug])),
        Page(
            "measure list", reverse("measures:measure_list", args=[slug]), cookie=coordinator_cookie
        ),
    ]
    return pages, coordinator_cookie
