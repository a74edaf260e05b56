import pytest
from django.urls import reverse

from municipalities.models import Role
from situations import services
from situations.models import Assessment, GuidelinesReading, ReportStatus, SituationReport
from tests.factories import OrganisationFactory, member

from .conftest import report_data
from .factories import GuidelinesFactory, ReportFactory

pytestmark = pytest.mark.django_db


def url(period, organisation, name="situations:report"):
    return reverse(name, args=[period.municipality.slug, period.pk, organisation.pk])


def test_it_submits_report(client_for, reporter, organisation, period, areas):
    data = report_data(
        areas, changes={0: {"status": "red", "trend": "worse", "text": "Bråk vid skolluncher."}}
    )
    response = client_for(reporter).post(url(period, organisation), data)
    assert response.status_code == 302
    report = SituationReport.objects.get(period=period, organisation=organisation)
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_by == reporter
    first = report.assessments.get(area=areas[0])
    assert (first.status, first.trend, first.text) == ("red", "worse", "Bråk vid skolluncher.")
    assert report.assessments.count() == len(areas)


def test_it_saves_a_draft_with_places_and_when(client_for, reporter, organisation, period, areas):
    from tests.factories import PlaceFactory

    place = PlaceFactory(municipality=period.municipality, name="Centrum")
    data = report_data(areas, submit=False, changes={1: {"when": "kvällar och helger"}})
    data[f"area-{areas[1].pk}-places"] = [place.pk]
    response = client_for(reporter).post(url(period, organisation), data)
    assert response.status_code == 302
    report = SituationReport.objects.get(period=period, organisation=organisation)
    assert report.status == ReportStatus.DRAFT
    second = report.assessments.get(area=areas[1])
    assert second.when == "kvällar och helger"
    assert list(second.places.all()) == [place]


def test_it_refuses_a_place_of_another_municipality(
    client_for, reporter, organisation, period, areas, other_municipality
):
    from tests.factories import PlaceFactory

    foreign = PlaceFactory(municipality=other_municipality)
    data = report_data(areas)
    data[f"area-{areas[0].pk}-places"] = [foreign.pk]
    response = client_for(reporter).post(url(period, organisation), data)
    assert response.status_code == 400
    assert not SituationReport.objects.exists()


def test_it_requires_a_reporter_of_the_same_organisation(
    client_for, municipality, period, organisation, areas
):
    other_org = OrganisationFactory(municipality=municipality, name="Alfaskolan")
    someone = member(municipality, Role.REPORTER, organisation=other_org)
    response = client_for(someone).post(url(period, organisation), report_data(areas))
    assert response.status_code == 403
    assert not SituationReport.objects.exists()


def test_it_lets_the_coordinator_report_for_any_organisation(
    client_for, coordinator, period, organisation, areas
):
    response = client_for(coordinator).post(url(period, organisation), report_data(areas))
    assert response.status_code == 302
    assert SituationReport.objects.get(organisation=organisation).submitted_by == coordinator


def test_council_reads_but_cannot_write(client_for, council_member, period, organisation, areas):
    report = services.report_start(actor=None, period=period, organisation=organisation)
    client = client_for(council_member)
    assert client.get(url(period, organisation)).status_code == 200
    response = client.post(url(period, organisation), report_data(areas, version=report.version))
    assert response.status_code == 403


def test_it_hides_other_municipality(client_for, outsider, period, organisation, areas):
    response = client_for(outsider).post(url(period, organisation), report_data(areas))
    assert response.status_code == 404
    assert client_for(outsider).get(url(period, organisation)).status_code == 404


def test_it_hides_another_municipalitys_period(
    client_for, coordinator, foreign_period, organisation, areas
):
    response = client_for(coordinator).post(
        reverse("situations:report", args=["fagersta", foreign_period.pk, organisation.pk]),
        report_data(areas),
    )
    assert response.status_code == 404


