"""The coordinator records a measure, links it to a problem, finds it in the filtered list and
publishes it; residents see it on the public page."""

import importlib
import re

import pytest
from django.apps import apps

from municipalities.demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in, sign_out


@pytest.fixture
def measures_demo(demo):
    """The measures demo on top of the users. Browser tests flush the database between
    tests, national areas included, so they are put back first."""
    from measures import demo as measures_demo

    areas = importlib.import_module("municipalities.migrations.0002_national_areas")
    areas.create_national_areas(apps, None)
    measures_demo.load(demo)
    return demo


def test_coordinator_creates_links_and_publishes_a_measure(page, measures_demo):
    from municipalities.models import Area
    from situations.models import Problem

    fagersta = measures_demo["fagersta"]
    Problem.objects.create(
        municipality=fagersta,
        area=Area.objects.get(municipality=None, code="ordning-otrygghet"),
        title="Nedskräpning vid bensinstationen",
        description="Unga samlas med EPA-traktorer på kvällarna (exempeldata).",
    )

    sign_in(page, "fagersta-coordinator", DEMO_PASSWORD)
    page.axe()
    page.goto("/k/fagersta/insatser/")
    page.axe()
    page.get_by_role("link", name="Ny insats").click()
    page.axe()

    page.get_by_label("Rubrik").fill("Städdag med motorklubben")
    page.get_by_label("Beskrivning", exact=True).fill("Unga och klubben städar vid macken.")
    page.get_by_label("Ordningsstörning och otrygghet").check()
    page.get_by_label("Nivå").select_option("group")
    page.get_by_label("Status").select_option("ongoing")
    page.get_by_label("Startdatum").fill("2021-09-04")
    page.get_by_label("Fagersta Motorklubb").check()
    page.get_by_label("Räckvidd, antal").fill("30")
    page.get_by_label("Räckvidd, enhet").fill("unga")
    page.get_by_label("Nedskräpning vid bensinstationen").check()
    page.get_by_label("Visas offentligt").check()
    page.get_by_role("button", name="Spara insatsen").click()
    page.axe()

    assert page.get_by_role("heading", level=1).inner_text() == "Städdag med motorklubben"
    assert "Insatsen är sparad." in page.get_by_role("status").first.inner_text()
    main = page.locator("main").inner_text()
    assert "Nedskräpning vid bensinstationen" in main
    assert "Svarar inte mot någon identifierad orsak" in main

    page.get_by_role("link", name="Alla insatser").click()
    page.axe()
    page.get_by_label("Partner").select_option(label="Fagersta Motorklubb")
    page.get_by_label("År").select_option("2021")
    page.get_by_role("button", name="Filtrera").click()
    page.axe()
    table = page.get_by_role("table").inner_text()
    assert "Städdag med motorklubben" in table
    assert "Motorburen ungdom" in table
    assert "Nattvandring" not in table

    page.goto("/offentlig/fagersta/insatser/")
    page.axe()
    page.get_by_role("link", name="Städdag med motorklubben").click()
    page.axe()
    assert page.get_by_role("heading", level=1).inner_text() == "Städdag med motorklubben"
    assert "30 unga" in page.locator("main").inner_text()


def test_coordinator_checks_the_law_and_the_calendar(page, measures_demo):
    sign_in(page, "hagfors-coordinator", DEMO_PASSWORD)
    page.axe()
    page.get_by_role("link", name="Se lagkraven").click()
    page.axe()
    assert "Åtgärdsplanen är antagen" in page.get_by_role("table").inner_text()
    page.get_by_role("link", name="Till åtgärdsplanen").click()
    page.axe()
    page.get_by_role("link", name="Läs Åtgärdsplan för brottsförebyggande arbete").click()
    page.axe()
    assert "Tryggare Torget" in page.locator("main").inner_text()
    page.goto("/k/hagfors/insatser/orsaksanalys/")
    page.axe()


