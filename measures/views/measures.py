from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from municipalities import versions
from municipalities.access import get_scoped_or_404, municipality_view, require_role

from .. import selectors, services
from ..filters import MeasureFilter
from ..forms import MeasureForm, PartnerForm
from ..models import Measure, MeasureStatus
from .common import READERS, WRITERS, add_errors

PAGE_SIZE = 25
NOTHING = "–"


@dataclass(frozen=True)
class ListRow:
    """A row of the measure list as text. Made in Python, a row costs a fraction of what the
    template engine spends on its filters, lazy translations and `{% url %}`."""

    title: str
    url: str
    is_public: bool
    answers_cause: bool
    areas: str
    status: str
    period: str
    partners: str
    reach: str


@municipality_view(roles=READERS)
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
            "rows": _rows(list(page.object_list), municipality),
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
            "can_write": "coordinator" in request.roles,
        },
    )


def _cache_key(request, municipality) -> str | None:
    """The unfiltered list, page by page, is cached for the municipality's data version; a
    filtered one is not, so that made-up filters cannot fill the cache."""
    page = request.GET.get("sida", "1")
    if set(request.GET) - {"sida"} or not (page.isdigit() and len(page) <= 3):
        return None
    return f"{versions.page_key(municipality.pk)}:{int(page)}"


def _rows(measures: list[dict], municipality) -> list[ListRow]:
    names = selectors.related_names(measure_ids=[measure["pk"] for measure in measures])
    statuses = {value: str(label) for value, label in MeasureStatus.choices}
    month_year = _month_year()
    return [
        ListRow(
            title=measure["title"],
            url=reverse("measures:measure_detail", args=[municipality.slug, measure["pk"]]),
            is_public=measure["is_public"],
            answers_cause=measure["answers_cause"],
            areas=", ".join(names.areas.get(measure["pk"], ())) or NOTHING,
            status=statuses[measure["status"]],
            period=_period(measure["start_date"], measure["end_date"], month_year),
            partners=", ".join(names.partners.get(measure["pk"], ())) or NOTHING,
            reach=_reach(measure["reach_number"], measure["reach_unit"]),
        )
        for measure in measures
    ]


def _month_year():
    """The date as "M Y" (as the `date` filter would), each month's name translated once."""
    months = {}

    def month_year(date):
        if date.month not in months:
            months[date.month] = date_format(date, "M")
        return f"{months[date.month]} {date.year}"

    return month_year


def _period(start, end, month_year) -> str:
    if start is None:
        return NOTHING
    if end is None:
        return month_year(start)
    return f"{month_year(start)} – {month_year(end)}"


def _reach(number, unit) -> str:
    if number is None:
        return NOTHING
    return f"{number_format(number, force_grouping=True)} {unit}"


@municipality_view(roles=READERS)
def measure_detail(request, municipality, pk):
    measure = selectors.measure_detail(municipality=municipality, pk=pk)
    return render(
        request,
        "measures/measure_detail.html",
        {
            "municipality": municipality,
            "measure": measure,
            "can_write": "coordinator" in request.roles,
        },
    )


@municipality_view(roles=WRITERS)
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


@municipality_view(roles=WRITERS)
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


@municipality_view(roles=READERS)
def partner_list(request, municipality):
    form = PartnerForm(municipality=municipality)
    if request.method == "POST":
        require_role(request, *WRITERS)
        form = PartnerForm(request.POST, municipality=municipality)
        if form.is_valid():
            try:
                partner = services.partner_create(
                    actor=request.user, municipality=municipality, **form.cleaned_data
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("%(name)s är tillagd.") % {"name": partner.name})
                return redirect("measures:partner_list", municipality.slug)
    partners = selectors.partners(municipality=municipality).annotate(
        measure_count=Count("measures")
    )
    return render(
        request,
        "measures/partner_list.html",
        {
            "municipality": municipality,
            "partners": partners,
            "form": form,
            "can_write": "coordinator" in request.roles,
        },
        status=400 if form.is_bound else 200,
    )
