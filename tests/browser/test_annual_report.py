"""The coordinator writes the annual report, generates the PDF and follows the job; every
reports page passes axe."""

import importlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command

from municipalities.demo import DEMO_PASSWORD
from tests.browser.conftest import follow_menu, sign_in


@pytest.fixture
def reports_data(demo, settings, tmp_path):
    """The whole demo: every app's data feeds the dashboard, comparison and report. Browser
    tests flush the database between tests, national areas included, so they are put back
    first."""
    areas = importlib.import_module("municipalities.migrations.0002_national_areas")
    areas.create_national_areas(apps, None)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    call_command("load_demo", force=True, stdout=io.StringIO())
    return demo


def test_coordinator_generates_the_annual_report(page, reports_data):
    sign_in(page, "fagersta-coordinator", DEMO_PASSWORD)
    page.axe()
    follow_menu(page, "Översikt")
    page.axe()
    assert "Översikt för Fagersta" in page.get_by_role("heading", level=1).inner_text()

    follow_menu(page, "Årsrapport")
    page.axe()
    page.get_by_role("link", name="Årsrapport 2021").click()
    page.axe()
    page.get_by_label("Sammanfattning").fill("Ett år med tydligare struktur.")
    page.get_by_role("button", name="Spara texterna").click()
    page.axe()
    assert "Texterna är sparade" in page.get_by_role("status").first.inner_text()

    # The PDF is made while the browser waits; on a busy machine that takes a while.
    page.get_by_role("button", name="Generera PDF").click(timeout=90_000)
    page.axe()
    assert "PDF för årsrapport 2021" in page.get_by_role("heading", level=1).inner_text()
    download_link = page.get_by_role("link", name="Ladda ner version 1 (PDF)")
    with page.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename == "arsrapport-fagersta-2021-v1.pdf"

    page.get_by_role("link", name="Tillbaka till årsrapport 2021").click()
    page.axe()
    page.get_by_role("link", name="Förhandsvisa årsrapporten 2021 som webbsida").click()
    page.axe()
    main = page.locator("main").inner_text()
    assert "Ett år med tydligare struktur." in main
    assert "träffades 21 gånger" in main


def test_council_member_reads_the_comparison_and_dashboard(page, reports_data):
    sign_in(page, "fagersta-council", DEMO_PASSWORD)
    page.axe()
    follow_menu(page, "Översikt")
    page.axe()
    assert "Gemensam lägesbild" in page.locator("main").inner_text()
    follow_menu(page, "Jämförelse")
    page.axe()
    assert "Hagfors" in page.locator("main").inner_text()
    page.get_by_label("År").select_option("2021")
    page.get_by_role("button", name="Visa", exact=True).click()
    page.axe()
    assert "Fagersta K1" in page.locator("main").inner_text()


def test_coordinator_finds_the_exports(page, reports_data):
    sign_in(page, "fagersta-coordinator", DEMO_PASSWORD)
    page.axe()
    follow_menu(page, "Export")
    page.axe()
    assert page.get_by_role("link", name="Ladda ner Problem (CSV)").is_visible()
