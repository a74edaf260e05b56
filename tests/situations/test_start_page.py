import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory

from .factories import PeriodFactory, ProblemFactory, ReportFactory

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    cache.clear()  # count what the page costs to compute, not a cached rendering
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["coordinator", "reporter", "council_member"])
def test_the_start_page_cards_use_a_bounded_number_of_queries(
    request, client_for, who, municipality, period, areas
):
    client = client_for(request.getfixturevalue(who))
    url = reverse("municipality_home", args=[municipality.slug])
    few = queries(client, url)
    overdue = timezone.localdate() - datetime.timedelta(days=3)
    for i in range(30):
        org = OrganisationFactory(municipality=municipality)
        ReportFactory(period=period, organisation=org, status="submitted")
        ProblemFactory(municipality=municipality, area=areas[i % 5], due_date=overdue)
        PeriodFactory(municipality=municipality, status="closed")
    assert queries(client, url) == few


def test_the_coordinator_is_told_who_has_not_reported(
    client_for, coordinator, municipality, organisation, period
):
    OrganisationFactory(municipality=municipality, name="Fritidsgården")
    ReportFactory(period=period, organisation=organisation, status="submitted")
    page = client_for(coordinator).get(reverse("municipality_home", args=[municipality.slug]))
    assert "1 organisation har inte rapporterat" in page.content.decode()


def test_the_reporter_is_asked_to_report(client_for, reporter, municipality, period):
    page = client_for(reporter).get(reverse("municipality_home", args=[municipality.slug]))
    text = page.content.decode()
    assert "Din organisation har inte rapporterat ännu." in text
    assert reverse("situations:my_report", args=[municipality.slug]) in text
