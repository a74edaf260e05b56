import hashlib
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from municipalities.models import Role
from reports import services
from reports.models import AnnualReport, JobStatus, ReportJob, ReportVersion
from tests.factories import member
from tests.reports.factories import AnnualReportFactory
from tests.reports.pdfutil import pdf_info, pdf_metadata, pdf_text

pytestmark = pytest.mark.django_db


def _generate(client, django_capture_on_commit_callbacks, report):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:annual_report_generate", args=[report.municipality.slug, report.year])
        )
    return response


def test_it_creates_a_report_for_a_year(client_for, coordinator, municipality):
    response = client_for(coordinator).post(
        reverse("reports:annual_report_create", args=[municipality.slug]), {"year": 2021}
    )
    assert response.status_code == 302
    assert AnnualReport.objects.for_municipality(municipality).filter(year=2021).exists()


def test_it_refuses_a_year_out_of_range_with_a_message(client_for, coordinator, municipality):
    response = client_for(coordinator).post(
        reverse("reports:annual_report_create", args=[municipality.slug]), {"year": 1850}
    )
    assert response.status_code == 400
    assert not AnnualReport.objects.exists()
    assert "2000" in response.content.decode()


def test_it_saves_the_written_sections(client_for, coordinator, annual_report):
    url = reverse("reports:annual_report_edit", args=["fagersta", 2021])
    response = client_for(coordinator).post(
        url,
        {
            "introduction": "Ny inledning om året.",
            "evaluation": "Utvärderingen från Mälardalens högskola.",
            "results_and_challenges": "",
            "summary": "Kort sammanfattning.",
            "version": annual_report.version,
        },
    )
    assert response.status_code == 302
    annual_report.refresh_from_db()
    assert annual_report.evaluation == "Utvärderingen från Mälardalens högskola."
    assert annual_report.updated_by == coordinator


@pytest.mark.parametrize("role", [Role.COUNCIL, Role.POLITICIAN, Role.REPORTER])
def test_it_requires_coordinator_role_to_write(client_for, municipality, annual_report, role):
    user = member(municipality, role, organisation=None if role != Role.REPORTER else None)
    client = client_for(user)
    base = ["fagersta", 2021]
    assert client.post(reverse("reports:annual_report_edit", args=base), {}).status_code == 403
    assert client.post(reverse("reports:annual_report_generate", args=base)).status_code == 403
    assert ReportJob.objects.count() == 0


def test_it_lets_council_and_politicians_read(
    client_for, council_member, politician, annual_report
):
    for user in (council_member, politician):
        response = client_for(user).get(reverse("reports:annual_report", args=["fagersta", 2021]))
        assert response.status_code == 200
        assert "Generera PDF" not in response.content.decode()


def test_it_keeps_reporters_out(client_for, reporter, annual_report):
    client = client_for(reporter)
    assert client.get(reverse("reports:annual_report", args=["fagersta", 2021])).status_code == 403
    assert client.get(reverse("reports:dashboard", args=["fagersta"])).status_code == 403


def test_it_hides_other_municipality(client_for, outsider, annual_report):
    client = client_for(outsider)
    base = ["fagersta", 2021]
    assert client.get(reverse("reports:annual_report", args=base)).status_code == 404
    assert client.post(reverse("reports:annual_report_generate", args=base)).status_code == 404
    assert client.post(reverse("reports:annual_report_edit", args=base), {}).status_code == 404


