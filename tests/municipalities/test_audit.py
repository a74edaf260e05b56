import pytest
from django.urls import reverse

from municipalities.models import Role
from situations.models import Problem
from tests.factories import PASSWORD, member

pytestmark = pytest.mark.django_db


def test_it_lists_sign_ins_and_changes_of_own_municipality_only(
    client, coordinator, municipality, other_municipality, organisation
):
    from municipalities.models import Area

    client.post(reverse("login"), {"username": "samordnare", "password": PASSWORD})
    client.post(
        reverse("member_add", args=[municipality.slug]),
        {"username": "ny-politiker", "role": Role.POLITICIAN},
    )
    area = Area.objects.national().first()
    Problem.objects.create(
        municipality=other_municipality, area=area, title="Hemligt i Hagfors", description="x"
    )
    response = client.get(reverse("audit_log", args=[municipality.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "samordnare" in body
    assert "ny-politiker" in body
    assert "Skapade medlemskap" in body
    assert "Hemligt i Hagfors" not in body


def test_it_requires_coordinator_role_for_the_log(client_for, council_member, municipality):
    response = client_for(council_member).get(reverse("audit_log", args=[municipality.slug]))
    assert response.status_code == 403


def test_it_hides_other_municipalitys_log(client_for, outsider, municipality):
    response = client_for(outsider).get(reverse("audit_log", args=[municipality.slug]))
    assert response.status_code == 404


def test_log_query_count_does_not_grow(
    client_for, coordinator, municipality, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(coordinator)
    url = reverse("audit_log", args=[municipality.slug])
    member(municipality, Role.COUNCIL)
    client.get(url)  # fills the per-user caches (two-factor devices, the menu)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(15):
        member(municipality, Role.COUNCIL)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
