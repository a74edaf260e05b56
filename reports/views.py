from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagersta.csv_export import csv_response
from fagersta.files import open_or_404
from municipalities.access import Action, can, get_scoped_or_404, municipality_view

from . import annual, exports, pdf, selectors, services
from . import comparison as comparison_data
from . import dashboard as dashboard_data
from .forms import AnnualReportSectionsForm, AnnualReportYearForm, SharingForm
from .models import AnnualReport, ReportJob, ReportVersion


@municipality_view(Action.READ_REPORTS)
def dashboard(request, municipality):
    # The figures are read only when the rendered body is not in the cache already.
    return render(
        request,
        "reports/dashboard.html",
        {
            "municipality": municipality,
            "version_key": dashboard_data.version_key(municipality=municipality),
            "dashboard": SimpleLazyObject(
                lambda: dashboard_data.dashboard(municipality=municipality)
            ),
        },
    )


@municipality_view(Action.READ_REPORTS)
def annual_report_list(request, municipality):
    return render(
        request,
        "reports/annual_report_list.html",
        {
            "municipality": municipality,
            "reports": selectors.annual_reports(municipality=municipality),
            "form": AnnualReportYearForm(municipality=municipality),
        },
    )


@require_POST
@municipality_view(Action.MANAGE_REPORTS)
def annual_report_create(request, municipality):
    form = AnnualReportYearForm(request.POST, municipality=municipality)
    if not form.is_valid():
        return render(
            request,
            "reports/annual_report_list.html",
            {
                "municipality": municipality,
                "reports": selectors.annual_reports(municipality=municipality),
                "form": form,
            },
            status=400,
        )
    report = services.annual_report_get_or_create(
        actor=request.user, municipality=municipality, year=form.cleaned_data["year"]
    )
    return redirect("reports:annual_report", municipality.slug, report.year)


def _detail(request, municipality, report, form=None, status=200):
    jobs = list(selectors.report_jobs(report=report))
    return render(
        request,
        "reports/annual_report_detail.html",
        {
            "municipality": municipality,
            "report": report,
            "form": form or AnnualReportSectionsForm(instance=report, municipality=municipality),
            "versions": selectors.report_versions(report=report),
            "jobs": jobs,
            "active_job": next((j for j in jobs if j.is_active), None),
            "can_write": can(request, Action.MANAGE_REPORTS),
        },
        status=status,
    )


@municipality_view(Action.READ_REPORTS)
def annual_report_detail(request, municipality, year):
    report = get_scoped_or_404(AnnualReport.objects, municipality, year=year)
    return _detail(request, municipality, report)


@require_POST
@municipality_view(Action.MANAGE_REPORTS)
def annual_report_edit(request, municipality, year):
    report = get_scoped_or_404(AnnualReport.objects, municipality, year=year)
    form = AnnualReportSectionsForm(request.POST, instance=report, municipality=municipality)
    if not form.is_valid():
        return _detail(request, municipality, report, form=form, status=400)
    try:
        services.annual_report_update(actor=request.user, report=report, **form.cleaned_data)
    except services.EditConflict as conflict:
        form.add_conflict(conflict.current)
        return _detail(request, municipality, report, form=form, status=409)
    messages.success(request, _("Texterna är sparade."))
    return redirect("reports:annual_report", municipality.slug, year)


@require_POST
@municipality_view(Action.MANAGE_REPORTS)
def annual_report_generate(request, municipality, year):
    report = get_scoped_or_404(AnnualReport.objects, municipality, year=year)
    job = services.report_job_request(actor=request.user, report=report)
    messages.info(request, _("Årsrapporten skapas i bakgrunden. Du kan arbeta vidare under tiden."))
    return redirect("reports:job_detail", municipality.slug, job.pk)


@municipality_view(Action.READ_REPORTS)
def annual_report_preview(request, municipality, year):
    report = get_scoped_or_404(AnnualReport.objects, municipality, year=year)
    return HttpResponse(pdf.render_html(annual.build(report), for_pdf=False))


@municipality_view(Action.READ_REPORTS)
def job_detail(request, municipality, pk):
    job = get_scoped_or_404(ReportJob.objects.select_related("report"), municipality, pk=pk)
    if job.is_stale:
        # Its worker died; act now rather than show "Pågår" until the periodic check runs.
        services.report_jobs_fail_stuck()
        job.refresh_from_db()
    version = ReportVersion.objects.for_municipality(municipality).filter(job=job).first()
    return render(
        request,
        "reports/job_detail.html",
        {"municipality": municipality, "job": job, "version": version},
    )


@municipality_view(Action.READ_REPORTS)
def version_download(request, municipality, pk):
    version = get_scoped_or_404(
        ReportVersion.objects.select_related("report", "municipality"), municipality, pk=pk
    )
    return FileResponse(
        open_or_404(version.file),
        as_attachment=True,
        filename=version.filename,
        content_type="application/pdf",
    )


@municipality_view(Action.READ_REPORTS)
def comparison(request, municipality):
    today = timezone.localdate()
    try:
        year = min(max(int(request.GET["ar"]), 2000), 2100)
    except (KeyError, ValueError):
        year = comparison_data.default_year(municipality, today)
    context = comparison_data.comparison(viewer=municipality, year=year)
    years = comparison_data.available_years(context["municipalities"], today)
    return render(
        request,
        "reports/comparison.html",
        {
            "municipality": municipality,
            "year": year,
            "years": sorted({*years, year}, reverse=True),
            "sharing_form": SharingForm(municipality=municipality),
            **context,
        },
    )


@require_POST
@municipality_view(Action.MANAGE_REPORTS)
def sharing_update(request, municipality):
    form = SharingForm(request.POST, municipality=municipality)
    form.is_valid()  # a checkbox: every submission is valid
    services.municipality_sharing_set(
        actor=request.user, municipality=municipality, shares=form.cleaned_data["shares"]
    )
    if municipality.shares_comparisons:
        messages.success(request, _("Kommunen delar nu sammanställda siffror med andra."))
    else:
        messages.success(request, _("Kommunen delar inte längre sina siffror."))
    return redirect("reports:comparison", municipality.slug)


@municipality_view(Action.MANAGE_REPORTS)
def export_list(request, municipality):
    return render(
        request,
        "reports/export_list.html",
        {"municipality": municipality, "exports": exports.EXPORTS.values()},
    )


@municipality_view(Action.MANAGE_REPORTS)
def export_csv(request, municipality, kind):
    export = exports.EXPORTS.get(kind)
    if export is None:
        raise Http404
    filename = f"{municipality.slug}-{export.slug}-{timezone.localdate().isoformat()}.csv"
    return csv_response(filename, export.header, export.rows(municipality))
