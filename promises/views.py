"""Views of citizen promises for members: thin wrappers around selectors and services.

A step that the promise's status does not allow (editing a decided promise, deciding a draft)
answers 400 with the reason in Swedish; a missing role answers 403 and another municipality's
promise 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagersta.forms import add_errors
from municipalities.access import Action, can, get_scoped_or_404, municipality_view

from . import charts, selectors, services
from .forms import (
    ADD_ROW,
    ApproveForm,
    FollowUpForm,
    PeriodSettingsForm,
    PromiseForm,
    ReturnForm,
    commitment_formset,
    with_one_more_row,
)
from .models import Promise, PromiseStatus
from .periods import period_containing, settings_for

UNDECIDED = (PromiseStatus.DRAFT, PromiseStatus.RETURNED, PromiseStatus.PROPOSED)


def _refuse(request, municipality, promise, message: str):
    return render(
        request,
        "promises/refused.html",
        {"municipality": municipality, "promise": promise, "message": message},
        status=400,
    )


def _detail(municipality, pk):
    try:
        return selectors.promise_detail(municipality=municipality, pk=pk)
    except Promise.DoesNotExist:
        raise Http404 from None


@municipality_view(Action.READ_PROMISES)
def promise_list(request, municipality):
    rows = selectors.fulfilment_by_period(municipality)
    settings = settings_for(municipality)
    return render(
        request,
        "promises/list.html",
        {
            "municipality": municipality,
            "promises": selectors.promise_list(municipality=municipality),
            "fulfilment": rows,
            "chart": charts.fulfilment_chart(rows) if rows else None,
            "settings": settings,
            "current_period": period_containing(settings, timezone.localdate()),
            "can_write": can(request, Action.WRITE_PROMISES),
        },
    )


def _posted(request):
    """The posted data, and whether the writer asked for one more row rather than to save."""
    if request.method != "POST":
        return None, False
    if ADD_ROW in request.POST:
        return with_one_more_row(request.POST), True
    return request.POST, False


@municipality_view(Action.WRITE_PROMISES)
def promise_create(request, municipality):
    data, adding = _posted(request)
    form = PromiseForm(data, municipality=municipality, redisplay=adding)
    formset = commitment_formset(
        *([data] if data else []), municipality=municipality, redisplay=adding
    )
    if data is not None and not adding and form.is_valid() and formset.is_valid():
        try:
            promise = services.promise_create(
                actor=request.user,
                municipality=municipality,
                period=form.cleaned_data["period"],
                title=form.cleaned_data["title"],
                situation=form.cleaned_data["situation"],
                text=form.cleaned_data["text"],
                areas=form.cleaned_data["areas"],
                problems=form.cleaned_data.get("problems", []),
                commitments=formset.commitments(),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Utkastet är sparat."))
            return redirect("promises:detail", municipality.slug, promise.pk)
    return render(
        request,
        "promises/form.html",
        {"municipality": municipality, "form": form, "formset": formset, "promise": None},
        status=400 if data is not None and not adding else 200,
    )


@municipality_view(Action.READ_PROMISES)
def promise_detail(request, municipality, pk):
    promise = _detail(municipality, pk)
    transitions = list(promise.transitions.all())
    return render(
        request,
        "promises/detail.html",
        {
            "municipality": municipality,
            "promise": promise,
            "can_write": can(request, Action.WRITE_PROMISES),
            "can_decide": can(request, Action.DECIDE),
            "transitions": transitions,
            "last": transitions[-1] if transitions else None,
            # While the renewal is being written and decided, the previous period's follow-up
            # is shown beside it.
            "show_previous": promise.previous_id is not None and promise.status in UNDECIDED,
        },
    )


@municipality_view(Action.WRITE_PROMISES)
def promise_edit(request, municipality, pk):
    promise = _detail(municipality, pk)
    if not promise.is_editable:
        return _refuse(request, municipality, promise, services.not_editable_message(promise))
    data, adding = _posted(request)
    form = PromiseForm(
        data,
        municipality=municipality,
        promise=promise,
        redisplay=adding,
        initial={
            "title": promise.title,
            "situation": promise.situation,
            "text": promise.text,
            "areas": list(promise.areas.all()),
            "problems": list(promise.problems.all()),
            "version": promise.version,
        },
    )
    formset = commitment_formset(
        *([data] if data else []), municipality=municipality, promise=promise, redisplay=adding
    )
    if data is not None and not adding and form.is_valid() and formset.is_valid():
        try:
            services.promise_update(
                actor=request.user,
                promise=promise,
                version=form.cleaned_data.get("version") or 0,
                title=form.cleaned_data["title"],
                situation=form.cleaned_data["situation"],
                text=form.cleaned_data["text"],
                areas=form.cleaned_data["areas"],
                problems=form.cleaned_data.get("problems", []),
                commitments=formset.commitments(),
            )
        except services.TransitionError as exc:
            return _refuse(request, municipality, promise, " ".join(exc.messages))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("promises:detail", municipality.slug, promise.pk)
    return render(
        request,
        "promises/form.html",
        {"municipality": municipality, "form": form, "formset": formset, "promise": promise},
        status=400 if data is not None and not adding else 200,
    )


def _step(request, municipality, pk, service, success: str, **kwargs):
    promise = get_scoped_or_404(Promise.objects, municipality, pk=pk)
    try:
        result = service(actor=request.user, promise=promise, **kwargs)
    except ValidationError as exc:
        return _refuse(request, municipality, promise, " ".join(exc.messages))
    messages.success(request, success)
    return redirect("promises:detail", municipality.slug, result.pk)


@require_POST
@municipality_view(Action.WRITE_PROMISES)
def promise_propose(request, municipality, pk):
    return _step(
        request,
        municipality,
        pk,
        services.promise_propose,
        _("Förslaget är skickat för politiskt beslut."),
    )


@require_POST
@municipality_view(Action.WRITE_PROMISES)
def promise_close(request, municipality, pk):
    return _step(request, municipality, pk, services.promise_close, _("Löftet är avslutat."))


@require_POST
@municipality_view(Action.WRITE_PROMISES)
def promise_renew(request, municipality, pk):
    return _step(
        request,
        municipality,
        pk,
        services.promise_renew,
        _("Nästa period har startats som ett utkast med de åtaganden som fortsätter."),
    )


def _decide_page(request, municipality, promise, approve_form, return_form, status=200):
    return render(
        request,
        "promises/decide.html",
        {
            "municipality": municipality,
            "promise": promise,
            "approve_form": approve_form,
            "return_form": return_form,
        },
        status=status,
    )


@municipality_view(Action.DECIDE)
def promise_decide(request, municipality, pk):
    promise = _detail(municipality, pk)
    if promise.status != PromiseStatus.PROPOSED:
        return _refuse(request, municipality, promise, _("Löftet väntar inte på något beslut."))
    return _decide_page(request, municipality, promise, ApproveForm(), ReturnForm())


@require_POST
@municipality_view(Action.DECIDE)
def promise_approve(request, municipality, pk):
    promise = _detail(municipality, pk)
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            services.promise_approve(actor=request.user, promise=promise, **form.cleaned_data)
        except services.TransitionError as exc:
            return _refuse(request, municipality, promise, " ".join(exc.messages))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            reference = form.cleaned_data["decision_reference"]
            messages.success(request, _("Löftet är godkänt (%(ref)s).") % {"ref": reference})
            return redirect("promises:detail", municipality.slug, promise.pk)
    return _decide_page(request, municipality, promise, form, ReturnForm(), status=400)


@require_POST
@municipality_view(Action.DECIDE)
def promise_return(request, municipality, pk):
    promise = _detail(municipality, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.promise_return(
                actor=request.user, promise=promise, comment=form.cleaned_data["comment"]
            )
        except services.TransitionError as exc:
            return _refuse(request, municipality, promise, " ".join(exc.messages))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Förslaget är återremitterat med din kommentar."))
            return redirect("promises:detail", municipality.slug, promise.pk)
    return _decide_page(request, municipality, promise, ApproveForm(), form, status=400)


@municipality_view(Action.WRITE_PROMISES)
def promise_follow_up(request, municipality, pk):
    promise = _detail(municipality, pk)
    if promise.status not in (PromiseStatus.ACTIVE, PromiseStatus.FOLLOWED_UP):
        return _refuse(
            request, municipality, promise, _("Bara ett löfte som gäller kan följas upp.")
        )
    data = request.POST if request.method == "POST" else None
    form = FollowUpForm(data, promise=promise)
    if data is not None and form.is_valid():
        try:
            services.promise_follow_up(
                actor=request.user,
                promise=promise,
                outcomes=form.outcomes(),
                summary=form.cleaned_data["summary"],
            )
        except services.TransitionError as exc:
            return _refuse(request, municipality, promise, " ".join(exc.messages))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Uppföljningen är sparad."))
            return redirect("promises:detail", municipality.slug, promise.pk)
    return render(
        request,
        "promises/follow_up.html",
        {"municipality": municipality, "promise": promise, "form": form},
        status=400 if data is not None else 200,
    )


@municipality_view(Action.MANAGE_MUNICIPALITY)
def period_settings(request, municipality):
    settings = settings_for(municipality)
    data = request.POST if request.method == "POST" else None
    form = PeriodSettingsForm(
        data,
        initial={"length_months": settings.length_months, "first_month": settings.first_month},
    )
    if data is not None and form.is_valid():
        try:
            services.period_settings_update(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Periodinställningarna är sparade."))
            return redirect("promises:list", municipality.slug)
    return render(
        request,
        "promises/settings.html",
        {"municipality": municipality, "form": form},
        status=400 if data is not None else 200,
    )
