import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from municipalities.models import Area
from situations.models import Problem, ProblemStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _problems(municipality, years: int):
    areas = list(Area.objects.national())
    for year in range(2024 - years + 1, 2025):
        for i, area in enumerate(areas):
            Problem.objects.create(
                municipality=municipality,
                area=area,
                title=f"Problem {year}-{i}",
                description="Exempeldata.",
                status=ProblemStatus.CLOSED if i % 2 else ProblemStatus.OPEN,
                due_date=datetime.date(year, 6, 1),
            )


def _count_queries(client, municipality):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("reports:dashboard", args=[municipality.slug]))
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_it_shows_open_and_overdue_problems(client_for, council_member, municipality):
    _problems(municipality, years=1)
    html = client_for(council_member).get(reverse("reports:dashboard", args=["fagersta"]))
    text = html.content.decode()
    assert "öppna problem" in text
    assert "3 försenade" in text


def test_the_query_count_does_not_grow_with_history(
    client_for, council_member, municipality, django_assert_max_num_queries
):
    client = client_for(council_member)
    _problems(municipality, years=1)
    one_year = _count_queries(client, municipality)
    cache.clear()
    _problems(municipality, years=10)
    ten_years = _count_queries(client, municipality)
    assert one_year == ten_years


def test_it_is_cached_until_a_write(client_for, council_member, municipality):
    client = client_for(council_member)
    _problems(municipality, years=1)
    url = reverse("reports:dashboard", args=["fagersta"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as cached:
        client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as uncached:
        client.get(url)
    assert len(cached.captured_queries) < len(uncached.captured_queries)

    before = client.get(url).content.decode()
    Problem.objects.create(
        municipality=municipality,
        area=Area.objects.national().first(),
        title="Nytt",
        description="Exempeldata.",
    )
    after = client.get(url).content.decode()
    assert before != after


def test_a_write_in_another_municipality_keeps_my_cache(municipality, other_municipality):
    from reports import dashboard

    mine = dashboard.cache_version(municipality.pk)
    Problem.objects.create(
        municipality=other_municipality,
        area=Area.objects.national().first(),
        title="Hagfors",
        description="Exempeldata.",
    )
    assert dashboard.cache_version(municipality.pk) == mine
    assert dashboard.cache_version(other_municipality.pk) > 1
