"""With DEBUG off, errors are pages of the site: its layout, the reader's language, and plain
words on what happened and what to do, never whether something exists in another
municipality. The 500 page without a database is tested in
tests/reliability/test_error_page_without_database.py."""

import re

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.promises.factories import DecidedPromiseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _debug_off(settings):
    settings.DEBUG = False


def main(body: str) -> str:
    return body.split("<main", 1)[1].split("</main>", 1)[0]


def assert_site_page(response, status: int, heading: str, language: str = "sv") -> str:
    body = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{language}">' in body
    assert 'class="navbar' in body and "<footer" in body  # the site's layout
    assert f"<h1>{heading}</h1>" in body
    assert "Trygghetsnavet</title>" in body
    assert f'href="{reverse("home")}"' in main(body)  # back to the start page
    return body


def test_not_found_is_the_sites_page(client):
    body = assert_site_page(client.get("/finns-inte/"), 404, "Sidan finns inte")
    assert "Logga in" in main(body)


def test_not_found_follows_the_chosen_language(client):
    client.post(reverse("set_language"), {"language": "en"})
    assert_site_page(client.get("/finns-inte/"), 404, "Page not found", language="en")


def test_not_found_does_not_tell_another_municipalitys_object_from_nothing(
    client_for, coordinator, other_municipality
):
    theirs = DecidedPromiseFactory(municipality=other_municipality)
    client = client_for(coordinator)
    pages = []
    for url in (
        reverse("promises:detail", args=["fagersta", theirs.pk]),
        reverse("promises:detail", args=["fagersta", theirs.pk + 1000]),
        reverse("promises:detail", args=["hagfors", theirs.pk]),
        reverse("promises:detail", args=["finns-inte", theirs.pk]),
    ):
        response = client.get(url)
        assert_site_page(response, 404, "Sidan finns inte")
        pages.append(main(response.content.decode()))
    assert len(set(pages)) == 1
    assert "Be den kommunens samordnare" in pages[0]


def test_forbidden_is_the_sites_page_and_names_the_coordinator(client_for, reporter):
    response = client_for(reporter).get(reverse("reports:dashboard", args=["fagersta"]))
    body = assert_site_page(response, 403, "Du har inte behörighet till den här sidan")
    assert "samordnare att ge dig en roll" in main(body)
    assert "rapportor" in body  # signed in: the menu knows the user


def test_bad_request_is_the_sites_page(client):
    response = client.get("/", headers={"host": "inte-tillaten.example"})
    assert_site_page(response, 400, "Sidan kunde inte visas")


def test_csrf_failure_is_the_sites_page(municipality):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    body = assert_site_page(response, 403, "Formuläret kunde inte skickas")
    assert "kakor" in main(body)
    assert "CSRF" not in body


def test_csrf_failure_follows_the_chosen_language(municipality):
    client = Client(enforce_csrf_checks=True)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert_site_page(response, 403, "The form could not be sent", language="en")


def test_the_server_error_page_reads_nothing_from_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Något gick fel hos oss</h1>" in body
    assert 'class="navbar' in body
    assert not re.search(r"csrfmiddlewaretoken", body)  # no form that could not be sent
