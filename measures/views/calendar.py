from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagersta.forms import add_errors
from municipalities.access import Action, can, get_scoped_or_404, municipality_view

from .. import selectors, services
from ..forms import CalendarEventForm
from ..models import CalendarEvent


@municipality_view(Action.READ_MEASURES)
def calendar_month(request, municipality, year=None, month=None):
    today = timezone.localdate()
    year, month = year or today.year, month or today.month
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    first, last = selectors.month_bounds(year, month)
    occurrences = selectors.calendar_occurrences(municipality=municipality, first=first, last=last)
    previous = first - datetime.timedelta(days=1)
    following = last + datetime.timedelta(days=1)
    return render(
        request,
        "measures/calendar.html",
        {
            "municipality": municipality,
            "first": first,
            "today": today,
            "occurrences": occurrences,
            "weeks": selectors.month_weeks(year, month, occurrences),
            "year_overview": selectors.events_by_month(municipality=municipality, year=year),
            "previous": previous,
            "following": following,
            "can_write": can(request, Action.MANAGE_MEASURES),
        },
    )


def _event_form_page(request, municipality, event):
    form = CalendarEventForm(request.POST or None, instance=event, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.calendar_event_save(
                actor=request.user, municipality=municipality, event=event, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("%(title)s är sparad i årshjulet.") % {"title": saved})
            start = saved.start_date
            return redirect("measures:calendar_month", municipality.slug, start.year, start.month)
    return render(
        request,
        "measures/event_form.html",
        {"municipality": municipality, "event": event, "form": form},
        status=400 if form.is_bound else 200,
    )


@municipality_view(Action.MANAGE_MEASURES)
def event_create(request, municipality):
    return _event_form_page(request, municipality, None)


@municipality_view(Action.MANAGE_MEASURES)
def event_edit(request, municipality, pk):
    event = get_scoped_or_404(CalendarEvent.objects, municipality, pk=pk)
    return _event_form_page(request, municipality, event)


@require_POST
@municipality_view(Action.MANAGE_MEASURES)
def event_delete(request, municipality, pk):
    event = get_scoped_or_404(CalendarEvent.objects, municipality, pk=pk)
    services.calendar_event_delete(actor=request.user, event=event)
    messages.success(request, _("%(title)s är borttagen ur årshjulet.") % {"title": event.title})
    return redirect("measures:calendar", municipality.slug)
