"""The public survey form: no sign-in, nothing about the respondent stored.

Floods are limited per client with a counter that lives only in the cache, under a keyed hash
of the client address that expires with the window; the address itself is never written down.
While the shared cache is down each process counts in its own memory instead, so a client is
refused after the limit in every process rather than never.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from fagersta.cache import OUTAGE, strict
from fagersta.client import client_address
from municipalities.access import public_municipality_or_404

from . import selectors, services
from .forms import ResponseForm
from .models import Survey
from .results import public_survey_results

# The fallback while the shared cache is down: this process's own memory, bounded in size.
_process_counts = LocMemCache("surveys-rate-fallback", {"OPTIONS": {"MAX_ENTRIES": 10000}})


def _survey_or_404(municipality, key: str) -> Survey:
    lookup = Q(slug=key)
    if key.isdigit() and len(key) <= 18:  # within a primary key, and far from int()'s limit
        lookup |= Q(pk=int(key))
    survey = Survey.objects.for_municipality(municipality).filter(lookup).first()
    if survey is None:
        raise Http404
    return survey


def _rate_key(request, survey: Survey) -> str:
    client = client_address(request)
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{survey.pk}:{client}".encode(), hashlib.sha256
    ).hexdigest()
    return f"surveys:rate:{digest}"


def _over_limit(request, survey: Survey) -> bool:
    key = _rate_key(request, survey)
    try:
        count = strict(caches["default"], "get")(key, 0)
    except OUTAGE:
        count = _process_counts.get(key, 0)
    return count >= settings.SURVEYS_RATE_LIMIT


def _increment(store, key: str) -> None:
    timeout = settings.SURVEYS_RATE_WINDOW
    if strict(store, "add")(key, 1, timeout=timeout):
        return
    try:
        strict(store, "incr")(key)
    except ValueError:
        strict(store, "set")(key, 1, timeout=timeout)


def _count(request, survey: Survey) -> None:
    key = _rate_key(request, survey)
    try:
        _increment(caches["default"], key)
    except OUTAGE:
        _increment(_process_counts, key)


@never_cache
def answer(request, municipality, key):
    municipality = public_municipality_or_404(municipality)
    survey = _survey_or_404(municipality, key)
    today = timezone.localdate()
    context = {"municipality": municipality, "survey": survey}
    if not survey.is_open(today):
        context["not_yet"] = today < survey.opens_on
        return render(request, "surveys/public/closed.html", context)
    questions = selectors.survey_questions(survey=survey)
    form = ResponseForm(request.POST or None, questions=questions)
    context["form"] = form
    if request.method != "POST":
        return render(request, "surveys/public/answer.html", context)
    if _over_limit(request, survey):
        return render(request, "surveys/public/too_many.html", context, status=429)
    if form.is_bot:
        # Looks like success to the bot; nothing is stored.
        _count(request, survey)
        return redirect("surveys_public:thanks", municipality.slug, survey.slug)
    if form.is_valid():
        try:
            services.response_submit(survey=survey, answers=form.answers(), today=today)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            _count(request, survey)
            return redirect("surveys_public:thanks", municipality.slug, survey.slug)
    return render(request, "surveys/public/answer.html", context, status=400)


def thanks(request, municipality, key):
    municipality = public_municipality_or_404(municipality)
    survey = _survey_or_404(municipality, key)
    return render(
        request, "surveys/public/thanks.html", {"municipality": municipality, "survey": survey}
    )


def results(request, municipality, key):
    """The published results of a survey: counts and shares, never what residents wrote."""
    municipality = public_municipality_or_404(municipality)
    survey = _survey_or_404(municipality, key)
    if survey.results_published_at is None:
        raise Http404
    return render(
        request,
        "surveys/public/results.html",
        {
            "municipality": municipality,
            "survey": survey,
            "results": public_survey_results(survey=survey),
        },
    )