def test_it_refuses_personal_data_and_keeps_the_rest(
    client_for, reporter, organisation, period, areas
):
    data = report_data(
        areas,
        changes={
            0: {"text": "Eleven 19811218-9876 bråkar.", "when": "raster"},
            1: {"text": "Nedskräpning vid bensinstationen, ring 070-123 45 67."},
            2: {"text": "Klotter i centrum, se a.person@example.se."},
            3: {"text": "Fler unga ute sent vid torget.", "status": "yellow"},
        },
    )
    response = client_for(reporter).post(url(period, organisation), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "ser ut som ett personnummer eller samordningsnummer" in page
    assert "ser ut som ett telefonnummer" in page
    assert "innehåller en e-postadress" in page
    assert "Fler unga ute sent vid torget." in page
    assert "Eleven 19811218-9876 bråkar." in page  # kept so the reporter can edit it
    assert 'value="raster"' in page
    assert not SituationReport.objects.exists()


def test_it_accepts_a_number_with_wrong_check_digit(
    client_for, reporter, organisation, period, areas
):
    data = report_data(areas, changes={0: {"text": "Ärende 19811218-9875 hos polisen."}})
    response = client_for(reporter).post(url(period, organisation), data)
    assert response.status_code == 302


def test_the_form_reminds_of_report_of_concern(client_for, reporter, organisation, period):
    page = client_for(reporter).get(url(period, organisation)).content.decode()
    assert "orosanmälan till socialtjänsten" in page
    assert reverse("situations:guidelines", args=["fagersta"]) in page


def test_two_concurrent_edits_conflict_and_both_texts_survive(
    client, reporter, coordinator, organisation, period, areas
):
    report = services.report_start(actor=reporter, period=period, organisation=organisation)
    version = report.version
    client.force_login(reporter)
    first = client.post(
        url(period, organisation),
        report_data(areas, version=version, changes={0: {"text": "Första texten om lunchbråk."}}),
    )
    assert first.status_code == 302
    client.force_login(coordinator)
    second = client.post(
        url(period, organisation),
        report_data(areas, version=version, changes={0: {"text": "Andra texten om klotter."}}),
    )
    assert second.status_code == 409
    page = second.content.decode()
    assert "Någon annan sparade rapporten medan du skrev." in page
    assert "Andra texten om klotter." in page  # the second writer's text stays in the form
    assert "Första texten om lunchbråk." in page  # the saved version is shown beside it
    saved = Assessment.objects.get(report=report, area=areas[0])
    assert saved.text == "Första texten om lunchbråk."


def test_saving_again_after_a_conflict_overwrites_deliberately(
    client_for, coordinator, organisation, period, areas
):
    report = services.report_start(actor=None, period=period, organisation=organisation)
    client = client_for(coordinator)
    client.post(url(period, organisation), report_data(areas, version=report.version))
    report.refresh_from_db()
    response = client.post(
        url(period, organisation),
        report_data(areas, version=report.version, changes={0: {"text": "Efter jämförelse."}}),
    )
    assert response.status_code == 302
    assert Assessment.objects.get(report=report, area=areas[0]).text == "Efter jämförelse."


def test_it_starts_from_the_previous_report(
    client_for, reporter, organisation, period, previous_period, areas
):
    old = ReportFactory(
        period=previous_period, organisation=organisation, status=ReportStatus.SUBMITTED
    )
    for area in areas:
        Assessment.objects.create(
            report=old, area=area, status="yellow", trend="worse", text=f"Förra: {area.code}"
        )
    response = client_for(reporter).post(
        url(period, organisation, "situations:report_nothing_new"), {"version": 0}
    )
    assert response.status_code == 302
    report = SituationReport.objects.get(period=period, organisation=organisation)
    assert report.status == ReportStatus.DRAFT
    copied = report.assessments.get(area=areas[0])
    assert (copied.status, copied.trend, copied.text) == (
        "yellow",
        "same",
        f"Förra: {areas[0].code}",
    )


def test_nothing_new_without_previous_report_says_so(client_for, reporter, organisation, period):
    response = client_for(reporter).post(
        url(period, organisation, "situations:report_nothing_new"), {"version": 0}, follow=True
    )
    assert "Det finns ingen tidigare inskickad rapport" in response.content.decode()


def test_nothing_new_requires_writing_right(client_for, council_member, organisation, period):
    response = client_for(council_member).post(
        url(period, organisation, "situations:report_nothing_new")
    )
    assert response.status_code == 403


def test_nothing_new_hides_other_municipality(client_for, outsider, organisation, period):
    response = client_for(outsider).post(url(period, organisation, "situations:report_nothing_new"))
    assert response.status_code == 404


def test_a_closed_period_cannot_be_edited(
    client_for, reporter, organisation, previous_period, areas
):
    response = client_for(reporter).post(url(previous_period, organisation), report_data(areas))
    assert response.status_code == 403


def test_a_new_reporter_sees_the_guidelines_first(
    client_for, reporter, municipality, organisation, period
):
    GuidelinesFactory(municipality=municipality)
    client = client_for(reporter)
    response = client.get(reverse("situations:my_report", args=[municipality.slug]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("situations:guidelines", args=[municipality.slug]))
    client.post(
        reverse("situations:guidelines_read", args=[municipality.slug]),
        {"next": reverse("situations:my_report", args=[municipality.slug])},
    )
    assert GuidelinesReading.objects.filter(user=reporter).exists()
    response = client.get(reverse("situations:my_report", args=[municipality.slug]))
    assert response.url == url(period, organisation)


def test_report_history_is_for_the_coordinator(
    client_for, coordinator, reporter, organisation, period, areas
):
    client_for(reporter).post(url(period, organisation), report_data(areas))
    page = client_for(coordinator).get(url(period, organisation, "situations:report_history"))
    assert page.status_code == 200
    assert "Ändringar" in page.content.decode()
    assert "rapportor" in page.content.decode()
    assert (
        client_for(reporter).get(url(period, organisation, "situations:report_history")).status_code
        == 403
    )


@pytest.mark.parametrize(
    "value", ["99999999999999999999999", "-1", "abc", '<script>alert("x")</script>', "\x00"]
)
def test_hostile_input_in_the_report_form_is_refused_cleanly(
    client_for, reporter, organisation, period, areas, value
):
    data = report_data(areas, changes={0: {"status": value, "trend": value}})
    data[f"area-{areas[0].pk}-places"] = [value]
    data["version"] = value
    response = client_for(reporter).post(url(period, organisation), data)
    assert response.status_code == 400
    assert '<script>alert("x")</script>' not in response.content.decode()
    assert not SituationReport.objects.exists()


def test_the_nothing_new_button_needs_a_previous_report(
    client_for, reporter, organisation, period, previous_period, areas
):
    button = "Inget nytt sedan förra perioden"
    client = client_for(reporter)
    assert button not in client.get(url(period, organisation)).content.decode()
    ReportFactory(period=previous_period, organisation=organisation, status="submitted")
    assert button in client.get(url(period, organisation)).content.decode()


def test_a_report_started_by_someone_else_meanwhile_is_a_conflict(
    client, reporter, coordinator, organisation, period, areas
):
    # Both opened the empty form (version 0); the coordinator saved first.
    client.force_login(coordinator)
    first = client.post(url(period, organisation), report_data(areas, changes={0: {"text": "A"}}))
    assert first.status_code == 302
    client.force_login(reporter)
    second = client.post(url(period, organisation), report_data(areas, changes={0: {"text": "B"}}))
    assert second.status_code == 409
    assert Assessment.objects.get(area=areas[0]).text == "A"


def test_readers_see_submitted_reports_but_not_drafts(
    client_for, council_member, organisation, period, areas
):
    report = ReportFactory(period=period, organisation=organisation)
    Assessment.objects.create(report=report, area=areas[0], status="red", text="Utkasttext.")
    client = client_for(council_member)
    assert "Utkasttext." not in client.get(url(period, organisation)).content.decode()
    report.status = ReportStatus.SUBMITTED
    report.save()
    assert "Utkasttext." in client.get(url(period, organisation)).content.decode()


def test_a_huge_field_is_refused_at_the_field_without_scanning_it(
    client_for, reporter, organisation, period, areas
):
    """300 000 characters in one field killed a worker: the personal-data check read them
    quadratically although the field allows 1 000. Now the length is refused, and fast."""
    import time

    huge = ("a" * 50_000 + "@" + "b" * 50_000 + " 0" * 25_000) * 2
    assert len(huge) == 300_002
    data = report_data(areas, changes={0: {"text": huge}, 1: {"text": "Lugnt vid torget."}})
    started = time.perf_counter()
    response = client_for(reporter).post(url(period, organisation), data)
    elapsed = time.perf_counter() - started
    assert response.status_code == 400
    page = response.content.decode()
    assert "har som mest 1000 tecken (den har 300002)" in page
    assert "Lugnt vid torget." in page  # the rest is kept
    assert not SituationReport.objects.exists()
    assert elapsed < 5, f"{elapsed:.1f} s"
