import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from municipalities.models import Municipality, Role
from reports import annual, pdf, tasks
from reports.models import AnnualReport, JobStatus, ReportJob


class Command(BaseCommand):
    help = (
        "Time the annual report: the whole job (collecting the data, HTML, PDF, saving the "
        "version) and WeasyPrint alone on the same HTML. Needs the demo data (load_demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--municipality", default="fagersta")
        parser.add_argument("--year", type=int, default=2021)
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument(
            "--keep", action="store_true", help="Keep the PDF versions the runs create."
        )

    def handle(self, *args, municipality: str, year: int, runs: int, keep: bool, **options):
        place = Municipality.objects.filter(slug=municipality).first()
        report = AnnualReport.objects.for_municipality(place).filter(year=year).first()
        if place is None or report is None:
            raise CommandError(
                f"No annual report {year} for {municipality!r}: run `manage.py load_demo` first."
            )
        actor = place.memberships.filter(role=Role.COORDINATOR).select_related("user").first()
        actor = actor.user if actor else None

        job_times, pdf_times, sizes = [], [], []
        for _ in range(runs):
            with transaction.atomic():
                job = ReportJob.objects.create(
                    municipality=place, report=report, requested_by=actor
                )
            started = time.perf_counter()
            # The same task a worker runs, executed in this process.
            tasks.generate_annual_report.apply(args=[job.pk])
            job_times.append(time.perf_counter() - started)
            job.refresh_from_db()
            if job.status != JobStatus.DONE:
                raise CommandError(f"The job failed: {job.error}")
            sizes.append(job.version.size)
            if not keep:
                job.version.file.delete(save=False)
                job.version.delete()
                job.delete()

        html = pdf.render_html(annual.build(report), for_pdf=True)
        for _ in range(runs):
            started = time.perf_counter()
            pdf.render_pdf(html)
            pdf_times.append(time.perf_counter() - started)

        self.stdout.write(
            f"Annual report {place.name} {year}, {runs} run(s), PDF {sizes[-1]} bytes"
        )
        self.stdout.write(_line("Whole job (data, HTML, PDF, version)", job_times))
        self.stdout.write(_line("WeasyPrint alone on the same HTML", pdf_times))


def _line(label: str, times: list[float]) -> str:
    return (
        f"  {label:<40} median {statistics.median(times):6.2f} s  "
        f"min {min(times):6.2f} s  max {max(times):6.2f} s"
    )
