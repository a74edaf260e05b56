import datetime

import pytest
from django.urls import reverse

from measures.models import ActionPlan, ActionPlanDecision, ActionPlanStatus, DecisionOutcome
from municipalities.models import Role
from tests.factories import member
from tests.measures.factories import (
    ActionPlanFactory,
    AdoptedActionPlanFactory,
    GoalFactory,
    MeasureFactory,
    national_area,
)

pytestmark = pytest.mark.django_db


def url(name, municipality, *args):
    return reverse(f"measures:{name}", args=[municipality.slug, *args])


APPROVAL = {
    "body": "Kommunstyrelsen",
    "decided_on": "2024-06-10",
    "reference": "KS § 98",
    "review_date": "2025-06-30",
}


def proposed_plan(municipality):
    plan = ActionPlanFactory(municipality=municipality, status=ActionPlanStatus.PROPOSED)
    GoalFactory(plan=plan)
    return plan


def test_it_starts_a_new_version_from_the_latest(client_for, coordinator, municipality):
    adopted = AdoptedActionPlanFactory(municipality=municipality, version=1, title="Plan 2024")
    measure = MeasureFactory(municipality=municipality)
    GoalFactory(plan=adopted).measures.set([measure])
    response = client_for(coordinator).post(url("action_plan_create", municipality))
    draft = ActionPlan.objects.get(version=2)
    assert response.status_code == 302
    assert draft.status == ActionPlanStatus.DRAFT
    assert draft.title == "Plan 2024"
    assert list(draft.goals.get().measures.all()) == [measure]
    adopted.refresh_from_db()
    assert adopted.status == ActionPlanStatus.ADOPTED


def test_it_requires_coordinator_role_to_start_a_version(client_for, politician, municipality):
    response = client_for(politician).post(url("action_plan_create", municipality))
    assert response.status_code == 403
    assert not ActionPlan.objects.exists()


def test_it_hides_action_plans_from_other_municipality(client_for, outsider, municipality):
    plan = ActionPlanFactory(municipality=municipality)
    client = client_for(outsider)
    assert client.post(url("action_plan_create", municipality)).status_code == 404
    assert client.get(url("action_plan_detail", municipality, plan.pk)).status_code == 404


def test_it_adds_and_edits_goals(client_for, coordinator, municipality):
    plan = ActionPlanFactory(municipality=municipality)
    measure = MeasureFactory(municipality=municipality)
    client = client_for(coordinator)
    data = {
        "area": national_area("unga-skola-andt").pk,
        "text": "Fler elever i årskurs 9 får gymnasiebehörighet.",
        "measures": [measure.pk],
    }
    assert client.post(url("goal_add", municipality, plan.pk), data).status_code == 302
    goal = plan.goals.get()
    assert list(goal.measures.all()) == [measure]
    data["text"] = "Fler elever i årskurs 9 blir behöriga till gymnasiet."
    assert client.post(url("goal_edit", municipality, goal.pk), data).status_code == 302
    goal.refresh_from_db()
    assert goal.text == data["text"]
    assert client.post(url("goal_delete", municipality, goal.pk)).status_code == 302
    assert not plan.goals.exists()


def test_it_hides_goals_of_other_municipality(client_for, coordinator, other_municipality):
    goal = GoalFactory(plan__municipality=other_municipality, text="Före")
    client = client_for(coordinator)
    response = client.post(
        reverse("measures:goal_edit", args=["fagersta", goal.pk]),
        {"area": goal.area_id, "text": "Efter"},
    )
    assert response.status_code == 404
    goal.refresh_from_db()
    assert goal.text == "Före"


def test_it_requires_coordinator_role_for_goals(client_for, council_member, municipality):
    plan = ActionPlanFactory(municipality=municipality)
    data = {"area": national_area().pk, "text": "Mål"}
    response = client_for(council_member).post(url("goal_add", municipality, plan.pk), data)
    assert response.status_code == 403
    assert not plan.goals.exists()


