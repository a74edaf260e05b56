from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagersta.forms import add_errors
from municipalities.access import Action, can, get_scoped_or_404, municipality_view

from .. import selectors, services
from ..forms import ActionPlanForm, ApproveForm, GoalForm, ReturnForm
from ..models import ActionPlan, ActionPlanGoal


@municipality_view(Action.READ_MEASURES)
def action_plan_list(request, municipality):
    return render(
        request,
        "measures/action_plan_list.html",
        {
            "municipality": municipality,
            "plans": selectors.action_plans(municipality=municipality),
            "adopted": selectors.adopted_action_plan(municipality=municipality),
            "can_write": can(request, Action.MANAGE_MEASURES),
        },
    )


@require_POST
@municipality_view(Action.MANAGE_MEASURES)
def action_plan_create(request, municipality):
    plan = services.action_plan_create(actor=request.user, municipality=municipality)
    messages.success(
        request, _("Version %(version)s är skapad som utkast.") % {"version": plan.version}
    )
    return redirect("measures:action_plan_detail", municipality.slug, plan.pk)


@municipality_view(Action.READ_MEASURES)
def action_plan_detail(request, municipality, pk, approve_form=None, return_form=None):
    plan = selectors.action_plan_detail(municipality=municipality, pk=pk)
    return render(
        request,
        "measures/action_plan_detail.html",
        {
            "municipality": municipality,
            "plan": plan,
            "can_write": can(request, Action.MANAGE_MEASURES) and plan.is_editable,
            "can_decide": can(request, Action.DECIDE) and plan.status == "proposed",
            "approve_form": approve_form or ApproveForm(),
            "return_form": return_form or ReturnForm(),
        },
        status=400 if (approve_form or return_form) else 200,
    )


@municipality_view(Action.MANAGE_MEASURES)
def action_plan_edit(request, municipality, pk):
    plan = get_scoped_or_404(ActionPlan.objects, municipality, pk=pk)
    form = ActionPlanForm(request.POST or None, instance=plan, municipality=municipality)
    if not plan.is_editable:
        messages.error(request, _("Planen kan inte ändras i det här läget."))
        return redirect("measures:action_plan_detail", municipality.slug, plan.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_plan_update(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("measures:action_plan_detail", municipality.slug, plan.pk)
    return render(
        request,
        "measures/action_plan_form.html",
        {"municipality": municipality, "plan": plan, "form": form},
        status=400 if form.is_bound else 200,
    )


def _goal_form_page(request, municipality, plan, goal):
    form = GoalForm(request.POST or None, instance=goal, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_plan_goal_save(
                actor=request.user, plan=plan, goal=goal, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Målet är sparat."))
            return redirect("measures:action_plan_detail", municipality.slug, plan.pk)
    return render(
        request,
        "measures/goal_form.html",
        {"municipality": municipality, "plan": plan, "goal": goal, "form": form},
        status=400 if form.is_bound else 200,
    )


@municipality_view(Action.MANAGE_MEASURES)
def goal_add(request, municipality, pk):
    plan = get_scoped_or_404(ActionPlan.objects, municipality, pk=pk)
    if not plan.is_editable:
        messages.error(request, _("Planen kan inte ändras i det här läget."))
        return redirect("measures:action_plan_detail", municipality.slug, plan.pk)
    return _goal_form_page(request, municipality, plan, None)


@municipality_view(Action.MANAGE_MEASURES)
def goal_edit(request, municipality, pk):
    goal = get_scoped_or_404(ActionPlanGoal.objects.select_related("plan"), municipality, pk=pk)
    if not goal.plan.is_editable:
        messages.error(request, _("Planen kan inte ändras i det här läget."))
        return redirect("measures:action_plan_detail", municipality.slug, goal.plan_id)
    return _goal_form_page(request, municipality, goal.plan, goal)


@require_POST
@municipality_view(Action.MANAGE_MEASURES)
def goal_delete(request, municipality, pk):
    goal = get_scoped_or_404(ActionPlanGoal.objects.select_related("plan"), municipality, pk=pk)
    try:
        services.action_plan_goal_delete(actor=request.user, goal=goal)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Målet är borttaget."))
    return redirect("measures:action_plan_detail", municipality.slug, goal.plan_id)


@require_POST
@municipality_view(Action.MANAGE_MEASURES)
def action_plan_propose(request, municipality, pk):
    plan = get_scoped_or_404(ActionPlan.objects, municipality, pk=pk)
    try:
        services.action_plan_propose(actor=request.user, plan=plan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Planen är lämnad till politiken för beslut."))
    return redirect("measures:action_plan_detail", municipality.slug, plan.pk)


@require_POST
@municipality_view(Action.DECIDE)
def action_plan_approve(request, municipality, pk):
    plan = get_scoped_or_404(ActionPlan.objects, municipality, pk=pk)
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            services.action_plan_approve(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Åtgärdsplanen är antagen."))
            return redirect("measures:action_plan_detail", municipality.slug, plan.pk)
    return action_plan_detail.__wrapped__(request, municipality, pk, approve_form=form)


@require_POST
@municipality_view(Action.DECIDE)
def action_plan_return(request, municipality, pk):
    plan = get_scoped_or_404(ActionPlan.objects, municipality, pk=pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.action_plan_return(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Planen är återremitterad till samordnaren."))
            return redirect("measures:action_plan_detail", municipality.slug, plan.pk)
    return action_plan_detail.__wrapped__(request, municipality, pk, return_form=form)


@municipality_view(Action.READ_MEASURES)
def compliance_panel(request, municipality):
    return render(
        request,
        "measures/compliance.html",
        {
            "municipality": municipality,
            "checks": selectors.compliance(municipality=municipality),
        },
    )
