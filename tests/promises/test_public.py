import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from promises.models import Outcome, PromiseStatus
from promises.selectors import EARLIER_WITH_FOLLOW_UP
from tests.promises.factories import CommitmentFactory, DecidedPromiseFactory, PromiseFactory


def index_url(municipality):
    return reverse("promises_public:index", args=[municipality.slug])


def detail_url(municipality, pk):
    return reverse("promises_public:detail", args=[municipality.slug, pk])


def this_period(**kwargs):
    first = timezone.localdate().replace(day=1)
    return {"period_start": first, "period_end": first + datetime.timedelta(days=80), **kwargs}


@pytest.mark.parametrize("status", [PromiseStatus.DRAFT, PromiseStatus.RETURNED])
def test_a_draft_is_never_visible_on_the_public_page(client, municipality, status):
    hidden = PromiseFactory(
        municipality=municipality,
        status=status,
        title="Hemligt utkast",
        text="Text som inte är beslutad",
        **this_period(),
    )
    CommitmentFactory(promise=hidden, action="Ej beslutat åtagande")
    response = client.get(index_url(municipality))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hemligt utkast" not in page
    assert "Ej beslutat åtagande" not in page
    assert "Just nu finns inget beslutat löfte" in page
    assert client.get(detail_url(municipality, hidden.pk)).status_code == 404


def test_a_proposal_is_not_public_either(client, municipality):
    proposal = PromiseFactory(municipality=municipality, status=PromiseStatus.PROPOSED)
    assert proposal.title not in client.get(index_url(municipality)).content.decode()
    assert client.get(detail_url(municipality, proposal.pk)).status_code == 404


def test_it_shows_the_current_approved_promise_without_sign_in(client, municipality):
    promise = DecidedPromiseFactory(
        municipality=municipality, title="Trygg sommar", **this_period()
    )
    CommitmentFactory(promise=promise, action="Fältande vuxna vid skolavslutningen")
    page = client.get(index_url(municipality)).content.decode()
    assert "Trygg sommar" in page
    assert "Fältande vuxna vid skolavslutningen" in page
    assert "KS § 112" in page
    assert f"/offentlig/{municipality.slug}/insatser/" in page


def test_it_shows_earlier_periods_with_their_follow_up(client, municipality):
    earlier = DecidedPromiseFactory(
        municipality=municipality,
        status=PromiseStatus.CLOSED,
        period_start=datetime.date(2021, 3, 1),
        period_end=datetime.date(2021, 5, 31),
        title="Våren 2021",
    )
    CommitmentFactory(promise=earlier, outcome=Outcome.PARTLY, outcome_comment="Pandemin bromsade")
    page = client.get(index_url(municipality)).content.decode()
    assert "Våren 2021" in page
    assert "Delvis genomfört" in page
    assert "Pandemin bromsade" in page
    detail = client.get(detail_url(municipality, earlier.pk))
    assert detail.status_code == 200
    assert "Pandemin bromsade" in detail.content.decode()


def test_it_hides_other_municipalitys_promise(client, municipality, other_municipality):
    foreign = DecidedPromiseFactory(municipality=other_municipality)
    assert client.get(detail_url(municipality, foreign.pk)).status_code == 404
    assert client.get(reverse("promises_public:index", args=["finns-inte"])).status_code == 404


def test_public_query_count_does_not_grow(client, municipality, django_assert_max_num_queries):
    first = DecidedPromiseFactory(municipality=municipality, status=PromiseStatus.CLOSED)
    CommitmentFactory(promise=first, outcome=Outcome.DONE)
    with CaptureQueriesContext(connection) as few:
        client.get(index_url(municipality))
    for _ in range(8):
        promise = DecidedPromiseFactory(municipality=municipality, status=PromiseStatus.CLOSED)
        CommitmentFactory.create_batch(3, promise=promise, outcome=Outcome.DONE)
    with django_assert_max_num_queries(len(few)):
        response = client.get(index_url(municipality))
    page = response.content.decode()
    # The latest periods with their whole follow-up, the oldest as a link to its own page.
    assert page.count("<caption>Uppföljning av") == EARLIER_WITH_FOLLOW_UP == 8
    assert reverse("promises_public:detail", args=[municipality.slug, first.pk]) in page


def test_public_page_in_english(client, municipality):
    client.post(reverse("set_language"), {"language": "en"})
    body = client.get(index_url(municipality)).content.decode()
    assert "Citizen promises in Fagersta" in body
    assert "There is no approved promise right now." in body
