import pytest
from django.urls import reverse

from municipalities.models import Membership, Role
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_it_redirects_anonymous_to_login(client, municipality):
    response = client.get(reverse("municipality_home", args=[municipality.slug]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_shows_start_page_to_member(client_for, reporter, municipality):
    response = client_for(reporter).get(reverse("municipality_home", args=[municipality.slug]))
    assert response.status_code == 200
    assert "Trygghetsarbetet i Fagersta" in response.content.decode()


def test_it_hides_other_municipality(client_for, outsider, municipality):
    response = client_for(outsider).get(reverse("municipality_home", args=[municipality.slug]))
    assert response.status_code == 404


def test_it_answers_404_for_unknown_municipality(client_for, coordinator):
    response = client_for(coordinator).get(reverse("municipality_home", args=["finns-inte"]))
    assert response.status_code == 404


def test_it_requires_coordinator_role(client_for, reporter, municipality):
    response = client_for(reporter).get(reverse("member_list", args=[municipality.slug]))
    assert response.status_code == 403


def test_it_hides_another_municipalitys_membership(
    client_for, coordinator, municipality, other_municipality
):
    foreign = Membership.objects.get(
        user=member(other_municipality, Role.POLITICIAN), municipality=other_municipality
    )
    response = client_for(coordinator).post(
        reverse("member_remove", args=[municipality.slug, foreign.pk])
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_home_redirects_single_membership_to_start_page(client_for, coordinator, municipality):
    response = client_for(coordinator).get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("municipality_home", args=[municipality.slug])


def test_home_lets_user_with_two_municipalities_choose(
    client_for, coordinator, municipality, other_municipality
):
    member(other_municipality, Role.COUNCIL, user=coordinator)
    response = client_for(coordinator).get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("municipality_home", args=["fagersta"]) in body
    assert reverse("municipality_home", args=["hagfors"]) in body


def test_user_sees_only_own_roles(client_for, coordinator, municipality, other_municipality):
    member(other_municipality, Role.COUNCIL, user=coordinator)
    response = client_for(coordinator).get(reverse("municipality_home", args=["hagfors"]))
    assert response.status_code == 200
    # In Hagfors the user is a council member only: no coordinator-only links.
    assert reverse("member_list", args=["hagfors"]) not in response.content.decode()
    assert client_for(coordinator).get(reverse("member_list", args=["hagfors"])).status_code == 403
