"""Situation reports: filing, "nothing new", history."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from municipalities import history
from municipalities.access import (
    Action,
    can,
    get_scoped_or_404,
    municipality_view,
    organisation_ids_of,
)
from municipalities.models import Organisation, Role

from .. import selectors, services
from ..forms import (
    VersionForm,
    assessment_forms,
)
from ..models import (
    Assessment,
    ReportingPeriod,
    SituationReport,
)
from .common import (
    all_valid,
    needs_guidelines,
)


@municipality_view(Action.FILE_OWN_REPORT)
def my_report(request, municipality):
    """The reporter's shortcut: this period's report for their organisation."""
    if needs_guidelines(request, municipality):
        messages.info(request, _("Läs gruppens uppdrag och riktlinjer innan du rapporterar."))
        return redirect(
            f"{reverse('situations:guidelines', args=[municipality.slug])}"
            f"?next={reverse('situations:my_report', args=[municipality.slug])}"
        )
    organisation = selectors.reporter_organisation(user=request.user, municipality=municipality)
    period = selectors.current_period(municipality=municipality)
    if period is None or organisation is None:
        messages.info(request, _("Det finns ingen öppen rapporteringsperiod just nu."))
        return redirect("situations:index", municipality.slug)
    return redirect("situations:report", municipality.slug, period.pk, organisation.pk)


def _report_access(request, municipality, period_pk, organisation_pk):
    """(period, organisation, report or None, may_write) – 404 for a period or organisation
    of another municipality, 403 for another organisation's reporter."""
    # Nearly always the report exists already, and its query brings the period and the
    # organisation with it.
    report = selectors.report_for(
        municipality=municipality, period_pk=period_pk, organisation_pk=organisation_pk
    )
    if report is not None:
        period, organisation = report.period, report.organisation
    else:
        period = get_scoped_or_404(ReportingPeriod.objects, municipality, pk=period_pk)
        organisation = get_scoped_or_404(Organisation.objects, municipality, pk=organisation_pk)
    if can(request, Action.FILE_ALL_REPORTS) or (
        can(request, Action.FILE_OWN_REPORT)
        and organisation.pk in organisation_ids_of(request, municipality, Role.REPORTER)
    ):
        may_write = True
    elif can(request, Action.READ_ALL_REPORTS):
        may_write = False
    else:
        raise PermissionDenied
    # The forms and the save reach the municipality through the period: known, not queried.
    period.municipality = municipality
    return period, organisation, report, may_write and period.is_open


@municipality_view(Action.READ_LAGESBILD)
def report(request, municipality, period_pk, organisation_pk):
    period, organisation, found, may_write = _report_access(
        request, municipality, period_pk, organisation_pk
    )
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied
        return _report_post(request, municipality, period, organisation, found)
    if may_write and needs_guidelines(request, municipality):
        messages.info(request, _("Läs gruppens uppdrag och riktlinjer innan du rapporterar."))
        return redirect(
            f"{reverse('situations:guidelines', args=[municipality.slug])}?next={request.path}"
        )
    draft = found or SituationReport(period=period, organisation=organisation, version=0)
    context = _report_context(request, municipality, period, organisation, found, may_write)
    if may_write:
        context["forms"] = assessment_forms(report=draft)
        context["version_form"] = VersionForm(initial={"version": draft.version})
    return render(request, "situations/report.html", context)


def _report_context(request, municipality, period, organisation, found, may_write):
    return {
        "municipality": municipality,
        "period": period,
        "organisation": organisation,
        "report": found,
        "may_write": may_write,
        "has_previous": may_write
        and selectors.has_previous_report(organisation=organisation, period=period),
    }


