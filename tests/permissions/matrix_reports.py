"""The reports app: dashboard, annual report, comparison and exports."""

from municipalities.access import Action
from reports.models import AnnualReport, JobStatus, ReportJob, ReportVersion
from tests.permissions.matrix import Row, allowed


def _report(ctx):
    report, _ = AnnualReport.objects.get_or_create(municipality=ctx.municipality, year=2021)
    return {"year": report.year}


def _job(ctx):
    report, _ = AnnualReport.objects.get_or_create(municipality=ctx.municipality, year=2021)
    job = ReportJob.objects.create(
        municipality=ctx.municipality, report=report, status=JobStatus.DONE, progress=100
    )
    return {"pk": job.pk}


def _version(ctx):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    report, _ = AnnualReport.objects.get_or_create(municipality=ctx.municipality, year=2021)
    version = ReportVersion(
        municipality=ctx.municipality,
        report=report,
        number=1,
        size=8,
        sha256="0" * 64,
        generated_at=timezone.now(),
    )
    version.file.save("matrix.pdf", ContentFile(b"%PDF-1.7"), save=False)
    version.save()
    return {"pk": version.pk}


ROWS = [
    Row("reports:dashboard", allowed(Action.READ_REPORTS)),
    Row("reports:annual_report_list", allowed(Action.READ_REPORTS)),
    Row(
        "reports:annual_report_create",
        allowed(Action.MANAGE_REPORTS),
        method="post",
        data=lambda ctx, kw: {"year": 2022},
    ),
    Row("reports:annual_report", allowed(Action.READ_REPORTS), setup=_report),
    Row(
        "reports:annual_report_edit",
        allowed(Action.MANAGE_REPORTS),
        method="post",
        setup=_report,
        data=lambda ctx, kw: {"summary": "Sammanfattning", "version": 1},
    ),
    Row(
        "reports:annual_report_generate",
        allowed(Action.MANAGE_REPORTS),
        method="post",
        setup=_report,
    ),
    Row("reports:annual_report_preview", allowed(Action.READ_REPORTS), setup=_report),
    Row("reports:job_detail", allowed(Action.READ_REPORTS), setup=_job),
    Row("reports:version_download", allowed(Action.READ_REPORTS), setup=_version),
    Row("reports:comparison", allowed(Action.READ_REPORTS)),
    Row(
        "reports:sharing_update",
        allowed(Action.MANAGE_REPORTS),
        method="post",
        data=lambda ctx, kw: {"shares": "on"},
    ),
    Row("reports:export_list", allowed(Action.MANAGE_REPORTS)),
    Row(
        "reports:export_csv",
        allowed(Action.MANAGE_REPORTS),
        setup=lambda ctx: {"kind": "problem"},
    ),
]
