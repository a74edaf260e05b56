"""Problems the lägesbild revealed, and the EST and council meetings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagersta.forms import add_errors
from municipalities.access import Action, can, get_scoped_or_404, municipality_view

from .. import selectors, services
from ..forms import (
    MeetingForm,
    ProblemForm,
)
from ..models import (
    Meeting,
    MeetingKind,
    Problem,
    ProblemStatus,
)
from .common import (
    year_param,
)


@municipality_view(Action.READ_PROBLEMS)
def problem_list(request, municipality):
    status = request.GET.get("status") or None
    if status not in ProblemStatus.values:
        status = None
    return render(
        request,
        "situations/problem_list.html",
        {
            "municipality": municipality,
            "problems": selectors.problem_list(municipality=municipality, status=status),
            "status": status,
            "statuses": ProblemStatus.choices,
        },
    )


@municipality_view(Action.READ_PROBLEMS)
def problem_detail(request, municipality, pk):
    problem = get_scoped_or_404(
        Problem.objects.select_related("area", "place", "owner", "period"), municipality, pk=pk
    )
    return render(
        request,
        "situations/problem_detail.html",
        {
            "municipality": municipality,
            "problem": problem,
            "records": selectors.history_of(problem)
            if can(request, Action.MANAGE_PROBLEMS)
            else None,
        },
    )


@municipality_view(Action.MANAGE_PROBLEMS)
def problem_create(request, municipality):
    initial = {}
    if request.method == "GET":
        initial = {k: v for k, v in request.GET.items() if k in {"period", "area", "title"}}
    form = ProblemForm(request.POST or None, initial=initial, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            problem = services.problem_create(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Problemet är registrerat."))
            return redirect("situations:problem_detail", municipality.slug, problem.pk)
    return render(
        request,
        "situations/form_page.html",
        {
            "municipality": municipality,
            "form": form,
            "title": _("Nytt problem"),
            "back": reverse("situations:problem_list", args=[municipality.slug]),
        },
        status=400 if request.method == "POST" else 200,
    )


@municipality_view(Action.MANAGE_PROBLEMS)
def problem_edit(request, municipality, pk):
    problem = get_scoped_or_404(Problem.objects, municipality, pk=pk)
    form = ProblemForm(request.POST or None, instance=problem, municipality=municipality)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.problem_update(actor=request.user, problem=problem, **form.cleaned_data)
        except services.ConflictError as exc:
            form.add_conflict(exc.current)
            status = 409
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Problemet är sparat."))
            return redirect("situations:problem_detail", municipality.slug, problem.pk)
    return render(
        request,
        "situations/form_page.html",
        {
            "municipality": municipality,
            "form": form,
            "title": _("Ändra problem: %(title)s") % {"title": problem.title},
            "back": reverse("situations:problem_detail", args=[municipality.slug, problem.pk]),
        },
        status=status,
    )


@municipality_view(Action.READ_PROBLEMS)
def meeting_list(request, municipality):
    counts = selectors.meeting_counts(municipality=municipality)
    year = year_param(request, default=counts[0]["year"] if counts else timezone.localdate().year)
    return render(
        request,
        "situations/meeting_list.html",
        {
            "municipality": municipality,
            "counts": counts,
            "year": year,
            "meetings": selectors.meeting_list(municipality=municipality, year=year),
            "EST": MeetingKind.EST,
            "COUNCIL": MeetingKind.COUNCIL,
        },
    )


@municipality_view(Action.READ_PROBLEMS)
def meeting_detail(request, municipality, pk):
    meeting = get_scoped_or_404(
        Meeting.objects.prefetch_related("organisations"), municipality, pk=pk
    )
    return render(
        request,
        "situations/meeting_detail.html",
        {
            "municipality": municipality,
            "meeting": meeting,
        },
    )


@municipality_view(Action.MANAGE_PROBLEMS)
def meeting_edit(request, municipality, pk=None):
    meeting = get_scoped_or_404(Meeting.objects, municipality, pk=pk) if pk else None
    form = MeetingForm(request.POST or None, instance=meeting, municipality=municipality)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        organisations = fields.pop("organisations")
        try:
            saved = services.meeting_save(
                actor=request.user,
                municipality=municipality,
                meeting=meeting,
                organisations=organisations,
                **fields,
            )
        except services.ConflictError as exc:
            form.add_conflict(exc.current)
            status = 409
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Mötet är sparat."))
            return redirect("situations:meeting_detail", municipality.slug, saved.pk)
    return render(
        request,
        "situations/form_page.html",
        {
            "municipality": municipality,
            "form": form,
            "title": _("Ändra möte") if meeting else _("Nytt möte"),
            "back": reverse("situations:meeting_list", args=[municipality.slug]),
        },
        status=status,
    )
