"""The coordinator's list of places that reporters named outside the list."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fagersta.forms import add_errors
from municipalities.access import Action, municipality_view

from .. import places
from ..forms import AdoptPlaceForm, MergePlaceForm


@municipality_view(Action.COMPILE_LAGESBILD)
def proposed_places(request, municipality):
    failed, status = None, 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "merge":
            form = MergePlaceForm(request.POST, municipality=municipality)
        else:
            form = AdoptPlaceForm(request.POST)
        if form.is_valid():
            try:
                if action == "merge":
                    place = places.place_merge(
                        actor=request.user, municipality=municipality, **form.cleaned_data
                    )
                    messages.success(
                        request, _("Rapporterna pekar nu på %(place)s.") % {"place": place.name}
                    )
                else:
                    place = places.place_adopt(
                        actor=request.user, municipality=municipality, **form.cleaned_data
                    )
                    messages.success(
                        request,
                        _("%(place)s finns nu i listan över platser.") % {"place": place.name},
                    )
                return redirect("situations:proposed_places", municipality.slug)
            except ValidationError as exc:
                add_errors(form, exc)
        failed, status = form, 400
    rows = [
        {
            "proposed": proposed,
            "adopt": AdoptPlaceForm(initial={"name": proposed.name}),
            "merge": MergePlaceForm(initial={"name": proposed.name}, municipality=municipality),
        }
        for proposed in places.proposed_places(municipality=municipality)
    ]
    return render(
        request,
        "situations/proposed_places.html",
        {"municipality": municipality, "rows": rows, "failed": failed},
        status=status,
    )
