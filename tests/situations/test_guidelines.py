import pytest
from django.urls import reverse

from situations.models import Guidelines

from .factories import GuidelinesFactory

pytestmark = pytest.mark.django_db


def test_the_coordinator_keeps_the_guidelines(client_for, coordinator, municipality):
    response = client_for(coordinator).post(
        reverse("situations:guidelines_edit", args=[municipality.slug]),
        {"mission": "Gemensam lägesbild varannan vecka.", "guidelines": "Inga namn."},
    )
    assert response.status_code == 302
    guidelines = Guidelines.objects.get(municipality=municipality)
    assert guidelines.updated_by == coordinator
    assert guidelines.history.count() == 1


def test_editing_requires_coordinator_role(client_for, reporter, municipality):
    response = client_for(reporter).post(
        reverse("situations:guidelines_edit", args=[municipality.slug]),
        {"mission": "x", "guidelines": "y"},
    )
    assert response.status_code == 403


def test_editing_hides_other_municipality(client_for, outsider, municipality):
    response = client_for(outsider).post(
        reverse("situations:guidelines_edit", args=[municipality.slug]),
        {"mission": "x", "guidelines": "y"},
    )
    assert response.status_code == 404
    assert not Guidelines.objects.exists()


def test_reporters_read_the_guidelines(client_for, reporter, municipality):
    GuidelinesFactory(municipality=municipality, mission="Vårt uppdrag är lägesbilden.")
    page = client_for(reporter).get(reverse("situations:guidelines", args=[municipality.slug]))
    assert "Vårt uppdrag är lägesbilden." in page.content.decode()
    assert "Jag har läst riktlinjerna" in page.content.decode()


def test_the_start_page_welcomes_a_new_reporter(client_for, reporter, municipality, period):
    GuidelinesFactory(municipality=municipality)
    page = client_for(reporter).get(reverse("municipality_home", args=[municipality.slug]))
    assert "Välkommen till EST-gruppen!" in page.content.decode()


def test_reading_is_recorded_only_in_own_municipality(client_for, outsider, municipality):
    response = client_for(outsider).post(
        reverse("situations:guidelines_read", args=[municipality.slug])
    )
    assert response.status_code == 404


def test_it_ignores_a_next_address_on_another_site(client_for, reporter, municipality):
    response = client_for(reporter).post(
        reverse("situations:guidelines_read", args=[municipality.slug]),
        {"next": "https://example.com/"},
    )
    assert response.url == reverse("situations:index", args=[municipality.slug])


@pytest.mark.parametrize("next_url", ["-1", "situations:index", "//example.com/", "javascript:x"])
def test_it_ignores_a_next_value_that_is_not_a_path(client_for, reporter, municipality, next_url):
    # redirect() takes a value that is not a path for a view name: "-1" answered 500.
    response = client_for(reporter).post(
        reverse("situations:guidelines_read", args=[municipality.slug]), {"next": next_url}
    )
    assert response.status_code == 302
    assert response.url == reverse("situations:index", args=[municipality.slug])


def test_it_follows_a_path_on_this_site(client_for, reporter, municipality):
    path = reverse("situations:heat_map", args=[municipality.slug])
    response = client_for(reporter).post(
        reverse("situations:guidelines_read", args=[municipality.slug]), {"next": path}
    )
    assert response.url == path
