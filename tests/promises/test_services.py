import datetime

import pytest
from django.core.exceptions import ValidationError

from promises import charts, selectors, services
from promises.models import Outcome, Party, Promise, PromiseStatus, PromiseTransition
from promises.periods import Period
from promises.services import CommitmentData, TransitionError
from tests.factories import OrganisationFactory
from tests.promises.factories import CommitmentFactory, DecidedPromiseFactory, PromiseFactory

TODAY = datetime.date(2021, 4, 10)
SPRING = Period(datetime.date(2021, 3, 1), datetime.date(2021, 5, 31))


@pytest.fixture
def fagersta_periods(municipality, coordinator):
    services.period_settings_update(
        actor=coordinator, municipality=municipality, length_months=3, first_month=3
    )


def _draft(municipality, actor, **kwargs):
    return services.promise_create(
        actor=actor,
        municipality=municipality,
        period=kwargs.pop("period", SPRING),
        title="Medborgarlöfte mars–maj 2021",
        situation="Motorburen ungdom samlas vid bensinstationer.",
        text="Vi skapar trygga mötesplatser för unga med motorintresse.",
        commitments=kwargs.pop(
            "commitments",
            [CommitmentData(party=Party.BOTH, action="Dialog med Fagersta Motorklubb")],
        ),
        **kwargs,
    )


def _approve(promise, politician, today=TODAY):
    return services.promise_approve(
        actor=politician,
        promise=promise,
        decision_body="Kommunstyrelsen",
        decision_date=today,
        decision_reference="KS § 112",
        today=today,
    )


def test_it_runs_the_whole_workflow_and_records_every_step(
    municipality, council_member, politician, coordinator
):
    promise = _draft(municipality, council_member)
    services.promise_propose(actor=council_member, promise=promise)
    services.promise_return(actor=politician, promise=promise, comment="Förtydliga mätningen.")
    promise.refresh_from_db()
    services.promise_update(
        actor=council_member,
        promise=promise,
        version=promise.version,
        title=promise.title,
        situation=promise.situation,
        text="Nytt löfte med tydlig mätning.",
        commitments=[],
    )
    services.promise_propose(actor=council_member, promise=promise)
    promise = _approve(promise, politician)
    assert promise.status == PromiseStatus.ACTIVE  # the period had already begun
    commitment = promise.commitments.get()
    services.promise_follow_up(
        actor=coordinator,
        promise=promise,
        outcomes={commitment.pk: (Outcome.CONTINUES, "Fortsätter i sommar.")},
        summary="Bra uppslutning.",
    )
    steps = list(
        PromiseTransition.objects.filter(promise=promise).values_list(
            "from_status", "to_status", "actor__username"
        )
    )
    assert steps == [
        ("", "draft", "bra"),
        ("draft", "proposed", "bra"),
        ("proposed", "returned", "politiker"),
        ("returned", "proposed", "bra"),
        ("proposed", "approved", "politiker"),
        ("approved", "active", "politiker"),
        ("active", "followed_up", "samordnare"),
    ]
    returned = PromiseTransition.objects.get(promise=promise, to_status="returned")
    assert returned.comment == "Förtydliga mätningen."


def test_it_refuses_to_propose_without_commitments(municipality, council_member):
    promise = _draft(municipality, council_member, commitments=[])
    with pytest.raises(TransitionError):
        services.promise_propose(actor=council_member, promise=promise)


@pytest.mark.parametrize("status", [PromiseStatus.PROPOSED, PromiseStatus.ACTIVE])
def test_it_refuses_to_change_a_proposal_or_a_decided_promise(municipality, council_member, status):
    promise = DecidedPromiseFactory(municipality=municipality, status=status)
    with pytest.raises(TransitionError):
        services.promise_update(
            actor=council_member,
            promise=promise,
            version=promise.version,
            title="Ändrad",
            situation="x",
            text="y",
        )
    promise.refresh_from_db()
    assert promise.title != "Ändrad"


def test_it_refuses_an_edit_based_on_an_old_version(municipality, council_member):
    promise = _draft(municipality, council_member)
    with pytest.raises(ValidationError) as exc:
        services.promise_update(
            actor=council_member,
            promise=promise,
            version=promise.version - 1,
            title="Ändrad",
            situation="x",
            text="y",
        )
    assert exc.value.code == "conflict"


def test_a_return_needs_a_comment(municipality, council_member, politician):
    promise = _draft(municipality, council_member)
    services.promise_propose(actor=council_member, promise=promise)
    with pytest.raises(ValidationError):
        services.promise_return(actor=politician, promise=promise, comment="  ")


def test_only_a_proposal_can_be_approved(municipality, council_member, politician):
    promise = _draft(municipality, council_member)
    with pytest.raises(TransitionError):
        _approve(promise, politician)


def test_an_approval_before_the_period_waits_until_it_begins(
    municipality, council_member, politician
):
    promise = _draft(municipality, council_member)
    services.promise_propose(actor=council_member, promise=promise)
    promise = _approve(promise, politician, today=datetime.date(2021, 2, 20))
    assert promise.status == PromiseStatus.APPROVED
    assert services.activate_started_promises(today=datetime.date(2021, 2, 28)) == 0
    assert services.activate_started_promises(today=datetime.date(2021, 3, 1)) == 1
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.ACTIVE


