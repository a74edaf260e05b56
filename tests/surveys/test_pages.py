import pytest
from django.urls import reverse

from municipalities import demo as municipalities_demo
from municipalities.models import Role
from surveys import demo
from surveys.models import Finding, IndicatorSeries, SafetyWalk, Survey
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def fagersta():
    municipalities = municipalities_demo.load()
    demo.load(municipalities)
    return municipalities["fagersta"]


def read_urls(m):
    walk = SafetyWalk.objects.for_municipality(m).first()
    finding = Finding.objects.for_municipality(m).first()
    survey = Survey.objects.for_municipality(m).get()
    series = IndicatorSeries.objects.for_municipality(m).first()
    names = [
        ("overview",),
        ("walk_list",),
        ("walk_detail", walk.pk),
        ("finding_list",),
        ("finding_map",),
        ("finding_detail", finding.pk),
        ("survey_list",),
        ("survey_detail", survey.pk),
        ("survey_results", survey.pk),
        ("survey_export", survey.pk),
        ("series_list",),
        ("series_detail", series.pk),
    ]
    return [reverse(f"surveys:{n[0]}", args=[m.slug, *n[1:]]) for n in names]


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.COUNCIL, Role.POLITICIAN])
def test_every_page_reads_for_staff_roles(client_for, fagersta, role):
    client = client_for(member(fagersta, role))
    for url in read_urls(fagersta):
        assert client.get(url).status_code == 200, url


def test_every_page_is_closed_to_reporters(client_for, fagersta):
    reporter = member(fagersta, Role.REPORTER, organisation=fagersta.organisations.first())
    client = client_for(reporter)
    for url in read_urls(fagersta):
        assert client.get(url).status_code == 403, url


def test_start_page_card_tells_what_is_next(client_for, fagersta):
    client = client_for(member(fagersta, Role.COORDINATOR))
    response = client.get(reverse("municipality_home", args=[fagersta.slug]))
    body = response.content.decode()
    assert "2 öppna brister" in body
    assert "Följ upp försenade brister" in body


def test_navigation_links_by_role(client_for, fagersta):
    staff = client_for(member(fagersta, Role.POLITICIAN)).get(
        reverse("municipality_home", args=[fagersta.slug])
    )
    assert reverse("surveys:overview", args=[fagersta.slug]) in staff.content.decode()


def test_navigation_hides_link_from_reporter(client_for, fagersta):
    reporter = member(fagersta, Role.REPORTER, organisation=fagersta.organisations.first())
    response = client_for(reporter).get(reverse("municipality_home", args=[fagersta.slug]))
    assert reverse("surveys:overview", args=[fagersta.slug]) not in response.content.decode()


def test_pages_read_in_english(client_for, fagersta):
    client = client_for(member(fagersta, Role.COORDINATOR))
    client.post(reverse("set_language"), {"language": "en"})
    body = client.get(reverse("surveys:overview", args=[fagersta.slug])).content.decode()
    assert "Safety walks, surveys and indicators" in body
    assert "Record a safety walk" in body
    body = client.get(reverse("surveys:finding_list", args=[fagersta.slug])).content.decode()
    assert "⚠ Overdue" in body and "✓ Fixed" in body
    assert "Findings from safety walks" in body


def test_every_form_page_opens_for_the_coordinator(client_for, fagersta):
    walk = SafetyWalk.objects.for_municipality(fagersta).first()
    finding = Finding.objects.for_municipality(fagersta).first()
    survey = Survey.objects.for_municipality(fagersta).get()
    client = client_for(member(fagersta, Role.COORDINATOR))
    names = [
        ("walk_create",),
        ("walk_edit", walk.pk),
        ("finding_create", walk.pk),
        ("finding_edit", finding.pk),
        ("survey_create",),
        ("survey_edit", survey.pk),
        ("series_create",),
    ]
    for name in names:
        url = reverse(f"surveys:{name[0]}", args=[fagersta.slug, *name[1:]])
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<form" in response.content.decode()