def test_it_edits_a_draft(client_for, coordinator, municipality):
    plan = ActionPlanFactory(municipality=municipality)
    response = client_for(coordinator).post(
        url("action_plan_edit", municipality, plan.pk),
        {"title": "Åtgärdsplan 2025", "summary": "Narkotika bland unga.", "review_date": ""},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Åtgärdsplan 2025"


def test_an_adopted_plan_cannot_be_edited(client_for, coordinator, municipality):
    plan = AdoptedActionPlanFactory(municipality=municipality, title="Antagen")
    client = client_for(coordinator)
    response = client.post(
        url("action_plan_edit", municipality, plan.pk), {"title": "Ändrad", "summary": ""}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Antagen"
    data = {"area": national_area().pk, "text": "Nytt mål"}
    client.post(url("goal_add", municipality, plan.pk), data)
    assert not plan.goals.exists()


def test_it_proposes_a_plan_with_goals(client_for, coordinator, municipality):
    plan = ActionPlanFactory(municipality=municipality)
    client = client_for(coordinator)
    client.post(url("action_plan_propose", municipality, plan.pk))
    plan.refresh_from_db()
    assert plan.status == ActionPlanStatus.DRAFT  # no goals yet
    GoalFactory(plan=plan)
    assert client.post(url("action_plan_propose", municipality, plan.pk)).status_code == 302
    plan.refresh_from_db()
    assert plan.status == ActionPlanStatus.PROPOSED
    assert plan.decisions.get().outcome == DecisionOutcome.PROPOSED


def test_a_politician_adopts_the_plan(client_for, politician, municipality):
    old = AdoptedActionPlanFactory(municipality=municipality, version=1)
    plan = proposed_plan(municipality)
    response = client_for(politician).post(
        url("action_plan_approve", municipality, plan.pk), APPROVAL
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    old.refresh_from_db()
    assert plan.status == ActionPlanStatus.ADOPTED
    assert plan.decision_reference == "KS § 98"
    assert plan.review_date == datetime.date(2025, 6, 30)
    assert old.status == ActionPlanStatus.SUPERSEDED
    decision = ActionPlanDecision.objects.get(outcome=DecisionOutcome.APPROVED)
    assert decision.actor == politician


def test_approval_needs_a_review_date_after_the_decision(client_for, politician, municipality):
    plan = proposed_plan(municipality)
    data = {**APPROVAL, "review_date": "2024-01-01"}
    response = client_for(politician).post(url("action_plan_approve", municipality, plan.pk), data)
    assert response.status_code == 400
    assert "Nästa översyn måste ligga efter beslutsdatum." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == ActionPlanStatus.PROPOSED


def test_a_politician_returns_the_plan_with_a_comment(client_for, politician, municipality):
    plan = proposed_plan(municipality)
    client = client_for(politician)
    response = client.post(url("action_plan_return", municipality, plan.pk), {"comment": ""})
    assert response.status_code == 400
    response = client.post(
        url("action_plan_return", municipality, plan.pk),
        {"comment": "Lägg till ett mål om Torget."},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == ActionPlanStatus.RETURNED
    assert plan.is_editable
    assert plan.decisions.get().comment == "Lägg till ett mål om Torget."


@pytest.mark.parametrize("view", ["action_plan_approve", "action_plan_return"])
def test_it_requires_politician_role_to_decide(
    client_for, coordinator, council_member, reporter, municipality, view
):
    plan = proposed_plan(municipality)
    data = {**APPROVAL, "comment": "Nej"}
    for user in (coordinator, council_member, reporter):
        assert client_for(user).post(url(view, municipality, plan.pk), data).status_code == 403
    plan.refresh_from_db()
    assert plan.status == ActionPlanStatus.PROPOSED


@pytest.mark.parametrize("view", ["action_plan_approve", "action_plan_return"])
def test_a_politician_of_another_municipality_gets_404(
    client_for, municipality, other_municipality, view
):
    plan = proposed_plan(municipality)
    foreign_politician = member(other_municipality, Role.POLITICIAN)
    data = {**APPROVAL, "comment": "Nej"}
    response = client_for(foreign_politician).post(url(view, municipality, plan.pk), data)
    assert response.status_code == 404
    plan.refresh_from_db()
    assert plan.status == ActionPlanStatus.PROPOSED


def test_the_plan_page_shows_goals_and_decision_forms(client_for, politician, municipality):
    plan = proposed_plan(municipality)
    content = client_for(politician).get(url("action_plan_detail", municipality, plan.pk))
    text = content.content.decode()
    assert "Fler elever i årskurs 9 blir behöriga till gymnasiet." in text
    assert "Anta åtgärdsplanen" in text
