"""Safety surveys: questions, results, CSV export, feeding indicator series."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagersta.csv_export import csv_response
from fagersta.forms import add_errors
from municipalities.access import Action, can, get_scoped_or_404, municipality_view

from .. import results, selectors, services
from ..forms import QuestionForm, SurveyForm, SurveyPublishForm, SurveyToSeriesForm
from ..models import Question, Survey


@municipality_view(Action.READ_SURVEYS)
def survey_list(request, municipality):
    return render(
        request,
        "surveys/survey_list.html",
        {
            "municipality": municipality,
            "surveys": selectors.survey_list(municipality=municipality),
            "can_write": can(request, Action.MANAGE_SURVEYS),
        },
    )


@municipality_view(Action.MANAGE_SURVEYS)
def survey_create(request, municipality):
    form = SurveyForm(request.POST or None, municipality=municipality)
    if request.method == "POST":
        if form.is_valid():
            try:
                survey = services.survey_create(
                    actor=request.user, municipality=municipality, **form.cleaned_data
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(
                    request, _("Enkäten är skapad med standardfrågorna. Lägg till egna frågor.")
                )
                return redirect("surveys:survey_detail", municipality.slug, survey.pk)
        return _survey_form(request, municipality, form, status=400)
    return _survey_form(request, municipality, form)


@municipality_view(Action.MANAGE_SURVEYS)
def survey_edit(request, municipality, pk):
    survey = get_scoped_or_404(Survey.objects, municipality, pk=pk)
    form = SurveyForm(request.POST or None, instance=survey, municipality=municipality)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.survey_update(actor=request.user, survey=survey, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
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
            "can_write": can(request, Action.MANAGE_SURVEYS),
        },
        status=status,
    )


@municipality_view(Action.READ_SURVEYS)
def survey_detail(request, municipality, pk):
    survey = get_scoped_or_404(Survey.objects, municipality, pk=pk)
    return _survey_page(request, municipality, survey)


@require_POST
@municipality_view(Action.MANAGE_SURVEYS)
def question_add(request, municipality, pk):
    survey = get_scoped_or_404(Survey.objects, municipality, pk=pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_add(actor=request.user, survey=survey, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Frågan är tillagd."))
            return redirect("surveys:survey_detail", municipality.slug, survey.pk)
    return _survey_page(request, municipality, survey, status=400, question_form=form)


@require_POST
@municipality_view(Action.MANAGE_SURVEYS)
def question_remove(request, municipality, pk):
    question = get_scoped_or_404(Question.objects.select_related("survey"), municipality, pk=pk)
    try:
        services.question_remove(actor=request.user, question=question)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Frågan är borttagen."))
    return redirect("surveys:survey_detail", municipality.slug, question.survey_id)


@municipality_view(Action.READ_SURVEYS)
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
            "results": results.survey_results(survey=survey),
            "series_form": series_form or SurveyToSeriesForm(survey=survey),
            "can_write": can(request, Action.MANAGE_SURVEYS),
            "results_url": reverse("surveys_public:results", args=[municipality.slug, survey.slug]),
        },
        status=status,
    )


@municipality_view(Action.READ_SURVEYS)
def survey_export(request, municipality, pk):
    survey = get_scoped_or_404(Survey.objects, municipality, pk=pk)
    header, rows = selectors.survey_export_rows(survey=survey)
    return csv_response(f"enkat-{survey.slug}.csv", header, rows, streaming=False)


@require_POST
@municipality_view(Action.MANAGE_SURVEYS)
def survey_to_series(request, municipality, pk):
    survey = get_scoped_or_404(Survey.objects, municipality, pk=pk)
    form = SurveyToSeriesForm(request.POST, survey=survey)
    if form.is_valid():
        try:
            value = services.series_record_from_survey(
                actor=request.user, survey=survey, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(value)s är inlagt i serien %(series)s för %(period)s.")
                % {
                    "value": value.display_value,
                    "series": value.series.name,
                    "period": value.period_label,
                },
            )
            return redirect("surveys:series_detail", municipality.slug, value.series_id)
    return _results_page(request, municipality, survey, status=400, series_form=form)


@require_POST
@municipality_view(Action.MANAGE_SURVEYS)
def survey_publish(request, municipality, pk):
    survey = get_scoped_or_404(Survey.objects, municipality, pk=pk)
    form = SurveyPublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Välj om resultaten ska publiceras eller inte."))
        return redirect("surveys:survey_results", municipality.slug, survey.pk)
    publish = form.cleaned_data["publish"]
    try:
        services.survey_publish_results(actor=request.user, survey=survey, publish=publish)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Resultaten är publicerade på den offentliga sidan.")
            if publish
            else _("Resultaten är inte längre offentliga."),
        )
    return redirect("surveys:survey_results", municipality.slug, survey.pk)
