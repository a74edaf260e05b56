"""Safety walks, their findings and photos; the overview of the safety part."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagersta.csv_export import csv_response
from fagersta.files import open_or_404
from fagersta.forms import add_errors
from municipalities.access import Action, can, get_scoped_or_404, municipality_view

from .. import selectors, services
from ..forms import FindingForm, ForwardForm, PhotoForm, StatusForm, WalkForm, WalkSettingsForm
from ..models import Finding, FindingPhoto, FindingStatus, SafetyWalk

# -- Overview -------------------------------------------------------------------------------


@municipality_view(Action.READ_SURVEYS)
def overview(request, municipality):
    return render(
        request,
        "surveys/overview.html",
        {
            "municipality": municipality,
            "walks": selectors.walk_list(municipality=municipality)[:5],
            "surveys": selectors.survey_list(municipality=municipality)[:5],
            "series_list": selectors.series_with_latest(municipality=municipality),
            "summary": selectors.start_summary(municipality=municipality),
            "can_write": can(request, Action.MANAGE_SURVEYS),
        },
    )


# -- Safety walks ---------------------------------------------------------------------------


@municipality_view(Action.READ_SURVEYS)
def walk_list(request, municipality):
    return render(
        request,
        "surveys/walk_list.html",
        {
            "municipality": municipality,
            "walks": selectors.walk_list(municipality=municipality),
            "can_write": can(request, Action.MANAGE_SURVEYS),
        },
    )


@municipality_view(Action.MANAGE_SURVEYS)
def walk_create(request, municipality):
    form = WalkForm(request.POST or None, municipality=municipality)
    if request.method == "POST":
        if form.is_valid():
            try:
                walk = services.walk_create(
                    actor=request.user, municipality=municipality, **form.cleaned_data
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(
                    request, _("Trygghetsvandringen är sparad. Lägg till bristerna ni hittade.")
                )
                return redirect("surveys:walk_detail", municipality.slug, walk.pk)
        return _walk_form(request, municipality, form, status=400)
    return _walk_form(request, municipality, form)


@municipality_view(Action.MANAGE_SURVEYS)
def walk_edit(request, municipality, pk):
    walk = get_scoped_or_404(SafetyWalk.objects, municipality, pk=pk)
    form = WalkForm(request.POST or None, instance=walk, municipality=municipality)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.walk_update(actor=request.user, walk=walk, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Trygghetsvandringen är uppdaterad."))
                return redirect("surveys:walk_detail", municipality.slug, walk.pk)
        return _walk_form(request, municipality, form, walk=walk, status=400)
    return _walk_form(request, municipality, form, walk=walk)


def _walk_form(request, municipality, form, walk=None, status=200):
    return render(
        request,
        "surveys/walk_form.html",
        {"municipality": municipality, "form": form, "walk": walk},
        status=status,
    )


@municipality_view(Action.READ_SURVEYS)
def walk_detail(request, municipality, pk):
    walk = get_scoped_or_404(SafetyWalk.objects, municipality, pk=pk)
    return render(
        request,
        "surveys/walk_detail.html",
        {
            "municipality": municipality,
            "walk": walk,
            "findings": selectors.walk_findings(walk=walk),
            "can_write": can(request, Action.MANAGE_SURVEYS),
        },
    )


# -- Findings -------------------------------------------------------------------------------


@municipality_view(Action.MANAGE_SURVEYS)
def finding_create(request, municipality, walk_pk):
    walk = get_scoped_or_404(
        SafetyWalk.objects.select_related("municipality"), municipality, pk=walk_pk
    )
    form = FindingForm(request.POST or None, request.FILES or None, walk=walk)
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            photo = data.pop("photo", None)
            try:
                finding = services.finding_create(
                    actor=request.user, walk=walk, photo=photo or None, **data
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Bristen är sparad."))
                if "another" in request.POST:
                    return redirect("surveys:finding_create", municipality.slug, walk.pk)
                return redirect("surveys:finding_detail", municipality.slug, finding.pk)
        return _finding_form(request, municipality, form, walk, status=400)
    return _finding_form(request, municipality, form, walk)


@municipality_view(Action.MANAGE_SURVEYS)
def finding_edit(request, municipality, pk):
    finding = get_scoped_or_404(
        Finding.objects.select_related("walk__municipality"), municipality, pk=pk
    )
    form = FindingForm(request.POST or None, instance=finding, walk=finding.walk, with_photo=False)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.finding_update(actor=request.user, finding=finding, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Bristen är uppdaterad."))
                return redirect("surveys:finding_detail", municipality.slug, finding.pk)
        return _finding_form(request, municipality, form, finding.walk, finding, status=400)
    return _finding_form(request, municipality, form, finding.walk, finding)


def _finding_form(request, municipality, form, walk, finding=None, status=200):
    point_data = {
        "tiles": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "center": selectors.map_center(municipality=municipality, finding=finding),
    }
    return render(
        request,
        "surveys/finding_form.html",
        {
            "municipality": municipality,
            "form": form,
            "walk": walk,
            "finding": finding,
            "point_data": point_data,
        },
        status=status,
    )


@municipality_view(Action.READ_SURVEYS)
def finding_list(request, municipality):
    status = request.GET.get("status", "")
    if status not in {*FindingStatus.values, "overdue"}:
        status = ""
    findings = selectors.finding_list(municipality=municipality, status=status)
    return render(
        request,
        "surveys/finding_list.html",
        {
            "municipality": municipality,
            "findings": findings,
            "status": status,
            "statuses": FindingStatus.choices,
            "overdue_days": selectors.overdue_days(municipality=municipality),
            "settings_form": WalkSettingsForm(
                initial={"overdue_days": selectors.overdue_days(municipality=municipality)}
            ),
            "can_write": can(request, Action.MANAGE_SURVEYS),
        },
    )


@municipality_view(Action.READ_SURVEYS)
def finding_export(request, municipality):
    header, rows = selectors.finding_export_rows(municipality=municipality)
    return csv_response(f"brister-{municipality.slug}.csv", header, rows, streaming=False)


@municipality_view(Action.READ_SURVEYS)
def finding_map(request, municipality):
    findings = selectors.finding_list(municipality=municipality)
    return render(
        request,
        "surveys/finding_map.html",
        {
            "municipality": municipality,
            "findings": findings,
            "statuses": FindingStatus.choices,
            "map_data": {
                "points": selectors.map_points(findings),
                "tiles": settings.MAP_TILE_URL,
                "attribution": settings.MAP_TILE_ATTRIBUTION,
                "overdue_label": _("försenad"),
            },
        },
    )


def _finding_page(request, municipality, finding, status=200, **forms):
    context = {
        "municipality": municipality,
        "finding": finding,
        "is_overdue": selectors.is_overdue(finding=finding),
        "can_write": can(request, Action.MANAGE_SURVEYS),
        "forward_form": ForwardForm(finding=finding),
        "status_form": StatusForm(initial={"status": finding.status}),
        "photo_form": PhotoForm(),
        "history": finding.history.select_related("history_user").order_by("-history_date")[:20],
    }
    context.update(forms)
    return render(request, "surveys/finding_detail.html", context, status=status)


@municipality_view(Action.READ_SURVEYS)
def finding_detail(request, municipality, pk):
    finding = get_scoped_or_404(selectors.findings_with_details(), municipality, pk=pk)
    return _finding_page(request, municipality, finding)


@require_POST
@municipality_view(Action.MANAGE_SURVEYS)
def finding_forward(request, municipality, pk):
    finding = get_scoped_or_404(selectors.findings_with_details(), municipality, pk=pk)
    form = ForwardForm(request.POST, finding=finding)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.finding_forward(
                actor=request.user,
                finding=finding,
                recipient_organisation=data["recipient_organisation"],
                recipient_name=data["recipient_name"],
                recipient_email=data["recipient_email"],
                reference=data["reference"],
                forwarded_on=data["forwarded_on"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Bristen är vidarebefordrad. E-postmeddelandet till %(to)s skickas inom kort.")
                % {"to": finding.recipient_address},
            )
            return redirect("surveys:finding_detail", municipality.slug, finding.pk)
    finding.refresh_from_db()
    return _finding_page(request, municipality, finding, status=400, forward_form=form)


@require_POST
@municipality_view(Action.MANAGE_SURVEYS)
def finding_status(request, municipality, pk):
    finding = get_scoped_or_404(selectors.findings_with_details(), municipality, pk=pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.finding_set_status(
                actor=request.user,
                finding=finding,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                closed_on=form.cleaned_data["closed_on"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Status är nu: %(status)s.") % {"status": finding.get_status_display()},
            )
            return redirect("surveys:finding_detail", municipality.slug, finding.pk)
    finding.refresh_from_db()
    return _finding_page(request, municipality, finding, status=400, status_form=form)


@require_POST
@municipality_view(Action.MANAGE_SURVEYS)
def photo_add(request, municipality, pk):
    finding = get_scoped_or_404(selectors.findings_with_details(), municipality, pk=pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.photo_add(
                actor=request.user, finding=finding, upload=form.cleaned_data["photo"]
            )
        except ValidationError as exc:
            form.add_error("photo", exc.messages)
        else:
            messages.success(request, _("Fotot är sparat."))
            return redirect("surveys:finding_detail", municipality.slug, finding.pk)
    return _finding_page(request, municipality, finding, status=400, photo_form=form)


@municipality_view(Action.READ_SURVEYS)
def photo(request, municipality, pk):
    item = get_scoped_or_404(FindingPhoto.objects, municipality, pk=pk)
    response = FileResponse(open_or_404(item.image), content_type=item.content_type)
    response["Content-Disposition"] = f'inline; filename="foto-{item.pk}.{item.extension}"'
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
@municipality_view(Action.MANAGE_SURVEYS)
def walk_settings(request, municipality):
    form = WalkSettingsForm(request.POST)
    if form.is_valid():
        services.walk_settings_update(
            actor=request.user,
            municipality=municipality,
            overdue_days=form.cleaned_data["overdue_days"],
        )
        messages.success(request, _("Inställningen är sparad."))
    else:
        messages.error(request, _("Ange ett antal dagar mellan 1 och 365."))
    return redirect("surveys:finding_list", municipality.slug)
