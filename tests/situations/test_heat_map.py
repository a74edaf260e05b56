import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from situations import selectors
from situations.models import (
    AreaJudgement,
    Assessment,
    CompiledPicture,
    PeriodStatus,
    PictureStatus,
    ReportingPeriod,
    SituationReport,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

STATUSES = ["green", "green", "yellow", "red"]


def add_history(municipality, areas, first_year, last_year):
    """Biweekly periods with two submitted reports each and, for every other period,
    a compiled picture with a joint status per area."""
    orgs = [
        OrganisationFactory(municipality=municipality, name=f"Org {first_year} {i}")
        for i in range(2)
    ]
    start = datetime.date.fromisocalendar(first_year, 1, 1)
    end = datetime.date.fromisocalendar(last_year + 1, 1, 1)
    periods = []
    while start < end:
        periods.append(
            ReportingPeriod(
                municipality=municipality,
                starts_on=start,
                ends_on=start + datetime.timedelta(days=13),
                deadline=start + datetime.timedelta(days=10),
                status=PeriodStatus.CLOSED,
            )
        )
        start += datetime.timedelta(weeks=2)
    periods = ReportingPeriod.objects.bulk_create(periods)
    reports = SituationReport.objects.bulk_create(
        SituationReport(period=p, organisation=o, status="submitted") for p in periods for o in orgs
    )
    Assessment.objects.bulk_create(
        Assessment(report=r, area=a, status=STATUSES[(i + j) % 4])
        for i, r in enumerate(reports)
        for j, a in enumerate(areas)
    )
    pictures = CompiledPicture.objects.bulk_create(
        CompiledPicture(period=p, status=PictureStatus.PUBLISHED) for p in periods[::2]
    )
    AreaJudgement.objects.bulk_create(
        AreaJudgement(picture=pic, area=a, status="red") for pic in pictures for a in areas
    )
    return periods


def test_every_cell_carries_a_word_and_symbol(municipality, areas):
    add_history(municipality, areas, 2021, 2021)
    heat = selectors.heat_map(municipality, 2021)
    assert len(heat.periods) == 26
    assert [row.area for row in heat.rows] == areas
    first_cell = heat.rows[0].cells[0]
    assert first_cell.status == "red"  # the joint status wins over the suggestion
    assert (first_cell.label, first_cell.symbol) == ("Röd", "■")
    second = heat.rows[0].cells[1]
    assert second.status in {"green", "yellow", "red"}  # suggested from the reports


def test_published_only_ignores_reports_and_drafts(municipality, areas):
    add_history(municipality, areas, 2021, 2021)
    heat = selectors.heat_map(municipality, 2021, published_only=True)
    assert heat.rows[0].cells[1].status == "none"
    assert heat.rows[0].cells[0].status == "red"


def test_green_share_by_year(municipality, areas):
    periods = add_history(municipality, areas[:1], 2020, 2020)
    AreaJudgement.objects.filter(picture__period__in=periods).update(status="green")
    share = selectors.green_share_by_year(municipality, [2020, 2021])
    assert share.years == [2020, 2021]
    row = dict(share.rows)[areas[0]]
    assert row[1] is None
    assert 0 < row[0] <= 100


def _queries(fn) -> int:
    cache.clear()  # count what the page costs to compute, not a cached rendering
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


def test_the_heat_map_has_the_same_query_count_for_one_and_ten_years(municipality, areas):
    add_history(municipality, areas, 2021, 2021)
    one = _queries(lambda: selectors.heat_map(municipality, 2021))
    one_share = _queries(lambda: selectors.green_share_by_year(municipality))
    add_history(municipality, areas, 2011, 2020)
    assert ReportingPeriod.objects.count() > 250
    assert _queries(lambda: selectors.heat_map(municipality, 2021)) == one
    assert _queries(lambda: selectors.green_share_by_year(municipality)) == one_share


def test_the_heat_map_page_has_the_same_query_count_for_one_and_ten_years(
    client_for, coordinator, municipality, areas
):
    client = client_for(coordinator)
    url = reverse("situations:heat_map", args=[municipality.slug]) + "?ar=2021"
    add_history(municipality, areas, 2021, 2021)
    one = _queries(lambda: client.get(url))
    add_history(municipality, areas, 2011, 2020)
    response = client.get(url)
    assert _queries(lambda: client.get(url)) == one
    page = response.content.decode()
    assert "Andel grönt" in page
    assert "■</span> Röd" in page


def test_the_heat_map_hides_other_municipality(client_for, outsider, municipality):
    response = client_for(outsider).get(reverse("situations:heat_map", args=[municipality.slug]))
    assert response.status_code == 404


@pytest.mark.parametrize("year", ["99999", "abc", "-5"])
def test_an_odd_year_falls_back_to_the_default(client_for, coordinator, municipality, year):
    response = client_for(coordinator).get(
        reverse("situations:heat_map", args=[municipality.slug]) + f"?ar={year}"
    )
    assert response.status_code == 200


def test_status_counts_compare_by_national_code(municipality, areas):
    add_history(municipality, areas, 2021, 2021)
    counts = selectors.status_counts_by_area(municipality, 2021)
    assert set(counts) == {a.code for a in areas}
    assert sum(counts["hot-vald"].values()) == 26
    assert counts["hot-vald"]["red"] >= 13  # every other period has a red joint status


def test_the_year_is_compact_cells_each_named_by_its_word(
    client_for, coordinator, municipality, areas
):
    cache.clear()
    add_history(municipality, areas, 2021, 2021)
    url = reverse("situations:heat_map", args=[municipality.slug]) + "?ar=2021"
    page = client_for(coordinator).get(url).content.decode()
    # One compact cell per area and period: the symbol is shown, the word is the cell's name
    # (for screen readers and as its tooltip), so 26 periods fit side by side on a desktop.
    cells = re.findall(
        r'<td class="hm-cell (status-\w+)" title="([^"]+)"><span aria-hidden="true">(.)</span>'
        r'<span class="visually-hidden">([^<]+)</span></td>',
        page,
    )
    assert len(cells) == 26 * len(areas)
    assert ("status-red", "Röd", "■", "Röd") in cells
    assert all(title == word for _css, title, _symbol, word in cells)
    # Column heads are the week numbers; the whole "v. 1–2" is there for screen readers.
    assert '<span aria-hidden="true">1</span><span class="visually-hidden">v. 1–2</span>' in page