def _report_post(request, municipality, period, organisation, found):
    draft = found or SituationReport(period=period, organisation=organisation, version=0)
    forms_ = assessment_forms(report=draft, data=request.POST)
    version_form = VersionForm(request.POST)
    if all_valid([*forms_, version_form]):
        submit = "submit" in request.POST
        data = [services.AssessmentData(area_id=f.area.pk, **f.cleaned_data) for f in forms_]
        try:
            target = found or services.report_start(
                actor=request.user, period=period, organisation=organisation
            )
            version = version_form.cleaned_data["version"] if found else 1
            services.report_save(
                actor=request.user,
                report=target,
                version=version,
                assessments=data,
                submit=submit,
            )
        except services.ConflictError as exc:
            return _report_conflict(
                request, municipality, period, organisation, forms_, exc.current
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if submit:
                messages.success(
                    request,
                    _(
                        "Tack! Rapporten för %(period)s är inskickad. Du kan ändra den tills "
                        "perioden stängs."
                    )
                    % {"period": period},
                )
            else:
                messages.success(request, _("Utkastet är sparat."))
            return redirect("situations:report", municipality.slug, period.pk, organisation.pk)
    else:
        messages.error(request, _("Rapporten är inte sparad. Rätta det som är markerat."))
    context = _report_context(request, municipality, period, organisation, found, True)
    context.update(forms=forms_, version_form=version_form)
    return render(request, "situations/report.html", context, status=400)


def _report_conflict(request, municipality, period, organisation, forms_, current):
    # The reporter's text stays in the form; the saved version is shown beside it. Saving again
    # from here is a deliberate overwrite, so the form now carries the current version.
    theirs = selectors.report_with_assessments(municipality=municipality, pk=current.pk)
    data = request.POST.copy()
    data["version"] = theirs.version
    context = _report_context(request, municipality, period, organisation, theirs, True)
    context.update(
        forms=forms_,
        version_form=VersionForm(data),
        conflict=True,
        theirs={a.area_id: a for a in theirs.assessments.all()},
    )
    return render(request, "situations/report.html", context, status=409)


@require_POST
@municipality_view(Action.FILE_REPORTS)
def report_nothing_new(request, municipality, period_pk, organisation_pk):
    period, organisation, found, may_write = _report_access(
        request, municipality, period_pk, organisation_pk
    )
    if not may_write:
        raise PermissionDenied
    version_form = VersionForm(request.POST)
    if not version_form.is_valid():
        messages.error(request, _("Sidan var inaktuell. Försök igen."))
        return redirect("situations:report", municipality.slug, period.pk, organisation.pk)
    try:
        target = found or services.report_start(
            actor=request.user, period=period, organisation=organisation
        )
        services.report_copy_previous(
            actor=request.user, report=target, version=version_form.cleaned_data["version"]
        )
    except services.ConflictError as exc:
        return _nothing_new_conflict(request, municipality, period, organisation, exc.current)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Rapporten är ifylld från förra perioden. Se över den och skicka in."),
        )
    return redirect("situations:report", municipality.slug, period.pk, organisation.pk)


def _nothing_new_conflict(request, municipality, period, organisation, current):
    # Nothing was written: the page shows what the other person saved, to look over.
    theirs = selectors.report_with_assessments(municipality=municipality, pk=current.pk)
    messages.warning(
        request,
        _(
            "Någon annan sparade rapporten medan du läste den, så den fylldes inte i från "
            "förra perioden. Här är den sparade versionen; se över den och spara eller "
            "försök igen."
        ),
    )
    context = _report_context(request, municipality, period, organisation, theirs, True)
    context.update(
        forms=assessment_forms(report=theirs),
        version_form=VersionForm(initial={"version": theirs.version}),
    )
    return render(request, "situations/report.html", context, status=409)


@municipality_view(Action.COMPILE_LAGESBILD)
def report_history(request, municipality, period_pk, organisation_pk):
    period = get_scoped_or_404(ReportingPeriod.objects, municipality, pk=period_pk)
    found = get_scoped_or_404(
        SituationReport.objects, municipality, period=period, organisation_id=organisation_pk
    )
    assessment_history = (
        Assessment.history.filter(report_id=found.pk)
        .select_related("history_user", "area")
        .order_by("-history_date")[:200]
    )
    return render(
        request,
        "situations/history.html",
        {
            "municipality": municipality,
            "title": _("Historik: %(report)s") % {"report": found},
            "back": reverse(
                "situations:report", args=[municipality.slug, period.pk, organisation_pk]
            ),
            "records": selectors.history_of(found),
            "detail_records": history.with_m2m(Assessment, assessment_history, "places"),
            "show_places": True,
        },
    )
