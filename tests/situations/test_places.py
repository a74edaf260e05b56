"""A reporter can name a place that is not in the list ("annan plats"); the coordinator adds
it to the list or merges it with a place already there."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from municipalities.models import Place, PlaceKind
from situations import services
from tests.factories import PlaceFactory, national_areas
from tests.situations.factories import AssessmentFactory, PeriodFactory, ReportFactory

pytestmark = pytest.mark.django_db


def url(municipality):
    return reverse("situations:proposed_places", args=[municipality.slug])


@pytest.fixture
def named(municipality, organisation):
    """An assessment whose reporter wrote a place of their own."""
    report = ReportFactory(
        period=PeriodFactory(municipality=municipality), organisation=organisation
    )
    return AssessmentFactory(report=report, area=national_areas()[0], other_place="Skateparken")


def test_a_reporter_names_a_place_outside_the_list(reporter, organisation, municipality):
    today = timezone.localdate()
    period = PeriodFactory(
        municipality=municipality, starts_on=today - datetime.timedelta(days=today.weekday())
    )
    report = services.report_start(actor=reporter, period=period, organisation=organisation)
    area = national_areas()[0]
    data = services.AssessmentData(
        area_id=area.pk,
        status="yellow",
        trend="same",
        text="Samlingar på kvällarna.",
        when="",
        places=[],
        other_place="  Skateparken  ",
    )
    services.report_save(actor=reporter, report=report, version=report.version, assessments=[data])
    assert report.assessments.get(area=area).other_place == "Skateparken"


def test_the_report_form_offers_another_place(client_for, reporter, organisation, municipality):
    today = timezone.localdate()
    period = PeriodFactory(
        municipality=municipality, starts_on=today - datetime.timedelta(days=today.weekday())
    )
    page = client_for(reporter).get(
        reverse("situations:report", args=[municipality.slug, period.pk, organisation.pk])
    )
    assert "Annan plats" in page.content.decode()


def test_the_coordinator_sees_the_named_places(client_for, coordinator, municipality, named):
    page = client_for(coordinator).get(url(municipality)).content.decode()
    assert "Skateparken" in page
    assert "Nämns i 1 bedömning." in page


def test_it_adopts_a_named_place_into_the_list(client_for, coordinator, municipality, named):
    response = client_for(coordinator).post(
        url(municipality), {"action": "adopt", "name": "Skateparken", "kind": PlaceKind.PARK}
    )
    assert response.status_code == 302
    place = Place.objects.for_municipality(municipality).get(name="Skateparken")
    assert place.kind == PlaceKind.PARK
    named.refresh_from_db()
    assert named.other_place == ""
    assert list(named.places.all()) == [place]


def test_it_merges_a_named_place_with_one_in_the_list(client_for, coordinator, municipality, named):
    park = PlaceFactory(municipality=municipality, name="Parken vid ån", kind=PlaceKind.PARK)
    response = client_for(coordinator).post(
        url(municipality), {"action": "merge", "name": "Skateparken", "place": park.pk}
    )
    assert response.status_code == 302
    named.refresh_from_db()
    assert named.other_place == ""
    assert list(named.places.all()) == [park]
    assert not Place.objects.filter(name="Skateparken").exists()


def test_it_refuses_a_place_of_another_municipality(
    client_for, coordinator, municipality, other_municipality, named
):
    theirs = PlaceFactory(municipality=other_municipality, name="Hagfors torg")
    response = client_for(coordinator).post(
        url(municipality), {"action": "merge", "name": "Skateparken", "place": theirs.pk}
    )
    assert response.status_code == 400
    named.refresh_from_db()
    assert named.other_place == "Skateparken"
    assert not named.places.exists()


def test_it_refuses_adopting_a_name_already_in_the_list(
    client_for, coordinator, municipality, named
):
    PlaceFactory(municipality=municipality, name="skateparken")
    response = client_for(coordinator).post(
        url(municipality), {"action": "adopt", "name": "Skateparken", "kind": PlaceKind.PARK}
    )
    assert response.status_code == 400
    assert "Slå ihop med den i stället" in response.content.decode()


def test_it_requires_the_coordinator_role(client_for, reporter, municipality, named):
    client = client_for(reporter)
    assert client.get(url(municipality)).status_code == 403
    response = client.post(
        url(municipality), {"action": "adopt", "name": "Skateparken", "kind": "park"}
    )
    assert response.status_code == 403
    assert not Place.objects.filter(name="Skateparken").exists()


def test_it_hides_other_municipality(client_for, outsider, municipality, named):
    client = client_for(outsider)
    assert client.get(url(municipality)).status_code == 404
    response = client.post(
        url(municipality), {"action": "adopt", "name": "Skateparken", "kind": "park"}
    )
    assert response.status_code == 404
    assert not Place.objects.filter(name="Skateparken").exists()


def test_the_periods_page_links_the_places_for_the_coordinator_only(
    client_for, coordinator, reporter, municipality
):
    index = reverse("situations:index", args=[municipality.slug])
    assert url(municipality) in client_for(coordinator).get(index).content.decode()
    assert url(municipality) not in client_for(reporter).get(index).content.decode()
