import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_interface_is_swedish_by_default(client):
    body = client.get(reverse("login")).content.decode()
    assert '<html lang="sv">' in body
    assert "Logga in" in body


def test_english_can_be_chosen(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    body = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in body
    assert "Sign in" in body
    assert "Skip to content" in body


def test_start_page_in_english(client_for, coordinator, municipality):
    client = client_for(coordinator)
    client.post(reverse("set_language"), {"language": "en"})
    body = client.get(reverse("municipality_home", args=[municipality.slug])).content.decode()
    assert "Safety work in Fagersta" in body
    assert "Manage members" in body


def test_browser_language_does_not_override_swedish(client):
    body = client.get(reverse("login"), headers={"accept-language": "en-US,en;q=0.9"}).content
    assert "Logga in" in body.decode()
