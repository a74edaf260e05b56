"""Indicator series: values, charts and CSV import."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagersta.forms import add_errors
from municipalities.access import Action, can, get_scoped_or_404, municipality_view

from .. import charts, selectors, services
from ..forms import ImportForm, SeriesForm, ValueForm
from ..models import IndicatorSeries


@municipality_view(Action.READ_SURVEYS)
def series_list(request, municipality):
    series_list = list(selectors.series_list(municipality=municipality))
    return render(
        request,
        "surveys/series_list.html",
        {
            "municipality": municipality,
            "series_list": [(s, charts.series_chart(s)) for s in series_list],
            "can_write": can(request, Action.MANAGE_SURVEYS),
        },
    )


@municipality_view(Action.MANAGE_SURVEYS)
def series_create(request, municipality):
    form = SeriesForm(request.POST or None, municipality=municipality)
    if request.method == "POST":
        if form.is_valid():
            try:
                series = services.series_create(
                    actor=request.user, municipality=municipality, **form.cleaned_data
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Serien är skapad. Lägg in värden eller importera."))
                return redirect("surveys:series_detail", municipality.slug, series.pk)
        status = 400
    else:
        status = 200
    return render(
        request,
        "surveys/series_form.html",
        {"municipality": municipality, "form": form},
        status=status,
    )


def _series_page(request, municipality, series, status=200, **extra):
    context = {
        "municipality": municipality,
        "series": series,
        "values": series.values.select_related("place", "survey"),
        "chart": charts.series_chart(series),
        "value_form": ValueForm(series=series),
        "import_form": ImportForm(),
        "can_write": can(request, Action.MANAGE_SURVEYS),
    }
    context.update(extra)
    return render(request, "surveys/series_detail.html", context, status=status)


@municipality_view(Action.READ_SURVEYS)
def series_detail(request, municipality, pk):
    series = get_scoped_or_404(IndicatorSeries.objects, municipality, pk=pk)
    return _series_page(request, municipality, series)


@require_POST
@municipality_view(Action.MANAGE_SURVEYS)
def value_add(request, municipality, pk):
    series = get_scoped_or_404(IndicatorSeries.objects, municipality, pk=pk)
    form = ValueForm(request.POST, series=series)
    if form.is_valid():
        try:
            services.value_record(actor=request.user, series=series, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Värdet är sparat."))
            return redirect("surveys:series_detail", municipality.slug, series.pk)
    return _series_page(request, municipality, series, status=400, value_form=form)


@require_POST
@municipality_view(Action.MANAGE_SURVEYS)
def series_import(request, municipality, pk):
    series = get_scoped_or_404(IndicatorSeries.objects, municipality, pk=pk)
    form = ImportForm(request.POST, request.FILES)
    report = None
    if form.is_valid():
        try:
            report = services.series_import_csv(
                actor=request.user, series=series, raw=form.cleaned_data["file"].read()
            )
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            if report.ok:
                messages.success(
                    request,
                    _("%(count)s värden är importerade.") % {"count": report.imported},
                )
                return redirect("surveys:series_detail", municipality.slug, series.pk)
    return _series_page(
        request, municipality, series, status=400, import_form=form, import_report=report
    )
