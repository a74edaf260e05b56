import pytest
from django.urls import reverse

from tests.measures.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def test_the_public_page_shows_only_public_measures(client, municipality, other_municipality):
    MeasureFactory(municipality=municipality, title="Nattvandring", is_public=True)
    MeasureFactory(municipality=municipality, title="SIG – social insatsgrupp", is_public=False)
    MeasureFactory(municipality=other_municipality, title="Tryggare Torget", is_public=True)
    response = client.get(reverse("measures_public:measure_list", args=["fagersta"]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Nattvandring" in content
    assert "SIG – social insatsgrupp" not in content
    assert "Tryggare Torget" not in content


def test_the_public_detail_shows_a_public_measure(client, municipality):
    measure = MeasureFactory(
        municipality=municipality,
        title="Livesänt samtal",
        is_public=True,
        reach_number=2000,
        reach_unit="visningar",
        lessons_learned="Intern lärdom",
    )
    response = client.get(reverse("measures_public:measure_detail", args=["fagersta", measure.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Livesänt samtal" in content
    assert "visningar" in content
    assert "Intern lärdom" not in content


def test_a_measure_not_marked_public_is_not_found(client, municipality):
    measure = MeasureFactory(municipality=municipality, is_public=False)
    url = reverse("measures_public:measure_detail", args=["fagersta", measure.pk])
    assert client.get(url).status_code == 404


def test_another_municipality_measure_is_not_found(client, municipality, other_municipality):
    measure = MeasureFactory(municipality=other_municipality, is_public=True)
    url = reverse("measures_public:measure_detail", args=["fagersta", measure.pk])
    assert client.get(url).status_code == 404


def test_an_unknown_municipality_is_not_found(client, db):
    assert client.get(reverse("measures_public:measure_list", args=["okand"])).status_code == 404


def test_the_start_page_card_tells_each_role_what_to_do(
    client_for, coordinator, politician, municipality
):
    from tests.measures.factories import ActionPlanFactory

    ActionPlanFactory(municipality=municipality, status="proposed")
    start = reverse("municipality_home", args=["fagersta"])
    coordinator_page = client_for(coordinator).get(start).content.decode()
    assert "lagkrav är inte uppfyllda" in coordinator_page
    politician_page = client_for(politician).get(start).content.decode()
    assert "Åtgärdsplanen väntar på ditt beslut" in politician_page


def test_the_start_page_queries_do_not_grow(client_for, coordinator, municipality):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.measures.factories import CalendarEventFactory

    client = client_for(coordinator)
    start = reverse("municipality_home", args=["fagersta"])

    def add(n):
        for i in range(n):
            measure = MeasureFactory(municipality=municipality)
            CalendarEventFactory(municipality=municipality, title=f"Händelse {i}").measures.add(
                measure
            )

    add(1)
    client.get(start)
    with CaptureQueriesContext(connection) as few:
        client.get(start)
    add(15)
    with CaptureQueriesContext(connection) as many:
        client.get(start)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_public_list_groups_measures_by_status(client, municipality):
    MeasureFactory(municipality=municipality, title="Valborg", status="completed", is_public=True)
    MeasureFactory(municipality=municipality, title="Nattvandring", is_public=True)
    MeasureFactory(
        municipality=municipality, title="Skolavslutning", status="completed", is_public=True
    )
    content = client.get(reverse("measures_public:measure_list", args=["fagersta"])).content
    text = content.decode()
    assert text.count("Genomförda insatser") == 1
    assert text.index("Pågående insatser") < text.index("Nattvandring")
    assert text.index("Nattvandring") < text.index("Genomförda insatser") < text.index("Valborg")
