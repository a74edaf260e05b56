import pytest
from django.core import mail
from django.urls import reverse

from municipalities.models import Role
from situations import services
from situations.models import (
    AreaJudgement,
    CompiledPicture,
    Notification,
    NotificationKind,
    PictureStatus,
)
from tests.factories import OrganisationFactory, member

from .factories import AssessmentFactory, PictureFactory, ReportFactory

pytestmark = pytest.mark.django_db


def edit_url(period):
    return reverse("situations:picture_edit", args=[period.municipality.slug, period.pk])


def picture_data(areas, *, version=0, analysis="", decisions="", changes=None):
    data = {"version": version, "analysis": analysis, "decisions": decisions}
    for index, area in enumerate(areas):
        values = {"status": "green", "trend": "same", "analysis": ""}
        values.update((changes or {}).get(index, {}))
        for key, value in values.items():
            data[f"area-{area.pk}-{key}"] = value
    return data


@pytest.fixture
def two_reports(period, organisation, areas):
    other = OrganisationFactory(municipality=period.municipality, name="Kommunpolisen")
    first = ReportFactory(period=period, organisation=organisation, status="submitted")
    second = ReportFactory(period=period, organisation=other, status="submitted")
    AssessmentFactory(report=first, area=areas[3], status="red", text="Narkotika vid skolan.")
    AssessmentFactory(report=second, area=areas[3], status="red", text="Beslag i centrum.")
    AssessmentFactory(report=first, area=areas[0], status="yellow", text="Hård jargong.")
    AssessmentFactory(report=second, area=areas[0], status="green")
    return first, second


def test_reports_are_side_by_side_with_a_suggested_status(
    client_for, coordinator, period, two_reports
):
    page = client_for(coordinator).get(edit_url(period)).content.decode()
    assert "Narkotika vid skolan." in page
    assert "Beslag i centrum." in page
    assert "Rapporterna föreslår:" in page
    assert "■</span> Röd" in page


def test_the_suggestion_breaks_ties_towards_the_more_serious():
    from situations.selectors import suggest_status

    assert suggest_status(["yellow", "green"]) == "yellow"
    assert suggest_status(["green", "green", "red"]) == "green"
    assert suggest_status(["none", "none"]) == "none"


def test_it_compiles_the_picture(client_for, coordinator, period, areas, two_reports):
    data = picture_data(
        areas,
        analysis="Narkotika sticker ut.",
        decisions="Hundsvep i skolorna.",
        changes={3: {"status": "red", "trend": "worse", "analysis": "Två rapporter om narkotika."}},
    )
    response = client_for(coordinator).post(edit_url(period), data)
    assert response.status_code == 302
    picture = CompiledPicture.objects.get(period=period)
    assert picture.analysis == "Narkotika sticker ut."
    judgement = AreaJudgement.objects.get(picture=picture, area=areas[3])
    assert (judgement.status, judgement.trend) == ("red", "worse")
    assert picture.status == PictureStatus.DRAFT


def test_compiling_requires_coordinator_role(client_for, council_member, period, areas):
    response = client_for(council_member).post(edit_url(period), picture_data(areas))
    assert response.status_code == 403
    assert not CompiledPicture.objects.exists()


def test_compiling_hides_other_municipality(
    client_for, outsider, coordinator, period, foreign_period, areas
):
    assert client_for(outsider).post(edit_url(period), picture_data(areas)).status_code == 404
    response = client_for(coordinator).post(
        reverse("situations:picture_edit", args=["fagersta", foreign_period.pk]),
        picture_data(areas),
    )
    assert response.status_code == 404


def test_the_analysis_refuses_personal_data(client_for, coordinator, period, areas):
    data = picture_data(areas, analysis="Kontakta 070-123 45 67.", decisions="Nattvandring.")
    response = client_for(coordinator).post(edit_url(period), data)
    assert response.status_code == 400
    assert "telefonnummer" in response.content.decode()
    assert "Nattvandring." in response.content.decode()


