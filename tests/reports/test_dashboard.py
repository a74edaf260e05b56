import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from municipalities.models import Area
from situations.models import Problem, ProblemStatus
from surveys.models import IndicatorValue
from tests.factories import OrganisationFactory
from tests.measures.factories import MeasureFactory
from tests.promises.factories import CommitmentFactory, DecidedPromiseFactory
from tests.situations.factories import (
    JudgementFactory,
    PeriodFactory,
    PictureFactory,
    ReportFactory,
)
from tests.surveys.factories import FindingFactory, SeriesFactory, WalkFactory

pytestmark = pytest.mark.django_db


def _year_of_everything(municipality, year, areas):
    """A little of every kind of data the dashboard shows, dated in `year`."""
    org = OrganisationFactory(municipality=municipality)
    for week in (1, 20):
        start = datetime.date.fromisocalendar(year, week, 1)
        period = PeriodFactory(municipality=municipality, starts_on=start)
        picture = PictureFactory(period=period, status="published")
        ReportFactory(period=period, organisation=org, status="submitted")
        for area in areas:
            JudgementFactory(picture=picture, area=area, status="green")
    promise = DecidedPromiseFactory(
        municipality=municipality,
        period_start=datetime.date(year, 3, 1),
        period_end=datetime.date(year, 5, 31),
    )
    CommitmentFactory(promise=promise)
    MeasureFactory(municipality=municipality, start_date=datetime.date(year, 2, 1))
    walk = WalkFactory(municipality=municipality, date=datetime.date(year, 10, 5))
    FindingFactory(walk=walk)
    series = SeriesFactory(municipality=municipality)
    IndicatorValue.objects.create(
        series=series, period_label=str(year), period_start=datetime.date(year, 1, 1), value=3
    )


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _problems(municipality, years: int, last: int = 2024):
    areas = list(Area.objects.national())
    for year in range(last - years + 1, last + 1):
        _year_of_everything(municipality, year, areas)
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


def test_it_shows_a_figure_from_every_app_with_links(client_for, council_member, municipality):
    _problems(municipality, years=1)
    html = client_for(council_member).get(reverse("reports:dashboard", args=["fagersta"]))
    text = html.content.decode()
    assert "öppna problem" in text
    assert "3 försenade" in text
    assert "Gemensam lägesbild" in text and "● Grön" in text
    assert "Medborgarlöfte" in text
    assert "1 insats" in text
    assert "öppna brister" in text
    for name, args in [
        ("situations:problem_list", []),
        ("surveys:finding_list", []),
        ("measures:measure_list", []),
    ]:
        assert reverse(name, args=["fagersta", *args]) in text


def test_the_query_count_does_not_grow_with_history(
    client_for, council_member, municipality, django_assert_max_num_queries
):
    client = client_for(council_member)
    _problems(municipality, years=1)
    one_year = _count_queries(client, municipality)
    cache.clear()
    _problems(municipality, years=9, last=2023)
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
    from municipalities import versions

    mine = versions.current(municipality.pk)
    Problem.objects.create(
        municipality=other_municipality,
        area=Area.objects.national().first(),
        title="Hagfors",
        description="Exempeldata.",
    )
    assert versions.current(municipality.pk) == mine
    assert versions.current(other_municipality.pk) > 1


def test_the_start_page_tells_the_coordinator_to_make_last_years_report(
    client_for, coordinator, municipality
):
    from django.utils import timezone

    page = client_for(coordinator).get(reverse("municipality_home", args=["fagersta"]))
    year = timezone.localdate().year - 1
    assert f"Årsrapporten för {year} är inte skapad än" in page.content.decode()


def test_the_start_page_card_is_not_shown_to_reporters(client_for, reporter):
    page = client_for(reporter).get(reverse("municipality_home", args=["fagersta"]))
    assert reverse("reports:dashboard", args=["fagersta"]) not in page.content.decode()


def test_nothing_it_caches_lives_for_ever(client_for, council_member, municipality, settings):
    from municipalities import versions

    # An in-process cache whose keys and expiry the test can inspect, whatever the suite uses.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "dashboard-expiry-test",
        }
    }
    client_for(council_member).get(reverse("reports:dashboard", args=["fagersta"]))
    versions.bump(municipality.pk)
    versions.bump(999999)
    keys = list(cache._cache)
    assert any("reports:dashboard" in k for k in keys)
    assert any("reports-dashboard" in k for k in keys)  # the rendered body
    assert any("municipality-data-version" in k for k in keys)
    assert all(cache._expire_info[k] is not None for k in keys)
