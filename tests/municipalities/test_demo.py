import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from municipalities.demo import DEMO_PASSWORD, demo_logins
from municipalities.models import Area, Municipality

pytestmark = pytest.mark.django_db


def test_five_national_areas_exist():
    assert list(Area.objects.national().values_list("code", flat=True)) == [
        "hot-vald",
        "ordning-otrygghet",
        "extremism-natverk",
        "unga-skola-andt",
        "ovrigt",
    ]


@override_settings(DEBUG=True)
def test_load_demo_is_idempotent_and_every_login_works():
    call_command("load_demo")
    call_command("load_demo")
    assert Municipality.objects.count() == 2
    for username, _description in demo_logins():
        client = Client()
        response = client.post(
            "/accounts/login/", {"username": username, "password": DEMO_PASSWORD}, follow=True
        )
        assert response.status_code == 200
        assert response.wsgi_request.user.username == username


def test_police_belongs_to_both():
    with override_settings(DEBUG=True):
        call_command("load_demo")
    slugs = set(
        Municipality.objects.filter(memberships__user__username="police").values_list(
            "slug", flat=True
        )
    )
    assert slugs == {"fagersta", "hagfors"}


@override_settings(DEBUG=False)
def test_load_demo_refuses_production_without_force():
    with pytest.raises(CommandError):
        call_command("load_demo")
    assert not Municipality.objects.exists()
