from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from municipalities.access import public_municipality_or_404

from .. import selectors


def public_measure_list(request, municipality):
    municipality = public_municipality_or_404(municipality)
    return render(
        request,
        "measures/public_list.html",
        {
            "municipality": municipality,
            "measures": selectors.public_measures(municipality=municipality),
        },
    )


def public_measure_detail(request, municipality, pk):
    municipality = public_municipality_or_404(municipality)
    measure = get_object_or_404(selectors.public_measures(municipality=municipality), pk=pk)
    return render(
        request,
        "measures/public_detail.html",
        {"municipality": municipality, "measure": measure},
    )
