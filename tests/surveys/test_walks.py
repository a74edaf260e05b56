import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from surveys import services
from surveys.models import Finding, FindingStatus, SafetyWalk, WalkSettings
from tests.factories import OrganisationFactory, PlaceFactory, member
from tests.surveys.factories import FindingFactory, WalkFactory, jpeg_bytes

pytestmark = pytest.mark.django_db


def url(name, municipality, *args):
    return reverse(f"surveys:{name}", args=[municipality.slug, *args])


WALK_DATA = {
    "date": "2021-10-05",
    "start_time": "18:30",
    "light": "dark",
    "area": "Kolarbyområdet",
    "route": "Runt skolan",
    "residents": "12",
    "municipal_staff": "3",
    "police": "2",
    "utility": "1",
    "businesses": "0",
    "others": "0",
    "notes": "",
}


# -- walks ----------------------------------------------------------------------------------


def test_it_records_a_walk(client_for, coordinator, municipality):
    response = client_for(coordinator).post(url("walk_create", municipality), WALK_DATA)
    walk = SafetyWalk.objects.get()
    assert response.status_code == 302
    assert response.url == url("walk_detail", municipality, walk.pk)
    assert walk.municipality == municipality
    assert walk.participant_total == 18
    assert walk.created_by == coordinator


