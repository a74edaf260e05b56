"""The public start page of a municipality: what residents can read and answer, in one place."""

from django.shortcuts import render
from django.utils import timezone

from measures import selectors as measure_selectors
from municipalities.access import public_municipality_or_404
from promises import selectors as promise_selectors
from surveys import selectors as survey_selectors

# The newest public measures shown; the rest are one link away.
MEASURES_SHOWN = 5


def index(request, municipality):
    municipality = public_municipality_or_404(municipality)
    today = timezone.localdate()
    measures = measure_selectors.public_measures(municipality=municipality)
    return render(
        request,
        "reports/public/index.html",
        {
            "municipality": municipality,
            "promises": promise_selectors.public_promises(municipality=municipality, today=today),
            "measures": list(measures[:MEASURES_SHOWN]),
            "measure_count": measures.count(),
            "surveys": list(survey_selectors.open_surveys(municipality=municipality, today=today)),
            "published_results": list(
                survey_selectors.published_results(municipality=municipality)
            ),
        },
    )