def test_a_follow_up_needs_every_outcome(municipality, coordinator):
    promise = DecidedPromiseFactory(municipality=municipality)
    first, second = CommitmentFactory.create_batch(2, promise=promise)
    with pytest.raises(ValidationError):
        services.promise_follow_up(
            actor=coordinator, promise=promise, outcomes={first.pk: (Outcome.DONE, "")}
        )
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.ACTIVE


def test_renewal_carries_over_continuing_commitments(municipality, coordinator, fagersta_periods):
    promise = DecidedPromiseFactory(
        municipality=municipality,
        period_start=datetime.date(2021, 12, 1),
        period_end=datetime.date(2022, 2, 28),
    )
    org = OrganisationFactory(municipality=municipality, name="Kommunpolisen")
    done = CommitmentFactory(promise=promise, action="Hundsvep i skolorna")
    going_on = CommitmentFactory(promise=promise, action="SIG-möten varje vecka", organisation=org)
    services.promise_follow_up(
        actor=coordinator,
        promise=promise,
        outcomes={done.pk: (Outcome.DONE, ""), going_on.pk: (Outcome.CONTINUES, "")},
    )
    renewal = services.promise_renew(actor=coordinator, promise=promise)
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.CLOSED
    assert renewal.status == PromiseStatus.DRAFT
    assert renewal.previous == promise
    assert (renewal.period_start, renewal.period_end) == (
        datetime.date(2022, 3, 1),
        datetime.date(2022, 5, 31),
    )
    copied = renewal.commitments.get()
    assert (copied.action, copied.organisation, copied.continued_from) == (
        "SIG-möten varje vecka",
        org,
        going_on,
    )
    assert copied.outcome == ""
    with pytest.raises(ValidationError):
        services.promise_renew(actor=coordinator, promise=promise)


def test_an_unfollowed_promise_cannot_be_renewed(municipality, coordinator):
    promise = DecidedPromiseFactory(municipality=municipality)
    with pytest.raises(TransitionError):
        services.promise_renew(actor=coordinator, promise=promise)


def test_it_refuses_another_municipalitys_organisation(
    municipality, other_municipality, council_member
):
    foreign = OrganisationFactory(municipality=other_municipality)
    with pytest.raises(ValidationError):
        _draft(
            municipality,
            council_member,
            commitments=[CommitmentData(party=Party.OTHER, action="x", organisation=foreign)],
        )
    assert not Promise.objects.exists()


def test_it_computes_fulfilment_per_period(municipality, other_municipality):
    old = DecidedPromiseFactory(
        municipality=municipality,
        status=PromiseStatus.CLOSED,
        period_start=datetime.date(2021, 3, 1),
        period_end=datetime.date(2021, 5, 31),
    )
    for outcome in [Outcome.DONE, Outcome.DONE, Outcome.PARTLY, Outcome.CONTINUES]:
        CommitmentFactory(promise=old, outcome=outcome)
    newer = DecidedPromiseFactory(
        municipality=municipality,
        status=PromiseStatus.FOLLOWED_UP,
        period_start=datetime.date(2021, 6, 1),
        period_end=datetime.date(2021, 8, 31),
    )
    CommitmentFactory(promise=newer, outcome=Outcome.NOT_DONE)
    DecidedPromiseFactory(municipality=municipality)  # active: not followed up yet
    foreign = DecidedPromiseFactory(municipality=other_municipality, status=PromiseStatus.CLOSED)
    CommitmentFactory(promise=foreign, outcome=Outcome.DONE)

    rows = selectors.fulfilment_by_period(municipality)
    assert [(r.period.start.month, r.total, r.done, r.share_done) for r in rows] == [
        (3, 4, 2, 50),
        (6, 1, 0, 0),
    ]
    chart = charts.fulfilment_chart(rows)
    assert chart.rows() == [("mar–maj 2021", ["50"]), ("jun–aug 2021", ["0"])]


def test_public_promises_leave_out_drafts_and_returned_proposals(municipality):
    today = datetime.date(2021, 7, 1)
    PromiseFactory(
        municipality=municipality,
        status=PromiseStatus.RETURNED,
        period_start=datetime.date(2021, 6, 1),
        period_end=datetime.date(2021, 8, 31),
    )
    PromiseFactory(
        municipality=municipality,
        status=PromiseStatus.DRAFT,
        period_start=datetime.date(2021, 9, 1),
        period_end=datetime.date(2021, 11, 30),
    )
    earlier = DecidedPromiseFactory(
        municipality=municipality,
        status=PromiseStatus.CLOSED,
        period_start=datetime.date(2021, 3, 1),
        period_end=datetime.date(2021, 5, 31),
    )
    result = selectors.public_promises(municipality=municipality, today=today)
    assert result.current == []
    assert result.earlier == [earlier]
    assert result.upcoming == []


def test_the_model_refuses_changed_content_once_decided(municipality):
    promise = DecidedPromiseFactory(municipality=municipality)
    commitment = CommitmentFactory(promise=promise)
    promise.text = "Ett annat löfte"
    with pytest.raises(ValidationError):
        promise.full_clean()
    commitment.action = "Något annat"
    with pytest.raises(ValidationError):
        commitment.full_clean()
    commitment.refresh_from_db()
    commitment.outcome = Outcome.DONE  # the follow-up is still allowed
    commitment.full_clean()
