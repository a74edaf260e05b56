import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from municipalities.models import Role
from promises.models import Outcome, Party, Promise, PromisePeriodSettings, PromiseStatus
from promises.periods import period_containing, settings_for
from tests.factories import member
from tests.promises.factories import CommitmentFactory, DecidedPromiseFactory, PromiseFactory


def url(name, municipality, *args):
    return reverse(f"promises:{name}", args=[municipality.slug, *args])


def current_period_promise(municipality, **kwargs):
    today = timezone.localdate()
    factory = kwargs.pop("factory", PromiseFactory)
    return factory(
        municipality=municipality,
        period_start=today.replace(day=1),
        period_end=today.replace(day=1) + datetime.timedelta(days=80),
        **kwargs,
    )


@pytest.fixture
def draft(municipality):
    promise = current_period_promise(municipality)
    CommitmentFactory(promise=promise)
    return promise


@pytest.fixture
def proposal(draft):
    Promise.objects.filter(pk=draft.pk).update(status=PromiseStatus.PROPOSED)
    draft.refresh_from_db()
    return draft


@pytest.fixture
def active(municipality):
    promise = current_period_promise(municipality, factory=DecidedPromiseFactory)
    CommitmentFactory(promise=promise)
    return promise


@pytest.fixture
def foreign_draft(other_municipality):
    promise = PromiseFactory(municipality=other_municipality)
    CommitmentFactory(promise=promise)
    return promise


