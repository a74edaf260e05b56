import datetime

import pytest
from django.urls import reverse

from situations import selectors
from situations.models import Meeting, MeetingKind
from tests.factories import OrganisationFactory

from .factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_it_records_a_meeting(client_for, coordinator, municipality, organisation):
    response = client_for(coordinator).post(
        reverse("situations:meeting_create", args=[municipality.slug]),
        {
            "kind": MeetingKind.COUNCIL,
            "date": "2021-09-15",
            "organisations": [organisation.pk],
            "notes": "Genomgång av lägesbilden.",
            "decisions": "Föreslå medborgarlöfte om narkotika.",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.kind == MeetingKind.COUNCIL
    assert list(meeting.organisations.all()) == [organisation]


def test_it_edits_a_meeting(client_for, coordinator, municipality):
    meeting = MeetingFactory(municipality=municipality)
    response = client_for(coordinator).post(
        reverse("situations:meeting_edit", args=[municipality.slug, meeting.pk]),
        {"kind": MeetingKind.EST, "date": "2021-03-11", "notes": "Flyttat en dag.", "version": 1},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.date == datetime.date(2021, 3, 11)


def test_attendance_is_limited_to_the_municipality(
    client_for, coordinator, municipality, other_municipality
):
    foreign = OrganisationFactory(municipality=other_municipality)
    response = client_for(coordinator).post(
        reverse("situations:meeting_create", args=[municipality.slug]),
        {"kind": MeetingKind.EST, "date": "2021-03-10", "organisations": [foreign.pk]},
    )
    assert response.status_code == 400
    assert not Meeting.objects.exists()


def test_recording_requires_coordinator_role(client_for, council_member, municipality):
    response = client_for(council_member).post(
        reverse("situations:meeting_create", args=[municipality.slug]),
        {"kind": MeetingKind.EST, "date": "2021-03-10"},
    )
    assert response.status_code == 403


def test_recording_hides_other_municipality(
    client_for, outsider, coordinator, municipality, other_municipality
):
    response = client_for(outsider).post(
        reverse("situations:meeting_create", args=[municipality.slug]),
        {"kind": MeetingKind.EST, "date": "2021-03-10"},
    )
    assert response.status_code == 404
    foreign = MeetingFactory(municipality=other_municipality)
    response = client_for(coordinator).post(
        reverse("situations:meeting_edit", args=["fagersta", foreign.pk]),
        {"kind": MeetingKind.EST, "date": "2021-03-10"},
    )
    assert response.status_code == 404


def test_meetings_are_counted_per_year(client_for, council_member, municipality):
    for week in range(21):
        MeetingFactory(
            municipality=municipality,
            date=datetime.date(2021, 1, 6) + datetime.timedelta(weeks=2 * week),
        )
    for month in (2, 4, 6, 9, 10, 12):
        MeetingFactory(
            municipality=municipality, kind=MeetingKind.COUNCIL, date=datetime.date(2021, month, 15)
        )
    MeetingFactory(municipality=municipality, date=datetime.date(2022, 1, 12))
    counts = selectors.meeting_counts(municipality=municipality)
    assert counts[1] == {"year": 2021, "est": 21, "council": 6}
    assert counts[0]["year"] == 2022
    page = client_for(council_member).get(
        reverse("situations:meeting_list", args=[municipality.slug]) + "?ar=2021"
    )
    assert page.status_code == 200
    assert "<td>21</td><td>6</td>" in page.content.decode()


def test_editing_requires_coordinator_role(client_for, politician, municipality):
    meeting = MeetingFactory(municipality=municipality, notes="Före.")
    response = client_for(politician).post(
        reverse("situations:meeting_edit", args=[municipality.slug, meeting.pk]),
        {"kind": MeetingKind.EST, "date": "2021-03-10", "notes": "Efter.", "version": 1},
    )
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.notes == "Före."
