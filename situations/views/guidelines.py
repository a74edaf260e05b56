"""The group's mission and reporting guidelines."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagersta.forms import add_errors
from fagersta.redirects import safe_next
from municipalities.access import Action, municipality_view

from .. import selectors, services
from ..forms import (
    GuidelinesForm,
)


@municipality_view(Action.READ_LAGESBILD)
def guidelines(request, municipality):
    next_url = safe_next(request, request.GET.get("next"))
    return render(
        request,
        "situations/guidelines.html",
        {
            "municipality": municipality,
            "guidelines": selectors.guidelines_for(municipality=municipality),
            "has_read": selectors.has_read_guidelines(user=request.user, municipality=municipality),
            "next": next_url,
        },
    )


@require_POST
@municipality_view(Action.READ_LAGESBILD)
def guidelines_read(request, municipality):
    services.guidelines_acknowledge(actor=request.user, municipality=municipality)
    next_url = safe_next(request, request.POST.get("next"))
    if next_url:
        return redirect(next_url)
    messages.success(request, _("Tack! Du har läst riktlinjerna."))
    return redirect("situations:index", municipality.slug)


@municipality_view(Action.COMPILE_LAGESBILD)
def guidelines_edit(request, municipality):
    found = selectors.guidelines_for(municipality=municipality)
    form = GuidelinesForm(request.POST or None, instance=found)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.guidelines_update(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except services.ConflictError as exc:
            form.add_conflict(exc.current)
            status = 409
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Riktlinjerna är sparade."))
            return redirect("situations:guidelines", municipality.slug)
    return render(
        request,
        "situations/form_page.html",
        {
            "municipality": municipality,
            "form": form,
            "title": _("Uppdrag och riktlinjer"),
            "back": reverse("situations:guidelines", args=[municipality.slug]),
        },
        status=status,
    )
