"""The compiled lägesbild and the heat map."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagersta.forms import add_errors
from municipalities import versions
from municipalities.access import Action, can, get_scoped_or_404, municipality_view

from .. import charts, selectors, services
from ..forms import (
    PictureForm,
    judgement_forms,
)
from ..models import (
    AreaJudgement,
    CompiledPicture,
    ReportingPeriod,
    Status,
)
from .common import (
    all_valid,
    year_param,
)


@municipality_view(Action.READ_LAGESBILD)
def picture(request, municipality, pk):
    period = get_scoped_or_404(ReportingPeriod.objects, municipality, pk=pk)
    found = selectors.picture_for(period=period)
    if not can(request, Action.READ_ALL_REPORTS) and (found is None or not found.is_published):
        raise Http404
    return render(
        request,
        "situations/picture.html",
        {
            "municipality": municipality,
            "period": period,
            "picture": found,
        },
    )


@municipality_view(Action.COMPILE_LAGESBILD)
def picture_edit(request, municipality, pk):
    period = get_scoped_or_404(ReportingPeriod.objects, municipality, pk=pk)
    found = selectors.picture_for(period=period)
    columns = selectors.compiled_view(period=period)
    draft = found or _unsaved_picture(period)
    data = request.POST if request.method == "POST" else None
    forms_ = judgement_forms(picture=draft, columns=columns, data=data)
    form = PictureForm(
        data,
        initial={
            "analysis": draft.analysis,
            "decisions": draft.decisions,
            "version": draft.version,
        },
    )
    context = {
        "municipality": municipality,
        "period": period,
        "picture": found,
        "columns": columns,
        "forms": forms_,
        "form": form,
        "board": selectors.reporting_board(period=period),
    }
    if request.method != "POST":
        return render(request, "situations/picture_edit.html", context)
    if all_valid([form, *forms_]):
        judgements = [services.JudgementData(area_id=f.area.pk, **f.cleaned_data) for f in forms_]
        try:
            target = found or services.picture_start(actor=request.user, period=period)
            services.picture_save(
                actor=request.user,
                picture=target,
                version=form.cleaned_data["version"] if found else 1,
                analysis=form.cleaned_data["analysis"],
                decisions=form.cleaned_data["decisions"],
                judgements=judgements,
            )
        except services.ConflictError as exc:
            fresh = request.POST.copy()
            fresh["version"] = exc.current.version
            context.update(
                form=PictureForm(fresh),
                conflict=True,
                theirs=selectors.picture_for(period=period),
            )
            return render(request, "situations/picture_edit.html", context, status=409)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Den sammanställda lägesbilden är sparad."))
            return redirect("situations:picture", municipality.slug, period.pk)
    return render(request, "situations/picture_edit.html", context, status=400)


def _unsaved_picture(period):
    return CompiledPicture(period=period, version=0)


@require_POST
@municipality_view(Action.COMPILE_LAGESBILD)
def picture_publish(request, municipality, pk):
    period = get_scoped_or_404(ReportingPeriod.objects, municipality, pk=pk)
    found = selectors.picture_for(period=period)
    if found is None:
        messages.error(request, _("Sammanställ lägesbilden innan den publiceras."))
        return redirect("situations:picture_edit", municipality.slug, period.pk)
    try:
        services.picture_publish(actor=request.user, picture=found)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Lägesbilden är publicerad. Rapportörerna får återkoppling via e-post."),
        )
    return redirect("situations:picture", municipality.slug, period.pk)


@municipality_view(Action.COMPILE_LAGESBILD)
def picture_history(request, municipality, pk):
    period = get_scoped_or_404(ReportingPeriod.objects, municipality, pk=pk)
    found = selectors.picture_for(period=period)
    if found is None:
        raise Http404
    detail = (
        AreaJudgement.history.filter(picture_id=found.pk)
        .select_related("history_user", "area")
        .order_by("-history_date")[:200]
    )
    return render(
        request,
        "situations/history.html",
        {
            "municipality": municipality,
            "title": _("Historik: lägesbild %(period)s") % {"period": period},
            "back": reverse("situations:picture", args=[municipality.slug, period.pk]),
            "records": selectors.history_of(found),
            "detail_records": detail,
        },
    )


@municipality_view(Action.READ_LAGESBILD)
def heat_map(request, municipality):
    years = selectors.period_years(municipality=municipality)
    year = year_param(request, default=years[0] if years else timezone.localdate().year)
    published_only = not can(request, Action.READ_ALL_REPORTS)

    def compute():
        share = selectors.green_share_by_year(
            municipality, sorted(years)[-5:], published_only=published_only
        )
        return {
            "map": selectors.heat_map(municipality, year, published_only=published_only),
            "share_chart": charts.green_share_chart(share),
        }

    return render(
        request,
        "situations/heat_map.html",
        {
            "municipality": municipality,
            "years": years,
            "year": year,
            "published_only": published_only,
            # The map is computed only when its rendering is not cached for this version.
            "version_key": versions.page_key(municipality.pk),
            "heat": SimpleLazyObject(compute),
            "statuses": [(s, selectors.StatusCell(s)) for s in Status.values],
        },
    )