def test_two_concurrent_edits_of_the_picture_conflict(
    client, coordinator, municipality, period, areas
):
    deputy = member(municipality, Role.COORDINATOR, username="ersattare")
    picture = services.picture_start(actor=coordinator, period=period)
    client.force_login(coordinator)
    first = client.post(
        edit_url(period), picture_data(areas, version=picture.version, analysis="Min analys.")
    )
    assert first.status_code == 302
    client.force_login(deputy)
    second = client.post(
        edit_url(period),
        picture_data(areas, version=picture.version, analysis="Ersättarens analys."),
    )
    assert second.status_code == 409
    page = second.content.decode()
    assert "Någon annan sparade lägesbilden medan du skrev." in page
    assert "Ersättarens analys." in page
    assert "Min analys." in page
    picture.refresh_from_db()
    assert picture.analysis == "Min analys."


def test_it_publishes_and_sends_feedback_once(
    client_for,
    coordinator,
    reporter,
    municipality,
    period,
    areas,
    two_reports,
    django_capture_on_commit_callbacks,
):
    other_reporter = member(
        municipality, Role.REPORTER, organisation=two_reports[1].organisation, username="polis"
    )
    picture = services.picture_start(actor=coordinator, period=period)
    services.picture_save(
        actor=coordinator,
        picture=picture,
        version=picture.version,
        analysis="Narkotika sticker ut.",
        decisions="Hundsvep i skolorna.",
        judgements=[],
    )
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("situations:picture_publish", args=["fagersta", period.pk]))
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted([reporter.email, other_reporter.email])
    assert "Hundsvep i skolorna." in mail.outbox[0].body
    assert "Narkotika sticker ut." in mail.outbox[0].body
    # Queueing the feedback again, or publishing again, sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_queue(picture=picture)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("situations:picture_publish", args=["fagersta", period.pk]))
    assert len(mail.outbox) == 2
    assert Notification.objects.filter(kind=NotificationKind.FEEDBACK).count() == 2


def test_publishing_requires_coordinator_role(client_for, council_member, period):
    PictureFactory(period=period)
    response = client_for(council_member).post(
        reverse("situations:picture_publish", args=["fagersta", period.pk])
    )
    assert response.status_code == 403


def test_publishing_hides_other_municipality(
    client_for, coordinator, outsider, period, foreign_period
):
    PictureFactory(period=foreign_period)
    assert (
        client_for(coordinator)
        .post(reverse("situations:picture_publish", args=["fagersta", foreign_period.pk]))
        .status_code
        == 404
    )
    PictureFactory(period=period)
    assert (
        client_for(outsider)
        .post(reverse("situations:picture_publish", args=["fagersta", period.pk]))
        .status_code
        == 404
    )


def test_reporters_see_only_published_pictures(client_for, reporter, period):
    picture = PictureFactory(period=period, analysis="Lugnt läge.")
    url = reverse("situations:picture", args=["fagersta", period.pk])
    assert client_for(reporter).get(url).status_code == 404
    picture.status = PictureStatus.PUBLISHED
    picture.save()
    response = client_for(reporter).get(url)
    assert response.status_code == 200
    assert "Lugnt läge." in response.content.decode()


def test_picture_history_is_recorded_and_shown_to_the_coordinator(
    client_for, coordinator, reporter, period, areas
):
    client = client_for(coordinator)
    client.post(edit_url(period), picture_data(areas, analysis="Första."))
    picture = CompiledPicture.objects.get(period=period)
    client.post(edit_url(period), picture_data(areas, version=picture.version, analysis="Andra."))
    assert picture.history.count() >= 2
    url = reverse("situations:picture_history", args=["fagersta", period.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "samordnare" in page.content.decode()
    assert client_for(reporter).get(url).status_code == 403


def test_the_compile_page_has_the_same_query_count_for_few_and_many_reports(
    client_for, coordinator, period, areas
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import PlaceFactory

    place = PlaceFactory(municipality=period.municipality)

    def add_reports(n):
        for _ in range(n):
            report = ReportFactory(
                period=period,
                organisation=OrganisationFactory(municipality=period.municipality),
                status="submitted",
            )
            for area in areas:
                AssessmentFactory(report=report, area=area, status="yellow").places.add(place)

    client = client_for(coordinator)
    client.get(edit_url(period))  # the first request of a session does a few extra queries

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(edit_url(period)).status_code == 200
        return len(captured)

    add_reports(2)
    few = count()
    add_reports(15)
    assert count() == few
