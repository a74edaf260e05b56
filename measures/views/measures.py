from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from fagersta.forms import add_errors
from municipalities import versions
from municipalities.access import Action, can, get_scoped_or_404, municipality_view

from .. import listing, selectors, services
from ..filters import MeasureFilter
from ..forms import MeasureForm
from ..models import Measure

PAGE_SIZE = 25


@municipality_view(Action.READ_MEASURES)
def measure_list(request, municipality):
    def compute():
        filterset = MeasureFilter(
            request.GET or None,
            queryset=selectors.listed_measures(municipality=municipality),
            municipality=municipality,
        )
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("sida"))
        query = request.GET.copy()
        query.pop("sida", None)
        return {
            "filter": filterset,
            "page": page,
            "rows": listing.rows(list(page.object_list), municipality=municipality),
            "query": query.urlencode(),
        }

    return render(
        request,
        "measures/measure_list.html",
        {
            "municipality": municipality,
            # Computed only when the rendered list is not cached.
            "listing": SimpleLazyObject(compute),
            "cache_key": _cache_key(request, municipality),
            "can_write": can(request, Action.MANAGE_MEASURES),
        },
    )


def _cache_key(request, municipality) -> str | None:
    """The unfiltered list, page by page, is cached for the municipality's data version; a
    filtered one is not, so that made-up filters cannot fill the cache."""
    page = request.GET.get("sida", "1")
    if set(request.GET) - {"sida"} or not (page.isdigit() and len(page) <= 3):
        return None
    # With any parameter the filter form is bound (and offers to show all again).
    bound = "bound" if request.GET else "unbound"
    return f"{versions.page_key(municipality.pk)}:{int(page)}:{bound}"


@municipality_view(Action.READ_MEASURES)
def measure_detail(request, municipality, pk):
    measure = selectors.measure_detail(municipality=municipality, pk=pk)
    return render(
        request,
        "measures/measure_detail.html",
        {
            "municipality": municipality,
            "measure": measure,
            "can_write": can(request, Action.MANAGE_MEASURES),
        },
    )


@municipality_view(Action.MANAGE_MEASURES)
def measure_create(request, municipality):
    form = MeasureForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            data.pop("loaded_version", None)
            measure = services.measure_create(actor=request.user, municipality=municipality, **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Insatsen är sparad."))
            return redirect("measures:measure_detail", municipality.slug, measure.pk)
    return _form_page(request, municipality, form, None)


@municipality_view(Action.MANAGE_MEASURES)
def measure_edit(request, municipality, pk):
    measure = get_scoped_or_404(Measure.objects, municipality, pk=pk)
    form = MeasureForm(request.POST or None, instance=measure, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_update(actor=request.user, measure=measure, **form.cleaned_data)
        except services.EditConflict as exc:
            # Keep what the user typed; a second save knowingly overwrites the other change.
            form.data = form.data.copy()
            form.data["loaded_version"] = exc.current_version
            add_errors(form, exc)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("measures:measure_detail", municipality.slug, measure.pk)
    return _form_page(request, municipality, form, measure)


def _form_page(request, municipality, form, measure):
    return render(
        request,
        "measures/measure_form.html",
        {"municipality": municipality, "form": form, "measure": measure},
        status=400 if form.is_bound else 200,
    )