def commitment_post(prefix_rows, **fields):
    data = {
        "c-TOTAL_FORMS": str(len(prefix_rows)),
        "c-INITIAL_FORMS": str(sum(1 for row in prefix_rows if row.get("id"))),
        "c-MIN_NUM_FORMS": "0",
        "c-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(prefix_rows):
        for key, value in row.items():
            data[f"c-{i}-{key}"] = value
    data.update(fields)
    return data


# -- reading -------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["coordinator", "council_member", "politician"])
def test_it_lists_promises_for_every_staff_role(request, client_for, municipality, draft, who):
    response = client_for(request.getfixturevalue(who)).get(url("list", municipality))
    assert response.status_code == 200
    assert draft.title in response.content.decode()


def test_it_requires_a_staff_role_to_read(client_for, reporter, municipality, draft):
    assert client_for(reporter).get(url("list", municipality)).status_code == 403
    assert client_for(reporter).get(url("detail", municipality, draft.pk)).status_code == 403


def test_it_hides_other_municipality(client_for, outsider, coordinator, municipality, draft):
    assert client_for(outsider).get(url("list", municipality)).status_code == 404
    foreign = PromiseFactory(municipality=outsider.memberships.get().municipality)
    response = client_for(coordinator).get(url("detail", municipality, foreign.pk))
    assert response.status_code == 404


def test_list_query_count_does_not_grow(
    client_for, coordinator, municipality, django_assert_max_num_queries
):
    client = client_for(coordinator)
    closed = DecidedPromiseFactory(municipality=municipality, status=PromiseStatus.CLOSED)
    CommitmentFactory(promise=closed, outcome=Outcome.DONE)
    client.get(url("list", municipality))
    with CaptureQueriesContext(connection) as few:
        client.get(url("list", municipality))
    for _ in range(6):
        many = DecidedPromiseFactory(municipality=municipality, status=PromiseStatus.CLOSED)
        CommitmentFactory.create_batch(3, promise=many, outcome=Outcome.PARTLY)
    with django_assert_max_num_queries(len(few)):
        response = client.get(url("list", municipality))
    assert response.content.decode().count("Medborgarlöfte") >= 7


def test_detail_query_count_does_not_grow(
    client_for, council_member, municipality, django_assert_max_num_queries
):
    client = client_for(council_member)
    promise = DecidedPromiseFactory(municipality=municipality)
    CommitmentFactory(promise=promise)
    with CaptureQueriesContext(connection) as few:
        client.get(url("detail", municipality, promise.pk))
    CommitmentFactory.create_batch(8, promise=promise)
    with django_assert_max_num_queries(len(few)):
        assert client.get(url("detail", municipality, promise.pk)).status_code == 200


# -- create and edit ----------------------------------------------------------------------------


def test_it_creates_a_draft(client_for, council_member, municipality, organisation):
    PromisePeriodSettings.objects.create(municipality=municipality, first_month=3)
    today = timezone.localdate()
    form_page = client_for(council_member).get(url("create", municipality))
    period = form_page.context["form"].fields["period"].choices[0][0]
    data = commitment_post(
        [
            {"party": Party.MUNICIPALITY, "organisation": organisation.pk, "action": "Fältar"},
            {"party": "", "action": ""},
        ],
        period=period,
        length_months="3",
        title="Medborgarlöfte",
        situation="Oro vid skolavslutningen.",
        text="Vi finns på plats.",
    )
    response = client_for(council_member).post(url("create", municipality), data)
    promise = Promise.objects.get()
    assert response.status_code == 302
    assert response.url == url("detail", municipality, promise.pk)
    assert promise.status == PromiseStatus.DRAFT
    assert promise.period_start <= today <= promise.period_end
    assert promise.period_start.month in (3, 6, 9, 12)
    assert [c.action for c in promise.commitments.all()] == ["Fältar"]


def test_it_keeps_the_text_when_the_form_is_incomplete(client_for, coordinator, municipality):
    data = commitment_post([], title="", situation="Min text om läget", text="")
    response = client_for(coordinator).post(url("create", municipality), data)
    assert response.status_code == 400
    assert "Min text om läget" in response.content.decode()
    assert not Promise.objects.exists()


def test_create_requires_council_or_coordinator(client_for, politician, reporter, municipality):
    assert client_for(politician).get(url("create", municipality)).status_code == 403
    assert client_for(reporter).post(url("create", municipality), {}).status_code == 403


def test_create_hides_other_municipality(client_for, outsider, municipality):
    assert client_for(outsider).post(url("create", municipality), {}).status_code == 404


def _edit_data(promise, **fields):
    rows = [
        {"id": c.pk, "party": c.party, "action": c.action + " (ändrad)"}
        for c in promise.commitments.all()
    ]
    data = commitment_post(
        rows,
        title=fields.get("title", "Ny rubrik"),
        situation=promise.situation,
        text=promise.text,
        version=promise.version,
    )
    return data


def test_it_edits_a_draft(client_for, council_member, municipality, draft):
    response = client_for(council_member).post(
        url("edit", municipality, draft.pk), _edit_data(draft)
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Ny rubrik"
    assert draft.commitments.get().action.endswith("(ändrad)")


def test_it_refuses_to_edit_a_stale_version_and_keeps_the_text(
    client_for, council_member, municipality, draft
):
    data = _edit_data(draft, title="Min nya rubrik")
    Promise.objects.filter(pk=draft.pk).update(version=5)
    response = client_for(council_member).post(url("edit", municipality, draft.pk), data)
    assert response.status_code == 400
    assert "Någon annan har sparat" in response.content.decode()
    assert "Min nya rubrik" in response.content.decode()


@pytest.mark.parametrize(
    "status", [PromiseStatus.APPROVED, PromiseStatus.ACTIVE, PromiseStatus.FOLLOWED_UP]
)
def test_an_approved_promise_cannot_be_edited(client_for, council_member, municipality, status):
    promise = current_period_promise(municipality, factory=DecidedPromiseFactory, status=status)
    client = client_for(council_member)
    assert client.get(url("edit", municipality, promise.pk)).status_code == 400
    response = client.post(url("edit", municipality, promise.pk), _edit_data(promise))
    assert response.status_code == 400
    assert "kan inte ändras, bara följas upp" in response.content.decode()
    promise.refresh_from_db()
    assert promise.title != "Ny rubrik"


def test_a_proposal_cannot_be_edited_while_awaiting_decision(
    client_for, coordinator, municipality, proposal
):
    response = client_for(coordinator).post(
        url("edit", municipality, proposal.pk), _edit_data(proposal)
    )
    assert response.status_code == 400
    assert "väntar på politiskt beslut" in response.content.decode()


def test_edit_requires_council_or_coordinator(client_for, politician, municipality, draft):
    response = client_for(politician).post(url("edit", municipality, draft.pk), _edit_data(draft))
    assert response.status_code == 403


def test_edit_hides_other_municipality(
    client_for, outsider, council_member, municipality, draft, foreign_draft
):
    assert client_for(outsider).get(url("edit", municipality, draft.pk)).status_code == 404
    response = client_for(council_member).get(url("edit", municipality, foreign_draft.pk))
    assert response.status_code == 404


# -- propose ------------------------------------------------------------------------------------


def test_it_proposes_a_draft(client_for, council_member, municipality, draft):
    response = client_for(council_member).post(url("propose", municipality, draft.pk))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == PromiseStatus.PROPOSED


def test_propose_requires_council_or_coordinator(client_for, politician, municipality, draft):
    assert client_for(politician).post(url("propose", municipality, draft.pk)).status_code == 403


def test_propose_hides_other_municipality(
    client_for, outsider, coordinator, municipality, draft, foreign_draft
):
    assert client_for(outsider).post(url("propose", municipality, draft.pk)).status_code == 404
    response = client_for(coordinator).post(url("propose", municipality, foreign_draft.pk))
    assert response.status_code == 404


def test_propose_twice_is_refused(client_for, coordinator, municipality, proposal):
    response = client_for(coordinator).post(url("propose", municipality, proposal.pk))
    assert response.status_code == 400
    assert "väntar redan på beslut" in response.content.decode()


# -- decide -------------------------------------------------------------------------------------

APPROVAL = {
    "decision_body": "Kommunstyrelsen",
    "decision_date": "2021-02-20",
    "decision_reference": "KS § 112",
}


def test_it_shows_the_decision_page(client_for, politician, municipality, proposal):
    response = client_for(politician).get(url("decide", municipality, proposal.pk))
    assert response.status_code == 200
    assert "Beslutsreferens" in response.content.decode()


def test_it_approves_a_proposal(client_for, politician, municipality, proposal):
    response = client_for(politician).post(url("approve", municipality, proposal.pk), APPROVAL)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == PromiseStatus.ACTIVE
    assert (proposal.decision_reference, proposal.decided_by) == ("KS § 112", politician)


def test_approval_needs_a_reference(client_for, politician, municipality, proposal):
    data = {**APPROVAL, "decision_reference": ""}
    response = client_for(politician).post(url("approve", municipality, proposal.pk), data)
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.status == PromiseStatus.PROPOSED


def test_a_reporter_cannot_approve(client_for, reporter, municipality, proposal):
    response = client_for(reporter).post(url("approve", municipality, proposal.pk), APPROVAL)
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == PromiseStatus.PROPOSED


@pytest.mark.parametrize("who", ["coordinator", "council_member"])
def test_only_a_politician_approves(request, client_for, municipality, proposal, who):
    user = request.getfixturevalue(who)
    response = client_for(user).post(url("approve", municipality, proposal.pk), APPROVAL)
    assert response.status_code == 403


def test_a_politician_of_another_municipality_gets_404(
    client_for, other_municipality, municipality, proposal
):
    foreign_politician = member(other_municipality, Role.POLITICIAN, username="hagfors-pol")
    client = client_for(foreign_politician)
    assert client.get(url("decide", municipality, proposal.pk)).status_code == 404
    assert client.post(url("approve", municipality, proposal.pk), APPROVAL).status_code == 404
    # and the Fagersta proposal is not reachable through Hagfors's own URL either
    hagfors_url = url("approve", other_municipality, proposal.pk)
    assert client.post(hagfors_url, APPROVAL).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == PromiseStatus.PROPOSED


def test_a_draft_cannot_be_approved(client_for, politician, municipality, draft):
    response = client_for(politician).post(url("approve", municipality, draft.pk), APPROVAL)
    assert response.status_code == 400
    assert "Bara ett föreslaget löfte" in response.content.decode()


def test_it_returns_a_proposal_with_a_comment(client_for, politician, municipality, proposal):
    response = client_for(politician).post(
        url("return", municipality, proposal.pk), {"comment": "Lägg till hur det mäts."}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == PromiseStatus.RETURNED
    page = client_for(politician).get(url("detail", municipality, proposal.pk))
    assert "Lägg till hur det mäts." in page.content.decode()


def test_return_requires_a_comment(client_for, politician, municipality, proposal):
    response = client_for(politician).post(url("return", municipality, proposal.pk), {})
    assert response.status_code == 400


def test_return_requires_politician(client_for, council_member, municipality, proposal):
    response = client_for(council_member).post(
        url("return", municipality, proposal.pk), {"comment": "x"}
    )
    assert response.status_code == 403


def test_return_hides_other_municipality(client_for, outsider, politician, municipality, proposal):
    foreign = PromiseFactory(
        municipality=outsider.memberships.get().municipality, status=PromiseStatus.PROPOSED
    )
    assert (
        client_for(outsider).post(url("return", municipality, proposal.pk), {}).status_code == 404
    )
    foreign_url = url("return", municipality, foreign.pk)
    response = client_for(politician).post(foreign_url, {"comment": "x"})
    assert response.status_code == 404


# -- follow up, close, renew ---------------------------------------------------------------------


def _follow_up_data(promise, outcome=Outcome.DONE):
    data = {"summary": "Perioden gick bra."}
    for c in promise.commitments.all():
        data[f"outcome_{c.pk}"] = outcome
        data[f"comment_{c.pk}"] = "Genomfört enligt plan."
    return data


def test_it_follows_up_a_promise(client_for, coordinator, municipality, active):
    response = client_for(coordinator).post(
        url("follow_up", municipality, active.pk), _follow_up_data(active)
    )
    assert response.status_code == 302
    active.refresh_from_db()
    assert active.status == PromiseStatus.FOLLOWED_UP
    assert active.commitments.get().outcome == Outcome.DONE


def test_follow_up_needs_every_outcome(client_for, coordinator, municipality, active):
    response = client_for(coordinator).post(
        url("follow_up", municipality, active.pk), {"summary": "Min sammanfattning"}
    )
    assert response.status_code == 400
    assert "Min sammanfattning" in response.content.decode()


def test_a_draft_cannot_be_followed_up(client_for, coordinator, municipality, draft):
    assert client_for(coordinator).get(url("follow_up", municipality, draft.pk)).status_code == 400


def test_follow_up_requires_council_or_coordinator(client_for, politician, municipality, active):
    response = client_for(politician).post(
        url("follow_up", municipality, active.pk), _follow_up_data(active)
    )
    assert response.status_code == 403


def test_follow_up_hides_other_municipality(
    client_for, outsider, coordinator, municipality, active, other_municipality
):
    assert client_for(outsider).get(url("follow_up", municipality, active.pk)).status_code == 404
    foreign = DecidedPromiseFactory(municipality=other_municipality)
    response = client_for(coordinator).get(url("follow_up", municipality, foreign.pk))
    assert response.status_code == 404


@pytest.fixture
def followed_up(active):
    active.commitments.update(outcome=Outcome.CONTINUES)
    Promise.objects.filter(pk=active.pk).update(status=PromiseStatus.FOLLOWED_UP)
    active.refresh_from_db()
    return active


def test_it_closes_a_followed_up_promise(client_for, coordinator, municipality, followed_up):
    response = client_for(coordinator).post(url("close", municipality, followed_up.pk))
    assert response.status_code == 302
    followed_up.refresh_from_db()
    assert followed_up.status == PromiseStatus.CLOSED


def test_close_requires_council_or_coordinator(client_for, politician, municipality, followed_up):
    response = client_for(politician).post(url("close", municipality, followed_up.pk))
    assert response.status_code == 403


def test_close_hides_other_municipality(client_for, outsider, municipality, followed_up):
    assert client_for(outsider).post(url("close", municipality, followed_up.pk)).status_code == 404


def test_an_active_promise_cannot_be_closed(client_for, coordinator, municipality, active):
    assert client_for(coordinator).post(url("close", municipality, active.pk)).status_code == 400


def test_it_renews_into_the_next_period(client_for, coordinator, municipality, followed_up):
    response = client_for(coordinator).post(url("renew", municipality, followed_up.pk))
    renewal = Promise.objects.get(previous=followed_up)
    assert response.status_code == 302
    assert response.url == url("detail", municipality, renewal.pk)
    assert renewal.period_start > followed_up.period_start
    assert renewal.status == PromiseStatus.DRAFT
    assert renewal.commitments.count() == 1
    page = client_for(coordinator).get(url("detail", municipality, renewal.pk))
    assert "Föregående period" in page.content.decode()
    edit = client_for(coordinator).get(url("edit", municipality, renewal.pk))
    assert "Föregående periods uppföljning" in edit.content.decode()


def test_renew_requires_council_or_coordinator(client_for, politician, municipality, followed_up):
    response = client_for(politician).post(url("renew", municipality, followed_up.pk))
    assert response.status_code == 403


def test_renew_hides_other_municipality(client_for, outsider, municipality, followed_up):
    assert client_for(outsider).post(url("renew", municipality, followed_up.pk)).status_code == 404


# -- period settings ----------------------------------------------------------------------------


def test_it_saves_period_settings(client_for, coordinator, municipality):
    response = client_for(coordinator).post(
        url("settings", municipality), {"length_months": "3", "first_month": "3"}
    )
    assert response.status_code == 302
    settings = PromisePeriodSettings.objects.get(municipality=municipality)
    assert (settings.length_months, settings.first_month) == (3, 3)


def test_period_settings_reject_a_bad_length(client_for, coordinator, municipality):
    response = client_for(coordinator).post(
        url("settings", municipality), {"length_months": "5", "first_month": "3"}
    )
    assert response.status_code == 400
    assert not PromisePeriodSettings.objects.exists()


def test_period_settings_require_coordinator(client_for, council_member, municipality):
    response = client_for(council_member).post(
        url("settings", municipality), {"length_months": "3", "first_month": "3"}
    )
    assert response.status_code == 403


def test_period_settings_hide_other_municipality(client_for, outsider, municipality):
    assert client_for(outsider).get(url("settings", municipality)).status_code == 404


def _create_data(period, length, title):
    return commitment_post(
        [{"party": Party.POLICE, "action": "Närvaro i centrum"}],
        period=period,
        length_months=str(length),
        title=title,
        situation="Oro i centrum.",
        text="Vi finns där.",
    )


def test_create_refuses_a_period_that_already_has_a_promise(client_for, coordinator, municipality):
    current = period_containing(settings_for(municipality), timezone.localdate())
    PromiseFactory(municipality=municipality, period_start=current.start, period_end=current.end)
    data = _create_data(current.start.isoformat(), 3, "Samma period igen")
    response = client_for(coordinator).post(url("create", municipality), data)
    assert response.status_code == 400
    assert "Det finns redan ett medborgarlöfte för" in response.content.decode()
    assert Promise.objects.count() == 1


def test_a_promise_may_have_its_own_length_beside_the_others(client_for, coordinator, municipality):
    """The police's one-year promise beside the municipality's three-month ones."""
    current = period_containing(settings_for(municipality), timezone.localdate())
    PromiseFactory(municipality=municipality, period_start=current.start, period_end=current.end)
    form = client_for(coordinator).get(url("create", municipality)).context["form"]
    assert form.fields["length_months"].initial == 3
    data = _create_data(current.start.isoformat(), 12, "Polisens årslöfte")
    response = client_for(coordinator).post(url("create", municipality), data)
    assert response.status_code == 302
    yearly = Promise.objects.get(title="Polisens årslöfte")
    assert yearly.period_start == current.start
    assert yearly.period_end == current.start.replace(
        year=current.start.year + 1
    ) - datetime.timedelta(days=1)


def test_edit_removes_and_adds_commitments(client_for, council_member, municipality, draft):
    old = draft.commitments.get()
    data = commitment_post(
        [
            {"id": old.pk, "party": old.party, "action": old.action, "DELETE": "on"},
            {"party": Party.POLICE, "action": "Kvällspass på torget"},
        ],
        title=draft.title,
        situation=draft.situation,
        text=draft.text,
        version=draft.version,
    )
    response = client_for(council_member).post(url("edit", municipality, draft.pk), data)
    assert response.status_code == 302
    assert [(c.party, c.action) for c in draft.commitments.all()] == [
        (Party.POLICE, "Kvällspass på torget")
    ]


def test_edit_refuses_a_commitment_of_another_promise(
    client_for, council_member, municipality, draft
):
    other = CommitmentFactory(promise=PromiseFactory(municipality=municipality))
    data = commitment_post(
        [{"id": other.pk, "party": Party.POLICE, "action": "Kapat"}],
        title=draft.title,
        situation=draft.situation,
        text=draft.text,
        version=draft.version,
    )
    response = client_for(council_member).post(url("edit", municipality, draft.pk), data)
    assert response.status_code == 400
    other.refresh_from_db()
    assert other.action != "Kapat"


def test_detail_links_measures_and_problems(client_for, council_member, municipality, active):
    from tests.measures.factories import MeasureFactory, ProblemFactory

    commitment = active.commitments.get()
    measure = MeasureFactory(municipality=municipality, title="Nattvandring på helger")
    measure.commitments.add(commitment)
    problem = ProblemFactory(municipality=municipality, title="Buskörning vid stationen")
    active.problems.add(problem)
    page = client_for(council_member).get(url("detail", municipality, active.pk)).content.decode()
    assert f'href="/k/{municipality.slug}/insatser/{measure.pk}/">Nattvandring på helger' in page
    problem_url = reverse("situations:problem_detail", args=[municipality.slug, problem.pk])
    assert f'href="{problem_url}">Buskörning vid stationen' in page


def test_detail_query_count_does_not_grow_with_measures(
    client_for, council_member, municipality, active, django_assert_max_num_queries
):
    from tests.measures.factories import MeasureFactory

    client = client_for(council_member)
    commitment = active.commitments.get()
    MeasureFactory(municipality=municipality).commitments.add(commitment)
    with CaptureQueriesContext(connection) as few:
        client.get(url("detail", municipality, active.pk))
    for _ in range(5):
        extra = CommitmentFactory(promise=active)
        MeasureFactory(municipality=municipality).commitments.add(extra, commitment)
    with django_assert_max_num_queries(len(few)):
        client.get(url("detail", municipality, active.pk))
