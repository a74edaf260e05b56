"""Public pages, no sign-in: decided promises and their follow-up, nothing else."""

from django.http import Http404
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from municipalities import versions
from municipalities.access import public_municipality_or_404

from . import charts, selectors
from .models import Promise


def index(request, municipality):
    municipality = public_municipality_or_404(municipality)

    def compute():
        rows = selectors.fulfilment_by_period(municipality)
        return {
            "promises": selectors.public_promises(municipality=municipality),
            "chart": charts.fulfilment_chart(rows) if rows else None,
        }

    return render(
        request,
        "promises/public/index.html",
        {
            "municipality": municipality,
            # Read only when the page's rendering is not cached for this version.
            "version_key": versions.page_key(municipality.pk),
            "public": SimpleLazyObject(compute),
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
