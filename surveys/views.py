"""Member views: safety walks and findings, surveys and their results, indicator series.

Coordinators write; council members and politicians read; reporters are turned away.
"""

from __future__ import annotations

import csv

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from municipalities.access import get_scoped_or_404, municipality_view
from municipalities.models import Role

from . import selectors, services
from .forms import (
    FindingForm,
    ForwardForm,
    ImportForm,
    PhotoForm,
    QuestionForm,
    SeriesForm,
    StatusForm,
    SurveyForm,
    SurveyToSeriesForm,
    ValueForm,
    WalkForm,
    WalkSettingsForm,
)
from .models import (
    Finding,
    FindingPhoto,
    FindingStatus,
    IndicatorSeries,
    Question,
    SafetyWalk,
    Survey,
)

READ = [Role.COORDINATOR, Role.COUNCIL, Role.POLITICIAN]
WRITE = [Role.COORDINATOR]


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _can_write(request) -> bool:
    return Role.COORDINATOR in request.roles


# -- Overview -------------------------------------------------------------------------------


@municipality_view(roles=READ)
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
            "can_write": _can_write(request),
        },
    )


# -- Safety walks ---------------------------------------------------------------------------


@municipality_view(roles=READ)
def walk_list(request, municipality):
    return render(
        request,
        "surveys/walk_list.html",
        {
            "municipality": municipality,
            "walks": selectors.walk_list(municipality=municipality),
            "can_write": _can_write(request),
        },
    )


@municipality_view(roles=WRITE)
def walk_create(request, municipality):
    form = WalkForm(request.POST or None, municipality=municipality)
    if request.method == "POST":
        if form.is_valid():
            try:
                walk = services.walk_create(
                    actor=request.user, municipality=municipality, **form.cleaned_data
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(
                    request, _("Trygghetsvandringen är sparad. Lägg till bristerna ni hittade.")
                )
                return redirect("surveys:walk_detail", municipality.slug, walk.pk)
        return _walk_form(request, municipality, form, status=400)
    return _walk_form(request, municipality, form)


@municipality_view(roles=WRITE)
def walk_edit(request, municipality, pk):
    walk = get_scoped_or_404(SafetyWalk.objects, municipality, pk=pk)
    form = WalkForm(request.POST or None, instance=walk, municipality=municipality)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.walk_update(actor=request.user, walk=walk, **form.cleaned_data)
            except ValidationError as exc:
                _add_errors(form, exc)
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


@municipality_view(roles=READ)
def walk_detail(request, municipality, pk):
    walk = get_scoped_or_404(SafetyWalk.objects, municipality, pk=pk)
    return render(
        request,
        "surveys/walk_detail.html",
        {
            "municipality": municipality,
            "walk": walk,
            "findings": selectors.walk_findings(walk=walk),
            "can_write": _can_write(request),
        },
    )


# -- Findings -------------------------------------------------------------------------------


@municipality_view(roles=WRITE)
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
                _add_errors(form, exc)
            else:
                messages.success(request, _("Bristen är sparad."))
                if "another" in request.POST:
                    return redirect("surveys:finding_create", municipality.slug, walk.pk)
                return redirect("surveys:finding_detail", municipality.slug, finding.pk)
        return _finding_form(request, municipality, form, walk, status=400)
    return _finding_form(request, municipality, form, walk)


@municipality_view(roles=WRITE)
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
                _add_errors(form, exc)
            else:
                messages.success(request, _("Bristen är uppdaterad."))
                return redirect("surveys:finding_detail", municipality.slug, finding.pk)
        return _finding_form(request, municipality, form, finding.walk, finding, status=400)
    return _finding_form(request, municipality, form, finding.walk, finding)


def _finding_form(request, municipality, form, walk, finding=None, status=200):
    return render(
        request,
        "surveys/finding_form.html",
        {"municipality": municipality, "form": form, "walk": walk, "finding": finding},
        status=status,
    )


@municipality_view(roles=READ)
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
            "can_write": _can_write(request),
        },
    )


@municipality_view(roles=READ)
def finding_map(request, municipality):
    findings = selectors.finding_list(municipality=municipality)
    return render(
        request,
        "surveys/finding_map.html",
        {
            "municipality": municipality,
            "findings": findings,
            "map_data": {
                "points": selectors.map_points(findings),
                "tiles": settings.MAP_TILE_URL,
                "attribution": settings.MAP_TILE_ATTRIBUTION,
            },
        },
    )


