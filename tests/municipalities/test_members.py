import pytest
from django.core import mail
from django.urls import reverse

from municipalities.models import Membership, Role

pytestmark = pytest.mark.django_db


def add_url(municipality):
    return reverse("member_add", args=[municipality.slug])


def test_it_adds_new_user_and_sends_welcome(
    client_for, coordinator, municipality, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            add_url(municipality),
            {
                "username": "ny-rektor",
                "email": "rektor@example.se",
                "role": Role.REPORTER,
                "organisation": organisation.pk,
            },
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="ny-rektor")
    assert membership.municipality == municipality
    assert membership.organisation == organisation
    assert not membership.user.has_usable_password()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rektor@example.se"]


def test_it_requires_an_organisation_for_reporters(client_for, coordinator, municipality):
    response = client_for(coordinator).post(
        add_url(municipality), {"username": "utan-org", "role": Role.REPORTER}
    )
    assert response.status_code == 400
    assert "En rapportör rapporterar för en organisation." in response.content.decode()
    assert not Membership.objects.filter(user__username="utan-org").exists()


def test_it_refuses_organisation_of_other_municipality(
    client_for, coordinator, municipality, other_municipality
):
    from tests.factories import OrganisationFactory

    foreign = OrganisationFactory(municipality=other_municipality)
    response = client_for(coordinator).post(
        add_url(municipality),
        {"username": "x", "role": Role.REPORTER, "organisation": foreign.pk},
    )
    assert response.status_code == 400
    assert not Membership.objects.filter(user__username="x").exists()


def test_it_requires_coordinator_role_to_add(client_for, council_member, municipality):
    response = client_for(council_member).post(
        add_url(municipality), {"username": "x", "role": Role.COUNCIL}
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(user__username="x").exists()


def test_it_hides_other_municipality_on_add(client_for, outsider, municipality):
    response = client_for(outsider).post(
        add_url(municipality), {"username": "x", "role": Role.COUNCIL}
    )
    assert response.status_code == 404


def test_it_removes_a_role(client_for, coordinator, politician, municipality):
    membership = Membership.objects.get(user=politician)
    response = client_for(coordinator).post(
        reverse("member_remove", args=[municipality.slug, membership.pk])
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_it_keeps_the_last_coordinator(client_for, coordinator, municipality):
    membership = Membership.objects.get(user=coordinator)
    client_for(coordinator).post(reverse("member_remove", args=[municipality.slug, membership.pk]))
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_member_list_query_count_does_not_grow(
    client_for, coordinator, municipality, django_assert_max_num_queries
):
    from tests.factories import member

    client = client_for(coordinator)
    url = reverse("member_list", args=[municipality.slug])
    client.get(url)
    for role in (Role.COUNCIL, Role.POLITICIAN):
        for _ in range(5):
            member(municipality, role)
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200
