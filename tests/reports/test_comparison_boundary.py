"""Nothing a municipality wrote crosses to another one: a marker in every free-text field of
every model of one sharing municipality is seen nowhere by a member of the other, on any page
that puts municipalities side by side or shows aggregates."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from benchmarks import loaddata
from municipalities.models import Municipality, Role
from reports import comparison, exports
from reports.models import AnnualReport
from surveys.models import IndicatorSeries, NationalIndicator
from tests.factories import member
from tests.tenant_data import complete, stamp

pytestmark = pytest.mark.django_db

MARKER = "QZXMARK"
TODAY = datetime.date(2024, 6, 12)


@pytest.fixture
def two_sharing():
    loaddata.generate(municipalities=2, years=2, seed=11, today=TODAY, vary_years=False)
    viewer, other = Municipality.objects.filter(slug__startswith="last-").order_by("slug")
    # The generated series measure national indicators; say which, as a coordinator would.
    for name, code in (
        ("Avstår från att gå ut sent (NTU)", NationalIndicator.NTU_AVOID_LATE),
        ("Anmälda brott per kvartal", NationalIndicator.POLICE_REPORTED_CRIMES),
    ):
        IndicatorSeries.objects.filter(name=name).update(national_code=code)
    complete(other)
    stamped = stamp(other, MARKER)
    assert all(stamped.values()) or stamped
    return viewer, other


def _aggregate_pages(viewer) -> list[str]:
    years = [TODAY.year - 2, TODAY.year - 1, TODAY.year]
    for year in years:
        AnnualReport.objects.get_or_create(municipality=viewer, year=year)
    slug = viewer.slug
    pages = [reverse("reports:dashboard", args=[slug]), reverse("reports:comparison", args=[slug])]
    pages += [f"{reverse('reports:comparison', args=[slug])}?ar={year}" for year in years]
    pages += [reverse("reports:annual_report_preview", args=[slug, year]) for year in years]
    pages += [reverse("reports:annual_report", args=[slug, year]) for year in years]
    pages += [reverse("reports:export_csv", args=[slug, kind]) for kind in exports.EXPORTS]
    return pages


def test_no_free_text_of_another_municipality_crosses(two_sharing, settings):
    viewer, other = two_sharing
    client = Client()
    client.force_login(member(viewer, Role.COORDINATOR, username="jamforare"))
    seen_other = False
    for url in _aggregate_pages(viewer):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        text = body.decode("utf-8-sig")
        assert MARKER not in text, url
        seen_other = seen_other or other.name in text
    # The other municipality is on the comparison with its figures, not left out altogether.
    assert seen_other
    for year in (TODAY.year - 1, TODAY.year):
        data = comparison.comparison(viewer=viewer, year=year)
        assert MARKER not in repr(data)
        titles = [c.title for s in data["sections"] for c in s["charts"]]
        assert any("NTU" in t for t in titles), titles
