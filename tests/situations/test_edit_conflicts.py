"""Two people editing the same problem, meeting, guidelines or report: the one who saves second
gets the conflict page with both texts, never a silent overwrite or a 500."""

import datetime

import pytest
from django.urls import reverse

from municipalities.history import with_m2m
from municipalities.models import Area
from situations.models import Assessment, Guidelines, MeetingKind, SituationReport
from tests.factories import PlaceFactory
from tests.situations.conftest import report_data

from .factories import GuidelinesFactory, MeetingFactory, ProblemFactory, ReportFactory

pytestmark = pytest.mark.django_db


def _problem_form(area, description, version):
    return {
        "title": "Narkotika vid Risbroskolan",
        "area": area.pk,
        "description": description,
        "status": "open",
        "resolution": "",
        "version": version,
    }


def _meeting_form(notes, version):
    return {"kind": MeetingKind.EST, "date": "2021-03-10", "notes": notes, "version": version}


def _guidelines_form(mission, version):
    return {"mission": mission, "guidelines": "Inga namn.", "version": version}


def _conflict_then_overwrite(client, url, form, reload):
    """The deputy saves first; the coordinator, who opened the form at the same version, is
    shown both texts, and overwrites knowingly with the version the conflict page carries."""
    assert client.post(url, form("Ställföreträdarens text", 1)).status_code == 302
    response = client.post(url, form("Samordnarens text", 1))
    body = response.content.decode()
    assert response.status_code == 409
    assert "Samordnarens text" in body  # what this user wrote stays in the field
    assert "Någon annan sparade nyss: ”Ställföreträdarens text”" in body
    assert 'name="version" value="2"' in body
    assert reload() == "Ställföreträdarens text"
    assert client.post(url, form("Samordnarens text", 2)).status_code == 302
    assert reload() == "Samordnarens text"


def test_a_problem_saved_meanwhile_is_a_conflict(client_for, coordinator, municipality):
    area = Area.objects.national().first()
    problem = ProblemFactory(municipality=municipality, area=area)
    url = reverse("situations:problem_edit", args=[municipality.slug, problem.pk])

    def reload():
        problem.refresh_from_db()
        return problem.description

    _conflict_then_overwrite(
        client_for(coordinator), url, lambda text, v: _problem_form(area, text, v), reload
    )


def test_a_meeting_saved_meanwhile_is_a_conflict(client_for, coordinator, municipality):
    meeting = MeetingFactory(municipality=municipality)
    url = reverse("situations:meeting_edit", args=[municipality.slug, meeting.pk])

    def reload():
        meeting.refresh_from_db()
        return meeting.notes

    _conflict_then_overwrite(client_for(coordinator), url, _meeting_form, reload)


def test_guidelines_saved_meanwhile_are_a_conflict(client_for, coordinator, municipality):
    guidelines = GuidelinesFactory(municipality=municipality)
    url = reverse("situations:guidelines_edit", args=[municipality.slug])

    def reload():
        guidelines.refresh_from_db()
        return guidelines.mission

    _conflict_then_overwrite(client_for(coordinator), url, _guidelines_form, reload)


def test_the_first_guidelines_written_twice_at_once_are_a_conflict(
    client_for, coordinator, municipality
):
    client = client_for(coordinator)
    url = reverse("situations:guidelines_edit", args=[municipality.slug])
    assert client.post(url, _guidelines_form("Först", 0)).status_code == 302
    response = client.post(url, _guidelines_form("Sedan", 0))
    assert response.status_code == 409
    assert Guidelines.objects.get(municipality=municipality).mission == "Först"


@pytest.fixture
def previous(municipality, organisation, previous_period, areas):
    report = ReportFactory(period=previous_period, organisation=organisation, status="submitted")
    for area in areas:
        Assessment.objects.create(report=report, area=area, status="yellow", text="Som förut")
    return report


def _nothing_new(client, period, organisation, version):
    return client.post(
        reverse(
            "situations:report_nothing_new",
            args=[period.municipality.slug, period.pk, organisation.pk],
        ),
        {"version": version},
    )


def test_nothing_new_twice_is_done_once(client_for, reporter, organisation, period, previous):
    client = client_for(reporter)
    assert _nothing_new(client, period, organisation, 0).status_code == 302
    assert _nothing_new(client, period, organisation, 0).status_code == 302
    report = SituationReport.objects.get(period=period, organisation=organisation)
    assert report.version == 2
    assert {a.text for a in report.assessments.all()} == {"Som förut"}


def test_nothing_new_after_someone_wrote_is_a_conflict(
    client_for, reporter, coordinator, organisation, period, previous, areas
):
    url = reverse("situations:report", args=[period.municipality.slug, period.pk, organisation.pk])
    changes = {0: {"text": "Nytt i veckan vid torget"}}
    response = client_for(coordinator).post(url, report_data(areas, changes=changes))
    assert response.status_code == 302
    response = _nothing_new(client_for(reporter), period, organisation, 0)
    assert response.status_code == 409
    assert "Nytt i veckan vid torget" in response.content.decode()
    report = SituationReport.objects.get(period=period, organisation=organisation)
    assert report.assessments.get(area=areas[0]).text == "Nytt i veckan vid torget"


def test_a_reports_place_changes_are_in_its_history(
    client_for, coordinator, municipality, organisation, period, areas
):
    torget = PlaceFactory(municipality=municipality, name="Torget")
    stationen = PlaceFactory(municipality=municipality, name="Stationen")
    client = client_for(coordinator)
    url = reverse("situations:report", args=[municipality.slug, period.pk, organisation.pk])
    key = f"area-{areas[0].pk}-places"
    assert client.post(url, {**report_data(areas), key: [torget.pk]}).status_code == 302
    second = {**report_data(areas, version=2), key: [stationen.pk]}
    assert client.post(url, second).status_code == 302
    assessment = Assessment.objects.get(report__period=period, area=areas[0])
    rows = assessment.history.order_by("history_date", "history_id")
    recorded = [
        sorted(p.name for p in row.places_recorded) for row in with_m2m(Assessment, rows, "places")
    ]
    assert recorded[-2:] == [["Torget"], ["Stationen"]]
    history = client.get(
        reverse("situations:report_history", args=[municipality.slug, period.pk, organisation.pk])
    ).content.decode()
    assert "Torget" in history and "Stationen" in history


def test_conflict_pages_are_for_the_writer_only(client_for, council_member, municipality):
    meeting = MeetingFactory(municipality=municipality, date=datetime.date(2021, 3, 10))
    url = reverse("situations:meeting_edit", args=[municipality.slug, meeting.pk])
    assert client_for(council_member).post(url, _meeting_form("x", 1)).status_code == 403