def _finding_page(request, municipality, finding, status=200, **forms):
    context = {
        "municipality": municipality,
        "finding": finding,
        "is_overdue": selectors.is_overdue(finding=finding),
        "can_write": _can_write(request),
        "forward_form": ForwardForm(finding=finding),
        "status_form": StatusForm(initial={"status": finding.status}),
        "photo_form": PhotoForm(),
        "history": finding.history.select_related("history_user").order_by("-history_date")[:20],
    }
    context.update(forms)
    return render(request, "surveys/finding_detail.html", context, status=status)


@municipality_view(roles=READ)
def finding_detail(request, municipality, pk):
    finding = get_scoped_or_404(selectors.findings_with_details(), municipality, pk=pk)
    return _finding_page(request, municipality, finding)


@require_POST
@municipality_view(roles=WRITE)
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
                request=request,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Bristen är skickad till %(to)s.") % {"to": finding.recipient_address},
            )
            return redirect("surveys:finding_detail", municipality.slug, finding.pk)
    finding.refresh_from_db()
    return _finding_page(request, municipality, finding, status=400, forward_form=form)


@require_POST
@municipality_view(roles=WRITE)
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
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Status är nu: %(status)s.") % {"status": finding.get_status_display()},
            )
            return redirect("surveys:finding_detail", municipality.slug, finding.pk)
    finding.refresh_from_db()
    return _finding_page(request, municipality, finding, status=400, status_form=form)


@require_POST
@municipality_view(roles=WRITE)
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


@municipality_view(roles=READ)
def photo(request, municipality, pk):
    item = get_scoped_or_404(FindingPhoto.objects, municipality, pk=pk)
    response = FileResponse(item.image.open("rb"), content_type=item.content_type)
    response["Content-Disposition"] = f'inline; filename="foto-{item.pk}.{item.extension}"'
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
@municipality_view(roles=WRITE)
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


# -- Surveys --------------------------------------------------------------------------------


@municipality_view(roles=READ)
def survey_list(request, municipality):
    return render(
        request,
        "surveys/survey_list.html",
        {
            "municipality": municipality,
            "surveys": selectors.survey_list(municipality=municipality),
            "can_write": _can_write(request),
        },
    )


@municipality_view(roles=WRITE)
def survey_create(request, municipality):
    form = SurveyForm(request.POST or None, municipality=municipality)
    if request.method == "POST":
        if form.is_valid():
            try:
                survey = services.survey_create(
                    actor=request.user, municipality=municipality, **form.cleaned_data
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(
                    request, _("Enkäten är skapad med standardfrågorna. Lägg till egna frågor.")
                )
                return redirect("surveys:survey_detail", municipality.slug, survey.pk)
        return _survey_form(request, municipality, form, status=400)
    return _survey_form(request, municipality, form)


@municipality_view(roles=WRITE)
def survey_edit(request, municipality, pk):
    survey = get_scoped_or_404(Survey.objects, municipality, pk=pk)
    form = SurveyForm(request.POST or None, instance=survey, municipality=municipality)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.survey_update(actor=request.user, survey=survey, **form.cleaned_data)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Enkäten är uppdaterad."))
                return redirect("surveys:survey_detail", municipality.slug, survey.pk)
        return _survey_form(request, municipality, form, survey, status=400)
    return _survey_form(request, municipality, form, survey)


def _survey_form(request, municipality, form, survey=None, status=200):
    return render(
        request,
        "surveys/survey_form.html",
        {"municipality": municipality, "form": form, "survey": survey},
        status=status,
    )


def _survey_page(request, municipality, survey, status=200, question_form=None):
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "municipality": municipality,
            "survey": survey,
            "questions": selectors.survey_questions(survey=survey),
            "response_count": survey.responses.count(),
            "public_url": request.build_absolute_uri(
                reverse("surveys_public:answer", args=[municipality.slug, survey.slug])
            ),
            "question_form": question_form or QuestionForm(),
            "can_write": _can_write(request),
        },
        status=status,
    )


@municipality_view(roles=READ)
def survey_detail(request, municipality, pk):
    survey = get_scoped_or_404(Survey.objects, municipality, pk=pk)
    return _survey_page(request, municipality, survey)


