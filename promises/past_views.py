"""Registering a promise afterwards: one that was decided and perhaps followed up before the
municipality used the service. The coordinator enters it in one sitting."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fagersta.forms import add_errors
from municipalities.access import Action, municipality_view

from . import services
from .forms import PastPromiseForm, past_commitment_formset
from .views import _posted


@municipality_view(Action.MANAGE_MUNICIPALITY)
def promise_register_past(request, municipality):
    data, adding = _posted(request)
    form = PastPromiseForm(data, municipality=municipality, redisplay=adding)
    formset = past_commitment_formset(
        *([data] if data else []), municipality=municipality, redisplay=adding
    )
    if data is not None and not adding and form.is_valid() and formset.is_valid():
        try:
            promise = services.promise_register_past(
                actor=request.user,
                municipality=municipality,
                period=form.cleaned_data["period"],
                title=form.cleaned_data["title"],
                situation=form.cleaned_data["situation"],
                text=form.cleaned_data["text"],
                areas=form.cleaned_data["areas"],
                decision=form.decision(),
                commitments=formset.commitments(),
                follow_up_summary=form.cleaned_data["follow_up_summary"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Löftet är registrerat i efterhand."))
            return redirect("promises:detail", municipality.slug, promise.pk)
    return render(
        request,
        "promises/register_past.html",
        {"municipality": municipality, "form": form, "formset": formset},
        status=400 if data is not None and not adding else 200,
    )