def test_it_keeps_typed_walk_on_error(client_for, coordinator, municipality):
    data = {**WALK_DATA, "date": "", "residents": "-1"}
    response = client_for(coordinator).post(url("walk_create", municipality), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kolarbyområdet" in body
    assert "Detta fält måste fyllas i." in body
    assert not SafetyWalk.objects.exists()


def test_it_requires_coordinator_role_to_record_walk(client_for, council_member, municipality):
    response = client_for(council_member).post(url("walk_create", municipality), WALK_DATA)
    assert response.status_code == 403
    assert not SafetyWalk.objects.exists()


def test_it_hides_walks_from_reporters(client_for, reporter, municipality):
    assert client_for(reporter).get(url("walk_list", municipality)).status_code == 403


def test_it_hides_municipality_from_outsider(client_for, outsider, municipality):
    response = client_for(outsider).post(url("walk_create", municipality), WALK_DATA)
    assert response.status_code == 404
    assert client_for(outsider).get(url("walk_list", municipality)).status_code == 404


def test_it_hides_other_municipality_walk(client_for, coordinator, other_municipality):
    walk = WalkFactory(municipality=other_municipality)
    client = client_for(coordinator)
    municipality = coordinator.memberships.get().municipality
    assert client.get(url("walk_detail", municipality, walk.pk)).status_code == 404
    response = client.post(url("walk_edit", municipality, walk.pk), WALK_DATA)
    assert response.status_code == 404
    walk.refresh_from_db()
    assert walk.area != "Kolarbyområdet"


def test_it_updates_a_walk(client_for, coordinator, municipality):
    walk = WalkFactory(municipality=municipality)
    response = client_for(coordinator).post(url("walk_edit", municipality, walk.pk), WALK_DATA)
    assert response.status_code == 302
    walk.refresh_from_db()
    assert walk.area == "Kolarbyområdet"


def test_council_and_politician_read_walks(client_for, council_member, politician, municipality):
    walk = WalkFactory(municipality=municipality, area="Västanfors")
    for user in (council_member, politician):
        response = client_for(user).get(url("walk_detail", municipality, walk.pk))
        assert response.status_code == 200
        assert "Västanfors" in response.content.decode()
        assert "Lägg till en brist" not in response.content.decode()


# -- findings -------------------------------------------------------------------------------


def finding_data(place, **extra):
    return {
        "category": "lighting",
        "place": place.pk if place else "",
        "latitude": "",
        "longitude": "",
        "description": "Trasig lampa",
        "recipient_organisation": "",
        "recipient_name": "",
        "recipient_email": "",
        **extra,
    }


def test_it_records_a_finding_with_photo(client_for, coordinator, municipality):
    walk = WalkFactory(municipality=municipality)
    place = PlaceFactory(municipality=municipality)
    photo = SimpleUploadedFile("lampa.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client_for(coordinator).post(
        url("finding_create", municipality, walk.pk), {**finding_data(place), "photo": photo}
    )
    finding = Finding.objects.get()
    assert response.status_code == 302
    assert finding.walk == walk
    assert finding.status == FindingStatus.OPEN
    assert finding.photos.count() == 1


def test_it_records_a_finding_at_a_point_only(client_for, coordinator, municipality):
    walk = WalkFactory(municipality=municipality)
    data = finding_data(None, latitude="60.004512", longitude="15.793001")
    response = client_for(coordinator).post(url("finding_create", municipality, walk.pk), data)
    assert response.status_code == 302
    assert Finding.objects.get().point == (60.004512, 15.793001)


def test_it_requires_a_place_or_point(client_for, coordinator, municipality):
    walk = WalkFactory(municipality=municipality)
    response = client_for(coordinator).post(
        url("finding_create", municipality, walk.pk), finding_data(None)
    )
    assert response.status_code == 400
    assert "Välj en plats eller ange en punkt" in response.content.decode()
    assert "Trasig lampa" in response.content.decode()


def test_it_refuses_place_of_other_municipality(
    client_for, coordinator, municipality, other_municipality
):
    walk = WalkFactory(municipality=municipality)
    foreign = PlaceFactory(municipality=other_municipality)
    response = client_for(coordinator).post(
        url("finding_create", municipality, walk.pk), finding_data(foreign)
    )
    assert response.status_code == 400
    assert not Finding.objects.exists()


def test_it_requires_coordinator_role_to_record_finding(client_for, politician, municipality):
    walk = WalkFactory(municipality=municipality)
    place = PlaceFactory(municipality=municipality)
    response = client_for(politician).post(
        url("finding_create", municipality, walk.pk), finding_data(place)
    )
    assert response.status_code == 403


def test_it_hides_other_municipality_walk_for_findings(
    client_for, coordinator, municipality, other_municipality
):
    walk = WalkFactory(municipality=other_municipality)
    place = PlaceFactory(municipality=municipality)
    response = client_for(coordinator).post(
        url("finding_create", municipality, walk.pk), finding_data(place)
    )
    assert response.status_code == 404


def test_it_edits_a_finding(client_for, coordinator, municipality):
    finding = FindingFactory(walk__municipality=municipality)
    data = finding_data(finding.place, description="Lampan blinkar")
    response = client_for(coordinator).post(url("finding_edit", municipality, finding.pk), data)
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.description == "Lampan blinkar"


def test_it_hides_other_municipality_finding(
    client_for, coordinator, municipality, other_municipality
):
    finding = FindingFactory(walk__municipality=other_municipality)
    client = client_for(coordinator)
    for name in ("finding_detail", "finding_edit"):
        assert client.get(url(name, municipality, finding.pk)).status_code == 404
    response = client.post(url("finding_status", municipality, finding.pk), {"status": "fixed"})
    assert response.status_code == 404
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN


# -- forwarding and status ------------------------------------------------------------------


def test_it_forwards_finding_by_email_with_photos(
    client_for, coordinator, municipality, django_capture_on_commit_callbacks
):
    nvk = OrganisationFactory(municipality=municipality, name="NVK", email="felanmalan@nvk.se")
    finding = FindingFactory(walk__municipality=municipality, place__name="Centrum")
    services.photo_add(
        actor=coordinator,
        finding=finding,
        upload=SimpleUploadedFile("a.jpg", jpeg_bytes(), content_type="image/jpeg"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            url("finding_forward", municipality, finding.pk),
            {"recipient_organisation": nvk.pk, "reference": "NVK-1", "forwarded_on": ""},
        )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.status == FindingStatus.FORWARDED
    assert finding.forwarded_on == timezone.localdate()
    assert finding.forwarded_reference == "NVK-1"
    assert finding.forwarded_by == coordinator
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["felanmalan@nvk.se"]
    assert "Centrum" in message.subject
    assert "Trasig lampa vid gångvägen" in message.body
    assert [a[2] for a in message.attachments] == ["image/jpeg"]


def test_it_forwards_to_an_outside_body(
    client_for, coordinator, municipality, django_capture_on_commit_callbacks
):
    finding = FindingFactory(walk__municipality=municipality)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            url("finding_forward", municipality, finding.pk),
            {"recipient_name": "Trafikverket", "recipient_email": "trafikverket@example.se"},
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["trafikverket@example.se"]
    finding.refresh_from_db()
    assert finding.recipient_label == "Trafikverket"


def test_it_asks_for_an_address_when_organisation_has_none(
    client_for, coordinator, municipality, django_capture_on_commit_callbacks
):
    org = OrganisationFactory(municipality=municipality, email="")
    finding = FindingFactory(walk__municipality=municipality)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            url("finding_forward", municipality, finding.pk),
            {"recipient_organisation": org.pk, "reference": "REF-77"},
        )
    assert response.status_code == 400
    assert "Ange en e-postadress" in response.content.decode()
    assert "REF-77" in response.content.decode()
    assert mail.outbox == []


def test_it_requires_coordinator_role_to_forward(client_for, council_member, municipality):
    finding = FindingFactory(walk__municipality=municipality)
    response = client_for(council_member).post(
        url("finding_forward", municipality, finding.pk),
        {"recipient_name": "X", "recipient_email": "x@example.se"},
    )
    assert response.status_code == 403
    assert mail.outbox == []


def test_it_marks_finding_fixed(client_for, coordinator, municipality):
    finding = FindingFactory(walk__municipality=municipality)
    response = client_for(coordinator).post(
        url("finding_status", municipality, finding.pk), {"status": "fixed"}
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.status == FindingStatus.FIXED
    assert finding.closed_on == timezone.localdate()
    assert finding.history.count() == 2


def test_it_requires_reason_when_not_fixing(client_for, coordinator, municipality):
    finding = FindingFactory(walk__municipality=municipality)
    response = client_for(coordinator).post(
        url("finding_status", municipality, finding.pk), {"status": "wont_fix", "reason": " "}
    )
    assert response.status_code == 400
    assert "Skriv varför bristen inte ska åtgärdas." in response.content.decode()
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN


def test_reopening_clears_closed_date(coordinator, municipality):
    finding = FindingFactory(walk__municipality=municipality)
    services.finding_set_status(actor=coordinator, finding=finding, status="fixed")
    services.finding_set_status(actor=coordinator, finding=finding, status="open")
    finding.refresh_from_db()
    assert finding.closed_on is None


# -- list, map, overdue ---------------------------------------------------------------------


def test_list_flags_overdue_findings(client_for, council_member, municipality):
    old = FindingFactory(walk__municipality=municipality, walk__date=datetime.date(2021, 1, 1))
    fresh = FindingFactory(
        walk__municipality=municipality, walk__date=timezone.localdate(), description="Ny"
    )
    response = client_for(council_member).get(url("finding_list", municipality) + "?status=overdue")
    assert response.status_code == 200
    assert [f.pk for f in response.context["findings"]] == [old.pk]
    assert "⚠ Försenad" in response.content.decode()
    assert fresh.pk not in [f.pk for f in response.context["findings"]]


def test_overdue_days_are_set_per_municipality(client_for, coordinator, municipality):
    FindingFactory(
        walk__municipality=municipality,
        walk__date=timezone.localdate() - datetime.timedelta(days=10),
    )
    client = client_for(coordinator)
    assert (
        client.get(url("finding_list", municipality) + "?status=overdue").context["findings"] == []
    )
    response = client.post(url("walk_settings", municipality), {"overdue_days": "7"})
    assert response.status_code == 302
    assert WalkSettings.objects.get(municipality=municipality).overdue_days == 7
    findings = client.get(url("finding_list", municipality) + "?status=overdue").context["findings"]
    assert len(findings) == 1


def test_it_requires_coordinator_role_for_settings(client_for, politician, municipality):
    response = client_for(politician).post(url("walk_settings", municipality), {"overdue_days": 1})
    assert response.status_code == 403
    assert not WalkSettings.objects.exists()


def test_map_page_lists_findings_and_embeds_data(client_for, politician, municipality, settings):
    settings.MAP_TILE_URL = ""
    FindingFactory(walk__municipality=municipality, place__latitude="60.0", place__longitude="15.8")
    fixed = FindingFactory(walk__municipality=municipality, description="Röjt")
    services.finding_set_status(actor=None, finding=fixed, status="fixed")
    response = client_for(politician).get(url("finding_map", municipality))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<script id="findings-data" type="application/json">' in body
    assert "✓ Åtgärdad" in body and "● Öppen" in body
    assert response.context["map_data"]["tiles"] == ""
    assert response.context["map_data"]["points"][0]["lat"] == 60.0
    assert "<script>" not in body


def queries_for(client, path) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # count what the page costs to compute, not a cached rendering
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("name", ["finding_list", "finding_map", "walk_list"])
def test_list_query_count_does_not_grow(client_for, coordinator, municipality, name):
    client = client_for(coordinator)
    FindingFactory(walk__municipality=municipality)
    few = queries_for(client, url(name, municipality))
    for _ in range(8):
        FindingFactory(
            walk__municipality=municipality, place__latitude="60.0", place__longitude="15.0"
        )
    assert queries_for(client, url(name, municipality)) == few


def test_flag_task_emails_coordinators_once_per_finding(
    municipality, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://trygghet.example.se"
    member(municipality, "coordinator", username="samordnare2", email="s@example.se")
    old = FindingFactory(walk__municipality=municipality, walk__date=datetime.date(2021, 1, 1))
    FindingFactory(walk__municipality=municipality, walk__date=timezone.localdate())
    closed = FindingFactory(
        walk__municipality=municipality, walk__date=datetime.date(2021, 1, 1), description="X"
    )
    services.finding_set_status(actor=None, finding=closed, status="fixed")
    from surveys.tasks import flag_overdue_findings

    with django_capture_on_commit_callbacks(execute=True):
        assert flag_overdue_findings.delay().get() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["s@example.se"]
    assert old.location_label in mail.outbox[0].subject
    link = reverse("surveys:finding_detail", args=[municipality.slug, old.pk])
    assert f"https://trygghet.example.se{link}" in mail.outbox[0].body
    assert flag_overdue_findings.delay().get() == 0
    assert len(mail.outbox) == 1


def test_the_overdue_email_agrees_in_number_with_the_days(
    municipality, django_capture_on_commit_callbacks
):
    member(municipality, "coordinator", username="samordnare2", email="s@example.se")
    services.walk_settings_update(actor=None, municipality=municipality, overdue_days=1)
    FindingFactory(walk__municipality=municipality, walk__date=datetime.date(2021, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        services.findings_flag_overdue()
    assert "Brist öppen i mer än 1 dag:" in mail.outbox[0].subject
    assert "öppen i mer än 1 dag." in mail.outbox[0].body


def test_beat_schedule_runs_the_flag_task(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["surveys-flag-overdue-findings"]
    from fagersta.celery import app

    assert entry["task"] in app.tasks


def test_start_page_card_queries_do_not_grow(client_for, coordinator, municipality):
    client = client_for(coordinator)
    home = reverse("municipality_home", args=[municipality.slug])
    FindingFactory(walk__municipality=municipality, walk__date=datetime.date(2021, 1, 1))
    few = queries_for(client, home)
    for _ in range(10):
        FindingFactory(walk__municipality=municipality, walk__date=datetime.date(2021, 1, 1))
    assert queries_for(client, home) == few
    assert "11 öppna brister" in client.get(home).content.decode()


def test_findings_export_as_csv(client_for, politician, municipality):
    FindingFactory(walk__municipality=municipality, description="=HYPERLINK(1)")
    response = client_for(politician).get(url("finding_export", municipality))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert response.content.startswith("\ufeff".encode())
    assert "'=HYPERLINK(1)" in text
    assert text.splitlines()[0].startswith("Vandring;Datum;Kategori")


def test_findings_export_is_closed_to_reporters(client_for, reporter, municipality):
    assert client_for(reporter).get(url("finding_export", municipality)).status_code == 403
