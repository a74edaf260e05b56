import datetime
import re

import pytest
from django.urls import reverse

from municipalities.models import Area, Role
from situations.models import Problem
from surveys.models import IndicatorValue, NationalIndicator
from tests.factories import member
from tests.measures.factories import MeasureFactory
from tests.promises.factories import CommitmentFactory, DecidedPromiseFactory
from tests.reports.factories import AnnualReportFactory
from tests.situations.factories import (
    AssessmentFactory,
    JudgementFactory,
    PeriodFactory,
    PictureFactory,
    ReportFactory,
)
from tests.surveys.factories import SeriesFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def both_share(municipality, other_municipality):
    for m in (municipality, other_municipality):
        m.shares_comparisons = True
        m.save()


def test_it_shows_sharing_municipalities_side_by_side(client_for, council_member, both_share):
    page = client_for(council_member).get(reverse("reports:comparison", args=["fagersta"]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Hagfors" in html and "Fagersta" in html
    assert "11\u00a0600" in html  # Hagfors's population, an aggregate


def _year_of_data(municipality, texts):
    area = Area.objects.national().first()
    for i, status in enumerate(["green", "yellow", "red", "green"]):
        period = PeriodFactory(
            municipality=municipality,
            starts_on=datetime.date(2021, 1, 4) + datetime.timedelta(weeks=2 * i),
        )
        picture = PictureFactory(period=period, analysis=texts[0])
        JudgementFactory(picture=picture, area=area, status=status, analysis=texts[1])
        report = ReportFactory(period=period, status="submitted")
        AssessmentFactory(report=report, area=area, status=status, text=texts[2])
    measure = MeasureFactory(
        municipality=municipality,
        title=texts[3],
        description=texts[4],
        start_date=datetime.date(2021, 2, 1),
    )
    measure.areas.set([area])
    promise = DecidedPromiseFactory(
        municipality=municipality,
        period_start=datetime.date(2021, 3, 1),
        period_end=datetime.date(2021, 5, 31),
        text=texts[5],
        status="followed_up",
        follow_up_summary=texts[6],
    )
    CommitmentFactory(promise=promise, action=texts[7], outcome="done")
    series = SeriesFactory(
        municipality=municipality,
        name=texts[8],
        unit=texts[9],
        national_code=NationalIndicator.POLICE_REPORTED_CRIMES,
    )
    IndicatorValue.objects.create(
        series=series, period_label=texts[10], period_start=datetime.date(2021, 1, 1), value=1160
    )
    # A series of the municipality's own is never compared, whatever it is called.
    own = SeriesFactory(municipality=municipality, name="Anmälda brott", unit="antal")
    IndicatorValue.objects.create(
        series=own, period_label="2021", period_start=datetime.date(2021, 1, 1), value=99999
    )


def test_it_compares_aggregates_side_by_side(
    client_for, council_member, municipality, other_municipality, both_share
):
    _year_of_data(municipality, [f"Fagerstatext {i}" for i in range(11)])
    _year_of_data(other_municipality, [f"Hagforstext {i}" for i in range(11)])
    page = client_for(council_member).get(
        reverse("reports:comparison", args=["fagersta"]), {"ar": 2021}
    )
    html = page.content.decode()
    assert "Lägesbildens status per område och kvartal" in html
    assert "Hagfors K1" in html and "Fagersta K1" in html
    assert "Uppfyllda medborgarlöften per period" in html
    assert "Insatser per område" in html
    # 1160 reported crimes among Hagfors's 11 600 inhabitants: 10 000 per 100 000.
    assert "Polisen: anmälda brott, totalt (per 100 000 invånare)" in html
    assert "2021 K1" in html
    assert "<td>10\u00a0000</td>" in html
    assert "99\u00a0999" not in html and "Anmälda brott (" not in html
    for i in range(11):
        assert f"Hagforstext {i}" not in html
        assert f"Fagerstatext {i}" not in html


def test_it_shows_only_aggregates_of_the_other_municipality(
    client_for, council_member, other_municipality, both_share
):
    secret_texts = [
        "Hemlig analys av läget vid busstationen",
        "Namngiven elev bråkar på rasterna",
    ]
    AnnualReportFactory(municipality=other_municipality, year=2024, introduction=secret_texts[0])
    Problem.objects.create(
        municipality=other_municipality,
        area=Area.objects.national().first(),
        title=secret_texts[1],
        description=secret_texts[0],
        owner=member(other_municipality, Role.COORDINATOR, username="hagfors-samordnare"),
    )
    html = client_for(council_member).get(reverse("reports:comparison", args=["fagersta"]))
    text = html.content.decode()
    for secret in [*secret_texts, "hagfors-samordnare"]:
        assert secret not in text


def test_a_municipality_that_does_not_share_sees_no_one(
    client_for, council_member, municipality, other_municipality
):
    other_municipality.shares_comparisons = True
    other_municipality.save()
    html = client_for(council_member).get(reverse("reports:comparison", args=["fagersta"]))
    assert "Hagfors" not in html.content.decode()


def test_a_municipality_that_stopped_sharing_is_not_shown(
    client_for, council_member, municipality, other_municipality
):
    municipality.shares_comparisons = True
    municipality.save()
    html = client_for(council_member).get(reverse("reports:comparison", args=["fagersta"]))
    assert "Hagfors" not in html.content.decode()


def test_the_coordinator_opts_in_and_out(client_for, coordinator, municipality):
    client = client_for(coordinator)
    url = reverse("reports:sharing_update", args=["fagersta"])
    assert client.post(url, {"shares": "on"}).status_code == 302
    municipality.refresh_from_db()
    assert municipality.shares_comparisons
    client.post(url, {})
    municipality.refresh_from_db()
    assert not municipality.shares_comparisons


@pytest.mark.parametrize("fixture", ["council_member", "politician", "reporter"])
def test_only_the_coordinator_changes_sharing(request, client_for, municipality, fixture):
    client = client_for(request.getfixturevalue(fixture))
    url = reverse("reports:sharing_update", args=["fagersta"])
    assert client.post(url, {"shares": "on"}).status_code == 403
    municipality.refresh_from_db()
    assert not municipality.shares_comparisons


def test_it_hides_other_municipality(client_for, outsider, municipality):
    client = client_for(outsider)
    assert client.get(reverse("reports:comparison", args=["fagersta"])).status_code == 404
    url = reverse("reports:sharing_update", args=["fagersta"])
    assert client.post(url, {"shares": "on"}).status_code == 404


def test_reporters_cannot_see_the_comparison(client_for, reporter):
    response = client_for(reporter).get(reverse("reports:comparison", args=["fagersta"]))
    assert response.status_code == 403


def test_a_municipality_without_records_shows_a_dash_not_zero(
    client_for, council_member, municipality, other_municipality, both_share
):
    other_municipality.population = 0  # not filled in
    other_municipality.save()
    measure = MeasureFactory(municipality=municipality, start_date=datetime.date(2021, 3, 1))
    measure.areas.set([Area.objects.national().first()])
    page = client_for(council_member).get(
        reverse("reports:comparison", args=["fagersta"]), {"ar": 2021}
    )
    html = page.content.decode()
    table = html[html.index("Insatser per område 2021") :]
    table = table[: table.index("</table>")]
    # Hagfors has recorded no measure at all: its counts are unknown, not zero.
    rows = re.findall(
        r"<tr><th scope=\"row\">[^<]+</th><td>([^<]+)</td><td>([^<]+)</td></tr>", table
    )
    assert rows and all(hagfors == "–" for _fagersta, hagfors in rows)
    assert "1" in [fagersta for fagersta, _hagfors in rows]
    population = html[html.index("Siffrorna i diagrammet: Folkmängd") :]
    population = population[: population.index("</table>")]
    assert "<td>13\u00a0300</td>" in population and "<td>–</td>" in population
