"""Measures, action plan, cause analyses and the annual calendar: the coordinator writes,
the council and politicians read, politicians decide on the action plan, reporters are
refused, and the public sees measures marked public."""

from measures.models import ActionPlanStatus
from municipalities.access import Action
from tests.measures.factories import (
    ActionPlanFactory,
    CalendarEventFactory,
    CauseAnalysisFactory,
    CauseFactory,
    GoalFactory,
    MeasureFactory,
    PartnerFactory,
    ProblemFactory,
)
from tests.permissions.matrix import Row, allowed, public

WRITE = allowed(Action.MANAGE_MEASURES)
READ_ALL = allowed(Action.READ_MEASURES)
DECIDE = allowed(Action.DECIDE)


def _partner(ctx):
    return {"pk": PartnerFactory(municipality=ctx.municipality).pk}


def _measure(ctx):
    return {"pk": MeasureFactory(municipality=ctx.municipality).pk}


def _public_measure(ctx):
    return {"pk": MeasureFactory(municipality=ctx.municipality, is_public=True).pk}


def _plan(ctx):
    return {"pk": ActionPlanFactory(municipality=ctx.municipality).pk}


def _proposed_plan(ctx):
    plan = ActionPlanFactory(municipality=ctx.municipality, status=ActionPlanStatus.PROPOSED)
    GoalFactory(plan=plan)
    return {"pk": plan.pk}


def _goal(ctx):
    return {"pk": GoalFactory(plan__municipality=ctx.municipality).pk}


def _problem(ctx):
    return {"problem_pk": ProblemFactory(municipality=ctx.municipality).pk}


def _analysis(ctx):
    return {"pk": CauseAnalysisFactory(problem__municipality=ctx.municipality).pk}


def _cause(ctx):
    return {"pk": CauseFactory(analysis__problem__municipality=ctx.municipality).pk}


def _event(ctx):
    return {"pk": CalendarEventFactory(municipality=ctx.municipality).pk}


def _measure_data(ctx, kwargs):
    return {"title": "Nattvandring", "level": "universal", "status": "ongoing"}


def _goal_data(ctx, kwargs):
    from tests.measures.factories import national_area

    return {"area": national_area().pk, "text": "Torget upplevs som tryggt."}


def _event_data(ctx, kwargs):
    return {"title": "Valborg", "kind": "date", "start_date": "2021-04-30"}


def _approval(ctx, kwargs):
    return {
        "body": "Kommunstyrelsen",
        "decided_on": "2024-06-10",
        "reference": "KS § 112",
        "review_date": "2027-06-30",
    }


ROWS = [
    Row("measures:measure_list", READ_ALL),
    Row("measures:measure_create", WRITE, method="post", data=_measure_data),
    Row("measures:measure_detail", READ_ALL, setup=_measure),
    Row("measures:measure_edit", WRITE, method="post", setup=_measure, data=_measure_data),
    Row("measures:partner_list", READ_ALL),
    Row(
        "measures:partner_edit",
        WRITE,
        method="post",
        setup=_partner,
        data=lambda ctx, kwargs: {"name": "Nattvandrarna", "description": ""},
    ),
    Row("measures:partner_delete", WRITE, method="post", setup=_partner),
    Row("measures:action_plan_list", READ_ALL),
    Row("measures:action_plan_create", WRITE, method="post"),
    Row("measures:action_plan_detail", READ_ALL, setup=_plan),
    Row(
        "measures:action_plan_edit",
        WRITE,
        method="post",
        setup=_plan,
        data=lambda ctx, kwargs: {"title": "Åtgärdsplan 2026"},
    ),
    Row("measures:goal_add", WRITE, method="post", setup=_plan, data=_goal_data),
    Row("measures:goal_edit", WRITE, method="post", setup=_goal, data=_goal_data),
    Row("measures:goal_delete", WRITE, method="post", setup=_goal),
    Row("measures:action_plan_propose", WRITE, method="post", setup=_plan),
    Row(
        "measures:action_plan_approve",
        DECIDE,
        method="post",
        setup=_proposed_plan,
        data=_approval,
    ),
    Row(
        "measures:action_plan_return",
        DECIDE,
        method="post",
        setup=_proposed_plan,
        data=lambda ctx, kwargs: {"comment": "Lägg till ett mål om Torget."},
    ),
    Row("measures:compliance", READ_ALL),
    Row("measures:cause_analysis_list", READ_ALL),
    Row("measures:cause_analysis_start", WRITE, method="post", setup=_problem),
    Row("measures:cause_analysis_detail", READ_ALL, setup=_analysis),
    Row(
        "measures:cause_analysis_update",
        WRITE,
        method="post",
        setup=_analysis,
        data=lambda ctx, kwargs: {"summary": "Mörker vid gångtunneln."},
    ),
    Row(
        "measures:cause_add",
        WRITE,
        method="post",
        setup=_analysis,
        data=lambda ctx, kwargs: {"branch": "place", "description": "Mörker"},
    ),
    Row(
        "measures:cause_edit",
        WRITE,
        method="post",
        setup=_cause,
        data=lambda ctx, kwargs: {"branch": "victim", "description": "Ensamma äldre"},
    ),
    Row("measures:cause_delete", WRITE, method="post", setup=_cause),
    Row("measures:calendar", READ_ALL),
    Row("measures:calendar_month", READ_ALL, setup=lambda ctx: {"year": 2026, "month": 4}),
    Row("measures:event_create", WRITE, method="post", data=_event_data),
    Row("measures:event_edit", WRITE, method="post", setup=_event, data=_event_data),
    Row("measures:event_delete", WRITE, method="post", setup=_event),
    Row("measures_public:measure_list", public()),
    Row("measures_public:measure_detail", public(), setup=_public_measure),
]
