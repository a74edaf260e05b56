"""Public pages, no sign-in: decided promises and their follow-up, nothing else."""

from django.http import Http404
from django.shortcuts import render

from municipalities.access import public_municipality_or_404

from . import selectors
from .models import Promise


def index(request, municipality):
    municipality = public_municipality_or_404(municipality)
    rows = selectors.fulfilment_by_period(municipality)
    return render(
        request,
        "promises/public/index.html",
        {
            "municipality": municipality,
            "promises": selectors.public_promises(municipality=municipality),
            "chart": selectors.fulfilment_chart(rows) if rows else None,
        },
    )


def detail(request, municipality, pk):
    municipality = public_municipality_or_404(municipality)
    try:
        promise = selectors.public_promise(municipality=municipality, pk=pk)
    except Promise.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "promises/public/detail.html",
        {"municipality": municipality, "promise": promise},
    )
