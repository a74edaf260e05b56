from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagersta.forms import add_errors
from municipalities.access import Action, can, get_scoped_or_404, municipality_view
from situations.models import Problem

from .. import selectors, services
from ..forms import CauseAnalysisForm, CauseForm
from ..models import Cause, CauseAnalysis, CauseBranch


@municipality_view(Action.READ_MEASURES)
def cause_analysis_list(request, municipality):
    return render(
        request,
        "measures/cause_analysis_list.html",
        {
            "municipality": municipality,
            "problems": selectors.problems_for_analysis(municipality=municipality),
        },
    )


@require_POST
@municipality_view(Action.MANAGE_MEASURES)
def cause_analysis_start(request, municipality, problem_pk):
    problem = get_scoped_or_404(Problem.objects, municipality, pk=problem_pk)
    analysis = services.cause_analysis_start(actor=request.user, problem=problem)
    return redirect("measures:cause_analysis_detail", municipality.slug, analysis.pk)


@municipality_view(Action.READ_MEASURES)
def cause_analysis_detail(request, municipality, pk, cause_form=None):
    analysis = get_scoped_or_404(
        CauseAnalysis.objects.select_related("problem__area"), municipality, pk=pk
    )
    causes, unanswering = selectors.cause_analysis_for(analysis=analysis)
    branches = [
        (value, label, [c for c in causes if c.branch == value])
        for value, label in CauseBranch.choices
    ]
    return render(
        request,
        "measures/cause_analysis_detail.html",
        {
            "municipality": municipality,
            "analysis": analysis,
            "branches": branches,
            "unanswering": unanswering,
            "can_write": can(request, Action.MANAGE_MEASURES),
            "summary_form": CauseAnalysisForm(instance=analysis),
            "cause_form": cause_form or CauseForm(municipality=municipality),
        },
        status=400 if cause_form else 200,
    )


@require_POST
@municipality_view(Action.MANAGE_MEASURES)
def cause_analysis_update(request, municipality, pk):
    analysis = get_scoped_or_404(CauseAnalysis.objects, municipality, pk=pk)
    form = CauseAnalysisForm(request.POST, instance=analysis)
    if form.is_valid():
        services.cause_analysis_update(actor=request.user, analysis=analysis, **form.cleaned_data)
        messages.success(request, _("Sammanfattningen är sparad."))
    else:
        messages.error(request, _("Sammanfattningen kunde inte sparas."))
    return redirect("measures:cause_analysis_detail", municipality.slug, analysis.pk)


@require_POST
@municipality_view(Action.MANAGE_MEASURES)
def cause_add(request, municipality, pk):
    analysis = get_scoped_or_404(CauseAnalysis.objects, municipality, pk=pk)
    form = CauseForm(request.POST, municipality=municipality)
    if form.is_valid():
        try:
            services.cause_save(actor=request.user, analysis=analysis, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Orsaken är tillagd."))
            return redirect("measures:cause_analysis_detail", municipality.slug, analysis.pk)
    return cause_analysis_detail.__wrapped__(request, municipality, pk, cause_form=form)


@municipality_view(Action.MANAGE_MEASURES)
def cause_edit(request, municipality, pk):
    cause = get_scoped_or_404(Cause.objects.select_related("analysis"), municipality, pk=pk)
    form = CauseForm(request.POST or None, instance=cause, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.cause_save(
                actor=request.user, analysis=cause.analysis, cause=cause, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Orsaken är sparad."))
            return redirect("measures:cause_analysis_detail", municipality.slug, cause.analysis_id)
    return render(
        request,
        "measures/cause_form.html",
        {"municipality": municipality, "cause": cause, "form": form},
        status=400 if form.is_bound else 200,
    )


@require_POST
@municipality_view(Action.MANAGE_MEASURES)
def cause_delete(request, municipality, pk):
    cause = get_scoped_or_404(Cause.objects, municipality, pk=pk)
    analysis_pk = cause.analysis_id
    services.cause_delete(actor=request.user, cause=cause)
    messages.success(request, _("Orsaken är borttagen."))
    return redirect("measures:cause_analysis_detail", municipality.slug, analysis_pk)
