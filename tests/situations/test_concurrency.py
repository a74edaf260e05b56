"""Writes that race each other, for real: threads posting at once against PostgreSQL. Every
request ends with a page (saved, or the conflict page), never a 500."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from municipalities.models import Area, Membership, Role
from situations.models import Assessment, SituationReport
from tests.factories import MembershipFactory, PlaceFactory, UserFactory
from tests.situations.factories import ReportFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]

PARALLEL = 40


def _race(users, post) -> list[int]:
    """Sign each user in on a client of its own, then let every client post at the same
    moment; returns the status codes."""
    clients = []
    for user in users:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append((client, user))
    start = threading.Barrier(len(clients))

    def run(pair):
        client, user = pair
        try:
            start.wait()
            return post(client, user).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        return list(pool.map(run, clients))


@pytest.fixture
def previous_report(municipality, organisation, previous_period):
    report = ReportFactory(period=previous_period, organisation=organisation, status="submitted")
    place = PlaceFactory(municipality=municipality, name="Busstationen")
    for area in Area.objects.national():
        assessment = Assessment.objects.create(
            report=report, area=area, status="yellow", text=f"Förra: {area.code}"
        )
        assessment.places.set([place])
    return report


def test_forty_simultaneous_nothing_new_answer_no_500(
    municipality, organisation, period, previous_report
):
    """Reporters of the organisation, the coordinator and a deputy double-clicking."""
    users = []
    for n in range(PARALLEL):
        user = UserFactory(username=f"samtidig-{n}")
        if n % 2:
            MembershipFactory(user=user, municipality=municipality, role=Role.COORDINATOR)
        else:
            MembershipFactory(
                user=user, municipality=municipality, role=Role.REPORTER, organisation=organisation
            )
        users.append(user)
    url = reverse(
        "situations:report_nothing_new", args=[municipality.slug, period.pk, organisation.pk]
    )
    codes = _race(users, lambda client, _user: client.post(url, {"version": 0}))
    assert 500 not in codes, codes
    assert set(codes) <= {302, 409}, codes
    report = SituationReport.objects.get(period=period, organisation=organisation)
    copied = report.assessments.order_by("area__position")
    assert [a.text for a in copied] == [
        f"Förra: {a.area.code}" for a in previous_report.assessments.order_by("area__position")
    ]
    assert all(a.places.count() == 1 for a in copied)


def test_the_same_new_member_added_ten_times_at_once_answers_no_500(municipality, coordinator):
    """A unique key taken a moment ago by the other request is a conflict, not an error."""
    url = reverse("member_add", args=[municipality.slug])
    form = {"username": "ny-ledamot", "email": "ny@example.se", "role": Role.COUNCIL}
    codes = _race([coordinator] * 10, lambda client, _user: client.post(url, form))
    assert 500 not in codes, codes
    assert Membership.objects.filter(user__username="ny-ledamot").count() == 1


def test_two_coordinators_removing_each_other_leave_one(municipality):
    first, second = UserFactory(username="samordnare-1"), UserFactory(username="samordnare-2")
    grants = {
        user: MembershipFactory(user=user, municipality=municipality, role=Role.COORDINATOR)
        for user in (first, second)
    }
    urls = {
        first: reverse("member_remove", args=[municipality.slug, grants[second].pk]),
        second: reverse("member_remove", args=[municipality.slug, grants[first].pk]),
    }
    codes = _race([first, second], lambda client, user: client.post(urls[user]))
    assert 500 not in codes, codes
    assert Membership.objects.filter(municipality=municipality, role=Role.COORDINATOR).count() == 1
