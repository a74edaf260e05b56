"""The overview, reporting periods and the schedule."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagersta.forms import add_errors
from municipalities.access import Action, can, get_scoped_or_404, municipality_view

from .. import selectors, services
from ..forms import (
    OpenPeriodForm,
    ScheduleForm,
)
from ..models import (
    PictureStatus,
    ReportingPeriod,
)
from .common import (
    year_param,
)


@municipality_view(Action.READ_LAGESBILD)
def index(request, municipality):
    context = {
        "municipality": municipality,
        "current": selectors.current_period(municipality=municipality),
    }
    organisation = selectors.reporter_organisation(user=request.user, municipality=municipality)
    if organisation is not None:
        context["organisation"] = organisation
        context["own_reports"] = selectors.reports_of_organisation(organisation=organisation)
    if can(request, Action.READ_ALL_REPORTS):
        years = selectors.period_years(municipality=municipality)
        year = year_param(request, default=years[0] if years else timezone.localdate().year)
        context.update(
            years=years,
            year=year,
            periods=selectors.period_list(municipality=municipality, year=year),
            open_form=OpenPeriodForm() if can(request, Action.COMPILE_LAGESBILD) else None,
        )
    else:
        context["published"] = (
            selectors.period_list(municipality=municipality)
            .filter(picture__status=PictureStatus.PUBLISHED)
            .order_by("-starts_on")[:12]
        )
    return render(request, "situations/index.html", context)


@municipality_view(Action.READ_ALL_REPORTS)
def period_detail(request, municipality, pk):
    period = get_scoped_or_404(ReportingPeriod.objects, municipality, pk=pk)
    return render(
        request,
        "situations/period_detail.html",
        {
            "municipality": municipality,
            "period": period,
            "board": selectors.reporting_board(period=period),
            "picture": selectors.picture_for(period=period),
        },
    )


@require_POST
@municipality_view(Action.COMPILE_LAGESBILD)
def period_open(request, municipality):
    form = OpenPeriodForm(request.POST)
    if form.is_valid():
        try:
            period = services.period_open(
                actor=request.user, municipality=municipality, day=form.cleaned_data["day"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Perioden %(period)s är öppen.") % {"period": period})
            return redirect("situations:period_detail", municipality.slug, period.pk)
    else:
        # The field's own words: an impossible date, or one outside the range.
        messages.error(request, " ".join(form.errors["day"]))
    return redirect("situations:index", municipality.slug)


@require_POST
@municipality_view(Action.COMPILE_LAGESBILD)
def period_close(request, municipality, pk):
    period = get_scoped_or_404(ReportingPeriod.objects, municipality, pk=pk)
    try:
        services.period_close(actor=request.user, period=period)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Perioden %(period)s är stängd.") % {"period": period})
    return redirect("situations:period_detail", municipality.slug, period.pk)


@require_POST
@municipality_view(Action.COMPILE_LAGESBILD)
def period_reopen(request, municipality, pk):
    period = get_scoped_or_404(ReportingPeriod.objects, municipality, pk=pk)
    services.period_open(actor=request.user, municipality=municipality, day=period.starts_on)
    messages.success(request, _("Perioden %(period)s är öppen igen.") % {"period": period})
    return redirect("situations:period_detail", municipality.slug, period.pk)


@municipality_view(Action.COMPILE_LAGESBILD)
def schedule_edit(request, municipality):
    schedule = selectors.schedule_for(municipality=municipality)
    form = ScheduleForm(request.POST or None, instance=schedule)
    if request.method == "POST" and form.is_valid():
        try:
            services.schedule_update(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Rapporteringsschemat är sparat."))
            return redirect("situations:index", municipality.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "situations/form_page.html",
        {
            "municipality": municipality,
            "form": form,
            "title": _("Rapporteringsschema"),
            "intro": _("Hur ofta EST-gruppen rapporterar och när rapporten ska vara inne."),
        },
        status=status,
    )