def test_it_generates_a_pdf_through_the_job(
    client_for, coordinator, annual_report, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    response = _generate(client, django_capture_on_commit_callbacks, annual_report)
    job = ReportJob.objects.get()
    assert response.url == reverse("reports:job_detail", args=["fagersta", job.pk])
    assert job.status == JobStatus.DONE, job.error
    assert job.progress == 100
    assert job.requested_by == coordinator
    assert job.started_at and job.finished_at
    version = ReportVersion.objects.get()
    content = version.file.read()
    assert content.startswith(b"%PDF")
    assert version.sha256 == hashlib.sha256(content).hexdigest()
    assert version.generated_by == coordinator

    text = pdf_text(content)
    assert "Brottsförebyggande och trygghetsskapande arbete år 2021" in text
    assert "Arbetet har fått en tydligare struktur sedan 2019." in text
    assert "Innehåll" in text
    assert "Sida 2 av" in text
    metadata = pdf_metadata(content)
    assert 'pdfaid:part="3"' in metadata
    assert 'pdfaid:conformance="B"' in metadata
    info = pdf_info(content)
    assert "Fagersta" in info["Title"] and "2021" in info["Title"]
    assert info["Title"].count("2021") == 1  # the title says the year once
    assert info["Tagged"] == "yes"

    page = client.get(reverse("reports:job_detail", args=["fagersta", job.pk])).content.decode()
    assert "Ladda ner version 1" in page
    assert 'http-equiv="refresh"' not in page


def test_it_keeps_older_versions_downloadable(
    client_for, coordinator, annual_report, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    _generate(client, django_capture_on_commit_callbacks, annual_report)
    _generate(client, django_capture_on_commit_callbacks, annual_report)
    first, second = ReportVersion.objects.order_by("number")
    assert (first.number, second.number) == (1, 2)
    response = client.get(reverse("reports:version_download", args=["fagersta", first.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_version_whose_file_is_missing_is_not_found(
    client_for, coordinator, annual_report, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    _generate(client, django_capture_on_commit_callbacks, annual_report)
    version = ReportVersion.objects.get()
    version.file.storage.delete(version.file.name)
    url = reverse("reports:version_download", args=["fagersta", version.pk])
    assert client.get(url).status_code == 404


def test_a_hagfors_member_cannot_download_a_fagersta_pdf(
    client_for,
    coordinator,
    annual_report,
    other_municipality,
    django_capture_on_commit_callbacks,
):
    _generate(client_for(coordinator), django_capture_on_commit_callbacks, annual_report)
    version = ReportVersion.objects.get()
    hagfors_politician = member(other_municipality, Role.POLITICIAN)
    client = client_for(hagfors_politician)
    assert (
        client.get(reverse("reports:version_download", args=["fagersta", version.pk])).status_code
        == 404
    )
    # Nor through their own municipality's URL.
    assert (
        client.get(reverse("reports:version_download", args=["hagfors", version.pk])).status_code
        == 404
    )


def test_it_shows_progress_while_running(client_for, coordinator, annual_report):
    job = ReportJob.objects.create(
        municipality=annual_report.municipality,
        report=annual_report,
        status=JobStatus.RUNNING,
        progress=40,
        step="Sammanställer insatser",
    )
    page = client_for(coordinator).get(reverse("reports:job_detail", args=["fagersta", job.pk]))
    html = page.content.decode()
    assert 'http-equiv="refresh"' in html
    assert "Sammanställer insatser (40 %)" in html


def test_the_job_names_people_by_their_display_name(client_for, coordinator, annual_report):
    coordinator.first_name, coordinator.last_name = "Sara", "Samordnare"
    coordinator.save(update_fields=["first_name", "last_name"])
    job = ReportJob.objects.create(
        municipality=annual_report.municipality, report=annual_report, requested_by=coordinator
    )
    client = client_for(coordinator)
    page = client.get(reverse("reports:job_detail", args=["fagersta", job.pk])).content.decode()
    listing = client.get(
        reverse("reports:annual_report", args=["fagersta", annual_report.year])
    ).content.decode()
    for html in (page, listing):
        content = html.split("<main", 1)[1]
        assert "Sara Samordnare" in content
        assert f">{coordinator.username}<" not in content


def test_a_job_requested_with_the_broker_down_waits_and_starts_when_it_is_back(
    client_for, coordinator, annual_report, django_capture_on_commit_callbacks, monkeypatch
):
    from kombu.exceptions import OperationalError

    from reports import tasks

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.generate_annual_report, "apply_async", broker_down)
    client = client_for(coordinator)
    response = _generate(client, django_capture_on_commit_callbacks, annual_report)
    job = ReportJob.objects.get()
    assert job.status == JobStatus.QUEUED
    page = client.get(response.url)
    assert page.status_code == 200
    assert "startar av sig självt" in page.content.decode()
    # The rest of the report page still works.
    assert client.get(reverse("reports:annual_report", args=["fagersta", 2021])).status_code == 200

    # The broker is back: the periodic check sends the job again and it runs.
    monkeypatch.undo()
    later = timezone.now() + timedelta(seconds=settings.REPORT_JOB_STALE_SECONDS + 1)
    services.report_jobs_fail_stuck(now=later)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error


def test_a_double_click_queues_one_job(
    client_for, coordinator, annual_report, django_capture_on_commit_callbacks, monkeypatch
):
    from reports import tasks

    monkeypatch.setattr(tasks.generate_annual_report, "apply_async", lambda *a, **k: None)
    client = client_for(coordinator)
    client.post(reverse("reports:annual_report_generate", args=["fagersta", 2021]))
    client.post(reverse("reports:annual_report_generate", args=["fagersta", 2021]))
    assert ReportJob.objects.count() == 1


def test_the_preview_uses_the_report_template(client_for, council_member, annual_report):
    response = client_for(council_member).get(
        reverse("reports:annual_report_preview", args=["fagersta", 2021])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in html
    assert "Arbetet har fått en tydligare struktur sedan 2019." in html
    assert "annual_report.css" in html


def test_a_version_of_another_municipality_is_not_found_in_mine(
    client_for, coordinator, other_municipality, django_capture_on_commit_callbacks
):
    hagfors_report = AnnualReportFactory(municipality=other_municipality, year=2024)
    hagfors_coordinator = member(other_municipality, Role.COORDINATOR)
    _generate(client_for(hagfors_coordinator), django_capture_on_commit_callbacks, hagfors_report)
    version = ReportVersion.objects.get()
    client = client_for(coordinator)
    url = reverse("reports:version_download", args=["fagersta", version.pk])
    assert client.get(url).status_code == 404
    job = ReportJob.objects.get()
    assert client.get(reverse("reports:job_detail", args=["fagersta", job.pk])).status_code == 404


def test_the_service_refuses_unknown_sections(coordinator, annual_report):
    with pytest.raises(ValueError):
        services.annual_report_update(
            actor=coordinator, report=annual_report, version=annual_report.version, title="x"
        )


def test_two_people_writing_at_once_do_not_overwrite_each_other(
    client_for, coordinator, municipality, annual_report
):
    deputy = member(municipality, Role.COORDINATOR, username="ersattare")
    url = reverse("reports:annual_report_edit", args=["fagersta", 2021])
    read_version = annual_report.version
    first = client_for(deputy).post(
        url, {"summary": "Ersättarens sammanfattning.", "version": read_version}
    )
    assert first.status_code == 302
    second = client_for(coordinator).post(
        url, {"summary": "Samordnarens sammanfattning.", "version": read_version}
    )
    assert second.status_code == 409
    html = second.content.decode()
    assert "Samordnarens sammanfattning." in html  # the second writer's text is kept
    assert "Ersättarens sammanfattning." in html  # and the first writer's is shown
    annual_report.refresh_from_db()
    assert annual_report.summary == "Ersättarens sammanfattning."
    # Saving again, knowingly, replaces it.
    again = client_for(coordinator).post(
        url, {"summary": "Samordnarens sammanfattning.", "version": annual_report.version}
    )
    assert again.status_code == 302
    annual_report.refresh_from_db()
    assert annual_report.summary == "Samordnarens sammanfattning."


def test_pdfs_are_kept_where_no_url_serves_them(
    settings, client_for, coordinator, annual_report, django_capture_on_commit_callbacks
):
    _generate(client_for(coordinator), django_capture_on_commit_callbacks, annual_report)
    version = ReportVersion.objects.get()
    assert version.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    with pytest.raises(ValueError):
        version.file.url  # noqa: B018
