"""Partners of measures: listed for every reader, kept by the coordinator."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagersta.forms import add_errors
from municipalities.access import Action, can, get_scoped_or_404, municipality_view, require

from .. import selectors, services
from ..forms import PartnerForm
from ..models import Partner


@municipality_view(Action.READ_MEASURES)
def partner_list(request, municipality):
    form = PartnerForm(municipality=municipality)
    if request.method == "POST":
        require(request, Action.MANAGE_MEASURES)
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
            "can_write": can(request, Action.MANAGE_MEASURES),
        },
        status=400 if form.is_bound else 200,
    )


@municipality_view(Action.MANAGE_MEASURES)
def partner_edit(request, municipality, pk):
    partner = get_scoped_or_404(Partner.objects, municipality, pk=pk)
    form = PartnerForm(request.POST or None, instance=partner, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_update(
                actor=request.user,
                partner=partner,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("%(name)s är sparad.") % {"name": partner.name})
            return redirect("measures:partner_list", municipality.slug)
    return render(
        request,
        "measures/partner_form.html",
        {"municipality": municipality, "partner": partner, "form": form},
        status=400 if form.is_bound else 200,
    )


@require_POST
@municipality_view(Action.MANAGE_MEASURES)
def partner_delete(request, municipality, pk):
    partner = get_scoped_or_404(Partner.objects, municipality, pk=pk)
    name = partner.name
    try:
        services.partner_delete(actor=request.user, partner=partner)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(name)s är borttagen.") % {"name": name})
    return redirect("measures:partner_list", municipality.slug)
