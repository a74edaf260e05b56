import pytest
from django.urls import reverse

from municipalities.models import Area, Role
from situations.models import Problem
from tests.factories import member
from tests.reports.factories import AnnualReportFactory

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
