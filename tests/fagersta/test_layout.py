"""What every page has: a title with a separator and a favicon that is served."""

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_title_names_the_page_then_the_service(client):
    body = client.get(reverse("home")).content.decode()
    assert "<title>Välkommen – Trygghetsnavet</title>" in body


def test_a_page_without_a_title_is_named_for_the_service():
    page = Template("{% extends 'base.html' %}").render(Context())
    assert "<title>Trygghetsnavet</title>" in page


def test_every_page_links_a_favicon_that_exists(client):
    body = client.get(reverse("home")).content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in body
    assert finders.find("favicon.svg")