@require_POST
@municipality_view(roles=WRITE)
def question_add(request, municipality, pk):
    survey = get_scoped_or_404(Survey.objects, municipality, pk=pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_add(actor=request.user, survey=survey, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Frågan är tillagd."))
            return redirect("surveys:survey_detail", municipality.slug, survey.pk)
    return _survey_page(request, municipality, survey, status=400, question_form=form)


@require_POST
@municipality_view(roles=WRITE)
def question_remove(request, municipality, pk):
    question = get_scoped_or_404(Question.objects.select_related("survey"), municipality, pk=pk)
    try:
        services.question_remove(actor=request.user, question=question)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Frågan är borttagen."))
    return redirect("surveys:survey_detail", municipality.slug, question.survey_id)


@municipality_view(roles=READ)
def survey_results(request, municipality, pk):
    survey = get_scoped_or_404(Survey.objects, municipality, pk=pk)
    return _results_page(request, municipality, survey)


def _results_page(request, municipality, survey, status=200, series_form=None):
    return render(
        request,
        "surveys/survey_results.html",
        {
            "municipality": municipality,
            "survey": survey,
            "results": selectors.survey_results(survey=survey),
            "series_form": series_form or SurveyToSeriesForm(survey=survey),
            "can_write": _can_write(request),
        },
        status=status,
    )


def neutralise(cell: str) -> str:
    """Keep spreadsheet programs from reading a cell as a formula."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


@municipality_view(roles=READ)
def survey_export(request, municipality, pk):
    survey = get_scoped_or_404(Survey.objects, municipality, pk=pk)
    header, rows = selectors.survey_export_rows(survey=survey)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="enkat-{survey.slug}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    for row in [header, *rows]:
        writer.writerow([neutralise(str(cell)) for cell in row])
    return response


@require_POST
@municipality_view(roles=WRITE)
def survey_to_series(request, municipality, pk):
    survey = get_scoped_or_404(Survey.objects, municipality, pk=pk)
    form = SurveyToSeriesForm(request.POST, survey=survey)
    if form.is_valid():
        try:
            value = services.series_record_from_survey(
                actor=request.user, survey=survey, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(value)s är inlagt i serien %(series)s för %(period)s.")
                % {"value": value.value, "series": value.series.name, "period": value.period_label},
            )
            return redirect("surveys:series_detail", municipality.slug, value.series_id)
    return _results_page(request, municipality, survey, status=400, series_form=form)


# -- Indicator series -----------------------------------------------------------------------


@municipality_view(roles=READ)
def series_list(request, municipality):
    series_list = list(selectors.series_list(municipality=municipality))
    return render(
        request,
        "surveys/series_list.html",
        {
            "municipality": municipality,
            "series_list": [(s, selectors.series_chart(s)) for s in series_list],
            "can_write": _can_write(request),
        },
    )


@municipality_view(roles=WRITE)
def series_create(request, municipality):
    form = SeriesForm(request.POST or None, municipality=municipality)
    if request.method == "POST":
        if form.is_valid():
            try:
                series = services.series_create(
                    actor=request.user, municipality=municipality, **form.cleaned_data
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Serien är skapad. Lägg in värden eller importera."))
                return redirect("surveys:series_detail", municipality.slug, series.pk)
        status = 400
    else:
        status = 200
    return render(
        request,
        "surveys/series_form.html",
        {"municipality": municipality, "form": form},
        status=status,
    )


def _series_page(request, municipality, series, status=200, **extra):
    context = {
        "municipality": municipality,
        "series": series,
        "values": series.values.select_related("place", "survey"),
        "chart": selectors.series_chart(series),
        "value_form": ValueForm(series=series),
        "import_form": ImportForm(),
        "can_write": _can_write(request),
    }
    context.update(extra)
    return render(request, "surveys/series_detail.html", context, status=status)


@municipality_view(roles=READ)
def series_detail(request, municipality, pk):
    series = get_scoped_or_404(IndicatorSeries.objects, municipality, pk=pk)
    return _series_page(request, municipality, series)


@require_POST
@municipality_view(roles=WRITE)
def value_add(request, municipality, pk):
    series = get_scoped_or_404(IndicatorSeries.objects, municipality, pk=pk)
    form = ValueForm(request.POST, series=series)
    if form.is_valid():
        try:
            services.value_record(actor=request.user, series=series, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Värdet är sparat."))
            return redirect("surveys:series_detail", municipality.slug, series.pk)
    return _series_page(request, municipality, series, status=400, value_form=form)


@require_POST
@municipality_view(roles=WRITE)
def series_import(request, municipality, pk):
    series = get_scoped_or_404(IndicatorSeries.objects, municipality, pk=pk)
    form = ImportForm(request.POST, request.FILES)
    report = None
    if form.is_valid():
        try:
            report = services.series_import_csv(
                actor=request.user, series=series, raw=form.cleaned_data["file"].read()
            )
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            if report.ok:
                messages.success(
                    request,
                    _("%(count)s värden är importerade.") % {"count": report.imported},
                )
                return redirect("surveys:series_detail", municipality.slug, series.pk)
    return _series_page(
        request, municipality, series, status=400, import_form=form, import_report=report
    )
