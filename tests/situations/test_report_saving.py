"""Saving the report form: the places of each area, and what a save costs in queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from municipalities.models import Area
from situations.models import SituationReport
from tests.factories import PlaceFactory

from .conftest import report_data

pytestmark = pytest.mark.django_db


def url(period, organisation):
    return reverse("situations:report", args=[period.municipality.slug, period.pk, organisation.pk])


def save(client, period, organisation, areas, places_by_area, text="", every_area=False):
    """POST the form at the report's current version; `places_by_area` maps area index to places.
    `text` goes into the first area, or into every area with `every_area`."""
    report = SituationReport.objects.filter(period=period, organisation=organisation).first()
    edited = range(len(areas)) if every_area else [0]
    data = report_data(
        areas,
        version=report.version if report else 0,
        submit=False,
        changes={index: {"text": text} for index in edited},
    )
    for index, places in places_by_area.items():
        data[f"area-{areas[index].pk}-places"] = [place.pk for place in places]
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url(period, organisation), data)
    assert response.status_code == 302
    return len(queries)


def places_of(period, organisation, areas):
    report = SituationReport.objects.get(period=period, organisation=organisation)
    return {
        areas.index(a.area): sorted(p.name for p in a.places.all())
        for a in report.assessments.select_related("area")
    }


def test_it_changes_only_the_places_that_changed(client_for, reporter, organisation, period, areas):
    torget, parken, skolan = (
        PlaceFactory(municipality=period.municipality, name=name)
        for name in ("Torget", "Parken", "Skolan")
    )
    client = client_for(reporter)
    save(client, period, organisation, areas, {0: [torget], 1: [parken], 2: [skolan]})
    save(client, period, organisation, areas, {0: [torget], 1: [skolan, parken]})
    assert places_of(period, organisation, areas) == {
        0: ["Torget"],
        1: ["Parken", "Skolan"],
        2: [],
        **{index: [] for index in range(3, len(areas))},
    }


def test_it_refuses_a_place_that_does_not_exist(client_for, reporter, organisation, period, areas):
    data = report_data(areas)
    data[f"area-{areas[0].pk}-places"] = ["999999"]
    response = client_for(reporter).post(url(period, organisation), data)
    assert response.status_code == 400
    assert not SituationReport.objects.exists()


def test_each_further_changed_area_costs_one_update_and_nothing_else(
    client_for, reporter, organisation, period, areas, municipality
):
    """Reads do not grow with the areas; each changed area is one UPDATE, and the history
    rows of all of them are one INSERT."""
    place = PlaceFactory(municipality=municipality)
    client = client_for(reporter)
    every_area = {index: [place] for index in range(len(areas))}
    save(client, period, organisation, areas, every_area)
    few = save(client, period, organisation, areas, every_area, text="igen", every_area=True)

    more_areas = areas + [
        Area.objects.create(municipality=municipality, code=f"egen-{n}", name=f"Eget {n}")
        for n in range(2)
    ]
    every_area = {index: [place] for index in range(len(more_areas))}
    save(client, period, organisation, more_areas, every_area)
    many = save(client, period, organisation, more_areas, every_area, text="igen", every_area=True)
    assert many - few == 2


def test_a_save_writes_the_areas_that_changed_with_who_saved(
    client_for, reporter, organisation, period, areas
):
    client = client_for(reporter)
    save(client, period, organisation, areas, {})
    report = SituationReport.objects.get()
    before = {a.area_id: a.history.count() for a in report.assessments.all()}
    save(client, period, organisation, areas, {}, text="Ny text")

    after = {a.area_id: a.history.count() for a in report.assessments.all()}
    assert after[areas[0].pk] == before[areas[0].pk] + 1
    assert all(after[area.pk] == before[area.pk] for area in areas[1:])
    changed = report.assessments.get(area=areas[0]).history.latest("history_date")
    assert (changed.text, changed.history_user, changed.history_type) == ("Ny text", reporter, "~")
    # The report's own history: its creation and a row for every save, with who made it.
    assert list(report.history.values_list("history_type", "history_user")) == [
        ("~", reporter.pk),
        ("~", reporter.pk),
        ("+", reporter.pk),
    ]
