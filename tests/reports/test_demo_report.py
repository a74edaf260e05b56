"""Acceptance: the demo Fagersta 2021 report, generated through the job, read back with
pypdf."""

import pytest
from django.core.management import call_command

from municipalities.models import Area, Municipality, Role
from reports import services
from reports.models import AnnualReport, JobStatus
from tests.reports.pdfutil import pdf_metadata, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_pdf(django_capture_on_commit_callbacks):
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    fagersta = Municipality.objects.get(slug="fagersta")
    report = AnnualReport.objects.for_municipality(fagersta).get(year=2021)
    coordinator = fagersta.memberships.get(
        role=Role.COORDINATOR, user__username="fagersta-coordinator"
    ).user
    with django_capture_on_commit_callbacks(execute=True):
        job = services.report_job_request(actor=coordinator, report=report)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    return job.version.file.read()


def test_the_demo_report_reads_as_fagerstas_2021_report(demo_pdf):
    text = pdf_text(demo_pdf)
    assert "FAGERSTA KOMMUN" in text  # the cover sets it in capitals
    assert "Brottsförebyggande och trygghetsskapande arbete år 2021" in text
    # Swedish characters survive the round trip through the PDF.
    for word in ["Mälardalens högskola", "Länsstyrelsen", "våld i nära relation", "Årsrapport"]:
        assert word in " ".join(text.split()), word
    assert "Sammanfattning" in text


def test_the_demo_report_tells_the_year_from_the_data(demo_pdf):
    text = " ".join(pdf_text(demo_pdf).split())
    assert "EST-gruppen (Effektiv samverkan för trygghet) träffades 21 gånger under året" in text
    assert "Det lokala brottsförebyggande rådet höll sex möten" in text
    for area in Area.objects.national():
        assert area.name in text, area.name
    assert "Under året genomfördes tre trygghetsvandringar" in text
    for place in ("Kolarbyområdet", "centrum", "Västanfors"):
        assert place.lower() in text.lower()
    assert "Totalt kom 187 svar in" in text
    assert "Medborgarlöften" in text


def test_the_demo_report_declares_pdf_a(demo_pdf):
    metadata = pdf_metadata(demo_pdf)
    assert 'pdfaid:part="3"' in metadata
    assert 'pdfaid:conformance="B"' in metadata
