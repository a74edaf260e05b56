import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from situations.models import Problem, ProblemStatus
from tests.factories import PlaceFactory

from .factories import ProblemFactory

pytestmark = pytest.mark.django_db


def problem_data(area, **changes):
    data = {
        "title": "Narkotika vid Risbroskolan",
        "area": area.pk,
        "description": "Flera rapporter om narkotika på skolgården under kvällar.",
        "status": ProblemStatus.OPEN,
        "due_date": "2021-06-30",
        "resolution": "",
        "version": 1,
    }
    data.update(changes)
    return data


def test_it_creates_a_problem_from_the_compiled_picture(
    client_for, coordinator, municipality, period, areas
):
    place = PlaceFactory(municipality=municipality, name="Risbroskolan")
    url = reverse("situations:problem_create", args=[municipality.slug])
    form = client_for(coordinator).get(f"{url}?period={period.pk}&area={areas[3].pk}")
    assert form.status_code == 200
    response = client_for(coordinator).post(
        url,
        problem_data(areas[3], place=place.pk, owner=coordinator.pk, period=period.pk),
    )
    assert response.status_code == 302
    problem = Problem.objects.get()
    assert (problem.area, problem.place, problem.owner) == (areas[3], place, coordinator)
    assert problem.period == period
    assert problem.created_by == coordinator


def test_it_refuses_a_place_of_another_municipality(
    client_for, coordinator, municipality, other_municipality, areas
):
    foreign = PlaceFactory(municipality=other_municipality)
    response = client_for(coordinator).post(
        reverse("situations:problem_create", args=[municipality.slug]),
        problem_data(areas[0], place=foreign.pk),
    )
    assert response.status_code == 400
    assert not Problem.objects.exists()


def test_closing_needs_a_resolution(client_for, coordinator, municipality, areas):
    problem = ProblemFactory(municipality=municipality, area=areas[0])
    url = reverse("situations:problem_edit", args=[municipality.slug, problem.pk])
    response = client_for(coordinator).post(url, problem_data(areas[0], status="closed"))
    assert response.status_code == 400
    assert "Skriv hur problemet löstes" in response.content.decode()
    response = client_for(coordinator).post(
        url,
        problem_data(areas[0], status="closed", resolution="Hundsvep och samtal med föräldrar."),
    )
    assert response.status_code == 302
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.CLOSED
    assert problem.history.count() == 2


def test_it_refuses_personal_data_in_the_description(client_for, coordinator, municipality, areas):
    response = client_for(coordinator).post(
        reverse("situations:problem_create", args=[municipality.slug]),
        problem_data(areas[0], description="Gäller 19811218-9876."),
    )
    assert response.status_code == 400
    assert "personnummer" in response.content.decode()


def test_creating_requires_coordinator_role(client_for, council_member, municipality, areas):
    response = client_for(council_member).post(
        reverse("situations:problem_create", args=[municipality.slug]), problem_data(areas[0])
    )
    assert response.status_code == 403


def test_creating_hides_other_municipality(client_for, outsider, municipality, areas):
    response = client_for(outsider).post(
        reverse("situations:problem_create", args=[municipality.slug]), problem_data(areas[0])
    )
    assert response.status_code == 404


def test_editing_hides_another_municipalitys_problem(
    client_for, coordinator, other_municipality, areas
):
    foreign = ProblemFactory(municipality=other_municipality, area=areas[0])
    url = reverse("situations:problem_edit", args=["fagersta", foreign.pk])
    assert client_for(coordinator).post(url, problem_data(areas[0])).status_code == 404
    assert (
        client_for(coordinator)
        .get(reverse("situations:problem_detail", args=["fagersta", foreign.pk]))
        .status_code
        == 404
    )


def test_editing_requires_coordinator_role(client_for, politician, municipality, areas):
    problem = ProblemFactory(municipality=municipality, area=areas[0])
    url = reverse("situations:problem_edit", args=[municipality.slug, problem.pk])
    assert client_for(politician).post(url, problem_data(areas[0])).status_code == 403


def test_council_and_politicians_read_problems_but_reporters_do_not(
    client_for, council_member, politician, reporter, municipality, areas
):
    ProblemFactory(municipality=municipality, area=areas[0], title="Klotter i Västanfors")
    url = reverse("situations:problem_list", args=[municipality.slug])
    assert "Klotter i Västanfors" in client_for(council_member).get(url).content.decode()
    assert client_for(politician).get(url).status_code == 200
    assert client_for(reporter).get(url).status_code == 403


def test_overdue_problems_are_flagged_on_the_coordinators_start_page(
    client_for, coordinator, municipality, areas
):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ProblemFactory(
        municipality=municipality, area=areas[0], title="Belysning Bragevägen", due_date=yesterday
    )
    ProblemFactory(
        municipality=municipality,
        area=areas[0],
        title="Löst sedan länge",
        due_date=yesterday,
        status=ProblemStatus.CLOSED,
        resolution="Lampor bytta.",
    )
    page = (
        client_for(coordinator)
        .get(reverse("municipality_home", args=[municipality.slug]))
        .content.decode()
    )
    assert "1 problem är försenat" in page
    assert "Belysning Bragevägen" in page
    assert "Löst sedan länge" not in page


def test_the_problem_list_has_a_constant_query_count(
    client_for, coordinator, municipality, areas, django_assert_max_num_queries
):
    client = client_for(coordinator)
    url = reverse("situations:problem_list", args=[municipality.slug])
    ProblemFactory(municipality=municipality, area=areas[0], owner=coordinator)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(20):
        ProblemFactory(
            municipality=municipality,
            area=areas[i % 5],
            owner=coordinator,
            place=PlaceFactory(municipality=municipality),
        )
    with django_assert_max_num_queries(len(few)):
        client.get(url)