def test_council_member_reads_the_annual_calendar(page, measures_demo):
    sign_in(page, "fagersta-council", DEMO_PASSWORD)
    page.axe()
    page.goto("/k/fagersta/insatser/arshjul/2026/4/")
    page.axe()
    month = page.locator("main").inner_text()
    assert "Valborg" in month
    assert "Gemensam insats vid Valborg" in month
    assert page.get_by_role("link", name="Ny händelse i årshjulet").count() == 0
    page.get_by_role("link", name="maj 2026").click()
    page.axe()
    assert page.get_by_role("heading", level=1).inner_text() == "Årshjul: maj 2026"


def _sign_out(page):
    sign_out(page)
    page.axe()


def test_politician_returns_and_then_adopts_a_new_action_plan(page, measures_demo):
    sign_in(page, "hagfors-coordinator", DEMO_PASSWORD)
    page.axe()
    page.goto("/k/hagfors/insatser/atgardsplan/")
    page.axe()
    page.get_by_role("button", name="Påbörja en ny version").click()
    page.axe()
    assert "Version 2 är skapad som utkast." in page.get_by_role("status").first.inner_text()
    assert "Tryggare Torget" in page.locator("main").inner_text()
    page.get_by_role("button", name="Lämna för politiskt beslut").click()
    page.axe()
    _sign_out(page)

    sign_in(page, "hagfors-politician", DEMO_PASSWORD)
    page.axe()
    page.get_by_role("link", name="Besluta om åtgärdsplanen").click()
    page.axe()
    page.get_by_label("Vad ska ändras?").fill("Beskriv hur torget ska följas upp.")
    page.get_by_role("button", name="Återremittera planen").click()
    page.axe()
    assert "Återremitterad" in page.locator("main").inner_text()
    _sign_out(page)

    sign_in(page, "hagfors-coordinator", DEMO_PASSWORD)
    page.axe()
    page.goto("/k/hagfors/insatser/atgardsplan/")
    page.axe()
    page.get_by_role("link", name=re.compile(r"version 2\)")).click()
    page.axe()
    assert "Beskriv hur torget ska följas upp." in page.locator("main").inner_text()
    page.get_by_role("link", name="Ändra planen").click()
    page.axe()
    page.get_by_label("Sammanfattning").fill("Uppdaterad efter återremiss: torget följs upp.")
    page.get_by_role("button", name="Spara").click()
    page.axe()
    page.get_by_role("button", name="Lämna för politiskt beslut").click()
    page.axe()
    _sign_out(page)

    sign_in(page, "hagfors-politician", DEMO_PASSWORD)
    page.axe()
    page.get_by_role("link", name="Besluta om åtgärdsplanen").click()
    page.axe()
    page.get_by_label("Beslutsdatum").fill("2026-10-15")
    page.get_by_label("Paragraf").fill("KS § 140")
    page.get_by_label("Nästa översyn").fill("2028-10-31")
    page.get_by_role("button", name="Anta åtgärdsplanen").click()
    page.axe()
    main = page.locator("main").inner_text()
    assert "Åtgärdsplanen är antagen." in main
    assert "KS § 140" in main
    page.goto("/k/hagfors/insatser/efterlevnad/")
    page.axe()
    table = page.get_by_role("table").inner_text()
    assert "Version 2 (KS § 140) ses över senast 2028-10-31." in table


def test_coordinator_renames_and_removes_partners(page, measures_demo):
    from measures.models import Partner

    Partner.objects.create(municipality=measures_demo["fagersta"], name="Gamla föreningen")
    sign_in(page, "fagersta-coordinator", DEMO_PASSWORD)
    page.axe()
    page.goto("/k/fagersta/insatser/partner/")
    page.axe()
    page.get_by_role("link", name="Ändra Fagersta Motorklubb").click()
    page.axe()
    page.get_by_label("Namn").fill("")
    page.get_by_role("button", name="Spara").click()
    page.axe()
    assert page.get_by_label("Namn").get_attribute("aria-invalid") == "true"
    page.get_by_label("Namn").fill("Fagersta motorklubb FMK")
    page.get_by_role("button", name="Spara").click()
    page.axe()
    assert "Fagersta motorklubb FMK är sparad." in page.get_by_role("status").first.inner_text()
    page.get_by_role("button", name="Ta bort Gamla föreningen").click()
    page.axe()
    table = page.get_by_role("table").inner_text()
    assert "Gamla föreningen" not in table
    assert "Fagersta motorklubb FMK" in table
