"""The public side can be found: the home page links each municipality's public page, which
gathers its decided promises, public measures and open surveys."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from surveys import services as survey_services
from tests.measures.factories import MeasureFactory
from tests.promises.factories import DecidedPromiseFactory, PromiseFactory
from tests.surveys.test_surveys import make_survey

pytestmark = pytest.mark.django_db


def this_period():
    first = timezone.localdate().replace(day=1)
    return {"period_start": first, "period_end": first + datetime.timedelta(days=80)}


def main(response) -> str:
    assert response.status_code == 200
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def test_the_home_page_links_each_municipalitys_public_page(
    client, municipality, other_municipality
):
    page = main(client.get(reverse("home")))
    for m in (municipality, other_municipality):
        assert f'href="{reverse("public_start", args=[m.slug])}"' in page


def test_it_gathers_promises_measures_and_open_surveys(client, municipality, other_municipality):
    DecidedPromiseFactory(
        municipality=municipality, title="Löfte om kvällsnärvaro", **this_period()
    )
    PromiseFactory(municipality=municipality, title="Utkast som ingen ska se")
    MeasureFactory(municipality=municipality, title="Nattvandring", is_public=True)
    MeasureFactory(municipality=municipality, title="Intern insats", is_public=False)
    MeasureFactory(municipality=other_municipality, title="Hagfors insats", is_public=True)
    make_survey(municipality, title="Trygghetsenkät 2026", slug="enkat-2026")
    closed = timezone.localdate() - datetime.timedelta(days=30)
    survey_services.survey_create(
        actor=None,
        municipality=municipality,
        title="Gammal enkät",
        slug="gammal",
        opens_on=closed - datetime.timedelta(days=10),
        closes_on=closed,
    )
    page = main(client.get(reverse("public_start", args=[municipality.slug])))
    assert "Löfte om kvällsnärvaro" in page
    assert "Utkast som ingen ska se" not in page
    assert "Nattvandring" in page
    assert "Intern insats" not in page and "Hagfors insats" not in page
    assert reverse("surveys_public:answer", args=[municipality.slug, "enkat-2026"]) in page
    assert "Gammal enkät" not in page
    assert reverse("promises_public:index", args=[municipality.slug]) in page
    assert reverse("measures_public:measure_list", args=[municipality.slug]) in page


def test_an_unknown_municipality_is_not_found(client):
    assert client.get(reverse("public_start", args=["finns-inte"])).status_code == 404
