"""Every list and dashboard page makes a stated number of queries, the same for a municipality
with one year of history as for one with four years (and other numbers of organisations,
reports, promises, measures, walks and answers): no query per row. A change that adds a query
to a page changes its number here on purpose.

Both municipalities come from the load-data generator, so every kind of row exists."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks import loaddata
from municipalities.models import Membership, Role

TODAY = datetime.date(2026, 11, 20)
LITTLE, LOTS = "last-01", "last-02"

# Queries of each page with an empty cache, signed in as the coordinator.
MEMBER_PAGES = {
    "municipality_home": 25,
    "member_list": 8,
    "audit_log": 24,
    "situations:index": 9,
    "situations:heat_map": 13,
    "situations:problem_list": 6,
    "situations:meeting_list": 8,
    "promises:list": 8,
    "measures:measure_list": 12,
    "measures:partner_list": 6,
    "measures:action_plan_list": 7,
    "measures:cause_analysis_list": 6,
    "measures:calendar": 7,
    "measures:compliance": 9,
    "surveys:overview": 12,
    "surveys:walk_list": 6,
    "surveys:finding_list": 9,
    "surveys:finding_map": 7,
    "surveys:survey_list": 6,
    "surveys:series_list": 7,
    "reports:dashboard": 30,
}
PUBLIC_PAGES = {"promises_public:index": 5, "measures_public:measure_list": 4}
REPORT_FORM = 12


@pytest.fixture(scope="module")
def history(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        loaddata.generate(municipalities=1, years=1, seed=5, today=TODAY, vary_years=False)
        loaddata.generate(municipalities=1, years=4, seed=6, today=TODAY, first=1, vary_years=False)
    yield
    with django_db_blocker.unblock():
        from django.contrib.auth import get_user_model

        from municipalities.models import Municipality

        Municipality.objects.filter(slug__in=[LITTLE, LOTS]).delete()
        get_user_model().objects.filter(username__startswith="last-").delete()


def _queries(client, path) -> int:
    client.get(path)  # first request warms per-process caches
    cache.clear()  # count what the page costs to compute, not a cached rendering
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured.captured_queries)


def _path(name, slug):
    # A page that is renamed or removed fails here, so that its count is not silently dropped.
    return reverse(name, args=[slug])


def _coordinator(slug):
    return (
        Membership.objects.filter(municipality__slug=slug, role=Role.COORDINATOR)
        .select_related("user")
        .get()
        .user
    )


@pytest.mark.parametrize("name", MEMBER_PAGES)
def test_member_page_query_count_does_not_grow_with_history(history, db, client, name):
    client.force_login(_coordinator(LITTLE))
    little = _queries(client, _path(name, LITTLE))
    client.force_login(_coordinator(LOTS))
    assert (little, _queries(client, _path(name, LOTS))) == (MEMBER_PAGES[name],) * 2


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_query_count_does_not_grow_with_history(history, db, client, name):
    little, lots = _queries(client, _path(name, LITTLE)), _queries(client, _path(name, LOTS))
    assert (little, lots) == (PUBLIC_PAGES[name],) * 2


def test_report_form_query_count_does_not_grow_with_history(history, db, client):
    counts = []
    for slug in (LITTLE, LOTS):
        membership = Membership.objects.filter(
            municipality__slug=slug, role=Role.REPORTER
        ).select_related("user", "municipality")[0]
        period = membership.municipality.reporting_periods.get(status="open")
        client.force_login(membership.user)
        path = reverse("situations:report", args=[slug, period.pk, membership.organisation_id])
        counts.append(_queries(client, path))
    assert counts == [REPORT_FORM, REPORT_FORM]
