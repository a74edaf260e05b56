"""A promise decided before the municipality used the service, entered afterwards in one
sitting with its decision and follow-up; and rows added to a promise form without saving."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from promises import services
from promises.forms import MAX_COMMITMENTS
from promises.models import Outcome, Party, Phase, Promise, PromiseStatus
from promises.periods import Period
from promises.services import CommitmentData, Decision
from tests.promises.factories import DecidedPromiseFactory

AUTUMN_2020 = Period(datetime.date(2020, 9, 1), datetime.date(2020, 11, 30))


def url(municipality):
    return reverse("promises:register_past", args=[municipality.slug])


def rows_post(rows, **fields):
    data = {
        "c-TOTAL_FORMS": str(len(rows)),
        "c-INITIAL_FORMS": "0",
        "c-MIN_NUM_FORMS": "0",
        "c-MAX_NUM_FORMS": "40",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"c-{i}-{key}"] = value
    data.update(fields)
    return data


def past_post(rows, **fields):
    return rows_post(
        rows,
        **{
            "start_month": "9",
            "start_year": "2020",
            "length_months": "3",
            "title": "Medborgarlöfte september–november 2020",
            "situation": "Oro kring torget på kvällarna.",
            "text": "Polisen och kommunen finns på torget.",
            "decision_body": "Kommunstyrelsen",
            "decision_date": "2020-08-20",
            "decision_reference": "KS § 98",
            "follow_up_summary": "",
            **fields,
        },
    )


FOLLOWED = [
    {
        "party": Party.POLICE,
        "action": "Kvällspass på torget",
        "outcome": Outcome.DONE,
        "outcome_comment": "Tolv pass.",
    },
    {"party": Party.MUNICIPALITY, "action": "Bättre belysning", "outcome": Outcome.PARTLY},
    {"party": "", "action": ""},  # a blank row is left out
]


def test_the_coordinator_registers_a_past_promise_with_its_follow_up(
    client_for, coordinator, municipality
):
    response = client_for(coordinator).post(
        url(municipality), past_post(FOLLOWED, follow_up_summary="Lugnare kvällar.")
    )
    promise = Promise.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("promises:detail", args=[municipality.slug, promise.pk])
    assert (promise.period_start, promise.period_end) == (AUTUMN_2020.start, AUTUMN_2020.end)
    assert promise.status == PromiseStatus.FOLLOWED_UP
    assert (promise.decision_body, promise.decision_reference) == ("Kommunstyrelsen", "KS § 98")
    assert promise.decision_date == datetime.date(2020, 8, 20)
    assert promise.follow_up_summary == "Lugnare kvällar."
    assert [(c.action, c.outcome, c.outcome_comment) for c in promise.commitments.all()] == [
        ("Kvällspass på torget", Outcome.DONE, "Tolv pass."),
        ("Bättre belysning", Outcome.PARTLY, ""),
    ]
    history = [t.comment for t in promise.transitions.all()]
    assert history[0].startswith("Registrerat i efterhand")
    assert "Uppföljningen registrerad i efterhand." in history[1]
    assert Promise.objects.with_phase(timezone.localdate()).get().phase == Phase.FOLLOWED_UP
    detail = client_for(coordinator).get(response.url).content.decode()
    assert "Registrerat i efterhand" in detail


def test_a_past_promise_without_follow_up_awaits_it(client_for, coordinator, municipality):
    rows = [{"party": Party.POLICE, "action": "Kvällspass på torget"}]
    response = client_for(coordinator).post(url(municipality), past_post(rows))
    assert response.status_code == 302
    promise = Promise.objects.with_phase(timezone.localdate()).get()
    assert promise.status == PromiseStatus.ACTIVE
    assert promise.phase == Phase.AWAITING_FOLLOW_UP
    follow_up = reverse("promises:follow_up", args=[municipality.slug, promise.pk])
    assert client_for(coordinator).get(follow_up).status_code == 200


def test_a_past_promise_may_have_its_own_length(client_for, coordinator, municipality):
    DecidedPromiseFactory(
        municipality=municipality, period_start=AUTUMN_2020.start, period_end=AUTUMN_2020.end
    )
    rows = [{"party": Party.POLICE, "action": "Årslöfte: närvaro i centrum", "outcome": "done"}]
    response = client_for(coordinator).post(
        url(municipality), past_post(rows, length_months="12", title="Polisens årslöfte")
    )
    assert response.status_code == 302
    yearly = Promise.objects.get(title="Polisens årslöfte")
    assert (yearly.period_start, yearly.period_end) == (
        datetime.date(2020, 9, 1),
        datetime.date(2021, 8, 31),
    )


def test_the_same_period_cannot_be_registered_twice(client_for, coordinator, municipality):
    DecidedPromiseFactory(
        municipality=municipality, period_start=AUTUMN_2020.start, period_end=AUTUMN_2020.end
    )
    rows = [{"party": Party.POLICE, "action": "Kvällspass"}]
    response = client_for(coordinator).post(url(municipality), past_post(rows))
    assert response.status_code == 400
    assert "Det finns redan ett medborgarlöfte för" in response.content.decode()
    assert Promise.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "rows", "message"),
    [
        ({"start_year": "2099"}, FOLLOWED[:1], "Perioden har inte börjat."),
        ({"decision_date": "2099-01-01"}, FOLLOWED[:1], "kan inte ligga i framtiden"),
        ({}, [{**FOLLOWED[0]}, {"party": Party.POLICE, "action": "x"}], "för inget"),
        ({}, [{"party": "", "action": ""}], "minst ett åtagande"),
        ({"decision_reference": ""}, FOLLOWED[:1], "Detta fält måste fyllas i"),
        ({"start_year": "20" * 30}, FOLLOWED[:1], "År"),
    ],
)
def test_it_refuses_bad_input_and_keeps_the_text(
    client_for, coordinator, municipality, fields, rows, message
):
    response = client_for(coordinator).post(url(municipality), past_post(rows, **fields))
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "Oro kring torget på kvällarna." in page
    assert not Promise.objects.exists()


def test_registering_afterwards_is_for_the_coordinator(
    client_for, council_member, politician, municipality
):
    for user in (council_member, politician):
        assert client_for(user).get(url(municipality)).status_code == 403
        response = client_for(user).post(url(municipality), past_post(FOLLOWED))
        assert response.status_code == 403
    assert not Promise.objects.exists()


def test_registering_afterwards_hides_other_municipality(client_for, outsider, municipality):
    assert client_for(outsider).post(url(municipality), past_post(FOLLOWED)).status_code == 404
    assert not Promise.objects.exists()


def test_the_service_refuses_a_period_not_yet_begun(municipality, coordinator):
    with pytest.raises(ValidationError):
        services.promise_register_past(
            actor=coordinator,
            municipality=municipality,
            period=Period(datetime.date(2099, 1, 1), datetime.date(2099, 3, 31)),
            title="Framtid",
            situation="-",
            text="-",
            decision=Decision("KS", datetime.date(2020, 1, 1), "KS § 1"),
            commitments=[CommitmentData(party=Party.POLICE, action="x")],
        )
    assert not Promise.objects.exists()


# -- adding rows without saving -------------------------------------------------------------


def test_add_row_shows_the_form_again_with_everything_kept(client_for, coordinator, municipality):
    rows = [{"party": Party.POLICE, "action": f"Åtagande nummer {n}"} for n in range(1, 4)]
    data = past_post(rows, add_row="1", title="Min rubrik som inte får försvinna")
    response = client_for(coordinator).post(url(municipality), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert not Promise.objects.exists()
    assert "Min rubrik som inte får försvinna" in page
    assert all(f"Åtagande nummer {n}" in page for n in range(1, 4))
    assert 'name="c-TOTAL_FORMS" value="4"' in page
    assert 'name="c-3-action"' in page
    assert "is-invalid" not in page  # nothing is judged before the writer saves


@pytest.mark.parametrize("name", ["create", "edit"])
def test_add_row_works_on_the_promise_form_too(
    client_for, council_member, municipality, name, request
):
    if name == "edit":
        from tests.promises.test_views import current_period_promise

        promise = current_period_promise(municipality)
        target = reverse("promises:edit", args=[municipality.slug, promise.pk])
    else:
        target = reverse("promises:create", args=[municipality.slug])
    rows = [{"party": Party.POLICE, "action": "Första raden"}, {"party": "", "action": ""}]
    data = rows_post(rows, add_row="1", title="", situation="Läget som jag skrev", text="")
    response = client_for(council_member).post(target, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Läget som jag skrev" in page and "Första raden" in page
    assert 'name="c-TOTAL_FORMS" value="3"' in page
    assert "is-invalid" not in page


def test_add_row_is_bounded(client_for, coordinator, municipality):
    data = past_post(FOLLOWED[:1], add_row="1")
    data["c-TOTAL_FORMS"] = "99999999"
    response = client_for(coordinator).post(url(municipality), data)
    assert response.status_code == 200
    assert f'name="c-TOTAL_FORMS" value="{MAX_COMMITMENTS}"' in response.content.decode()
