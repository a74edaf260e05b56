"""The biweekly round on a phone: a reporter files, the coordinator compiles and publishes,
the reporter reads the feedback. Every page is checked by axe."""

import re

import pytest

from municipalities.demo import DEMO_PASSWORD
from situations import demo as situations_demo
from tests.browser.conftest import sign_in


@pytest.fixture
def lagesbild(demo):
    """The lägesbild demo on top of the municipalities demo.

    The national areas come from a data migration, and transactional tests that ran before
    may have emptied the table, so they are put back first."""
    from importlib import import_module

    from municipalities.models import Area

    for position, (code, name) in enumerate(
        import_module("municipalities.migrations.0002_national_areas").AREAS, start=1
    ):
        Area.objects.get_or_create(
            municipality=None, code=code, defaults={"name": name, "position": position}
        )
    situations_demo.load(demo)
    return demo


def sign_out(page) -> None:
    page.context.clear_cookies()


def test_a_report_round_trip_on_a_phone(phone_page, lagesbild):
    page = phone_page

    # The reporter files the report; the guidelines come first for a newcomer.
    sign_in(page, "fagersta-reporter", DEMO_PASSWORD)
    page.axe()
    assert "Välkommen till EST-gruppen!" in page.locator("main").inner_text()
    page.get_by_role("link", name="Fyll i lägesrapporten").click()
    page.axe()
    assert page.get_by_role("heading", level=1).inner_text() == "Uppdrag och riktlinjer"
    page.get_by_role("button", name="Jag har läst riktlinjerna").click()
    page.axe()
    assert "orosanmälan till socialtjänsten" in page.locator("main").inner_text()
    page.get_by_role("button", name="Inget nytt sedan förra perioden").click()
    page.axe()
    assert "ifylld från förra perioden" in page.get_by_role("status").inner_text()
    drugs = page.get_by_role("group", name="Ungdomar och skolor, ANDT", exact=True)
    drugs.get_by_label("■ Röd").check()
    drugs.get_by_label("Utveckling").select_option("worse")
    drugs.get_by_label("Kort beskrivning").fill("Narkotika på skolgården, ring 070-123 45 67.")
    if drugs.locator("details").get_attribute("open") is None:
        drugs.get_by_text("Var och när (frivilligt)").click()
    drugs.get_by_label("Centrum").check()
    drugs.get_by_label("När").fill("kvällar och helger")
    page.get_by_role("button", name="Skicka in rapporten").click()
    page.axe()
    assert "ser ut som ett telefonnummer" in page.locator("main").inner_text()
    assert drugs.get_by_label("När").input_value() == "kvällar och helger"
    drugs.get_by_label("Kort beskrivning").fill("Narkotika på skolgården under kvällar.")
    page.get_by_role("button", name="Skicka in rapporten").click()
    page.axe()
    assert "Rapporten för" in page.get_by_role("status").inner_text()
    sign_out(page)

    # The coordinator sees it, compiles and publishes.
    sign_in(page, "fagersta-coordinator", DEMO_PASSWORD)
    page.axe()
    page.get_by_role("link", name=re.compile("^Vilka har rapporterat för")).click()
    page.axe()
    row = page.get_by_role("row", name=re.compile("Risbroskolan"))
    assert "Har rapporterat" in row.inner_text()
    page.get_by_role("link", name="Sammanställ lägesbilden").click()
    page.axe()
    assert "Narkotika på skolgården under kvällar." in page.locator("main").inner_text()
    joint = page.get_by_role("group", name="Ungdomar och skolor, ANDT", exact=True)
    joint.get_by_label("Gemensamt läge").select_option("red")
    joint.get_by_label("Analys").fill("Narkotika sticker ut i flera rapporter.")
    page.get_by_label("Samlad analys").fill("Oro kring narkotika bland unga.")
    page.get_by_label("Beslut och åtgärder").fill("Hundsvep i skolorna och föräldramöte.")
    page.get_by_role("button", name="Spara lägesbilden").click()
    page.axe()
    page.get_by_role("button", name="Publicera och skicka återkoppling").click()
    page.axe()
    assert "Lägesbilden är publicerad" in page.get_by_role("status").inner_text()
    sign_out(page)

    # The reporter reads the feedback.
    sign_in(page, "fagersta-reporter", DEMO_PASSWORD)
    page.axe()
    page.get_by_role("link", name=re.compile("^Läs lägesbilden för")).click()
    page.axe()
    main = page.locator("main").inner_text()
    assert "Hundsvep i skolorna och föräldramöte." in main
    assert "Narkotika sticker ut i flera rapporter." in main


def test_the_heat_map_and_history_pages_pass_axe(page, lagesbild):
    sign_in(page, "fagersta-coordinator", DEMO_PASSWORD)
    page.axe()
    for path in [
        "/k/fagersta/lagesbild/",
        "/k/fagersta/lagesbild/karta/?ar=2021",
        "/k/fagersta/lagesbild/problem/",
        "/k/fagersta/lagesbild/moten/?ar=2021",
        "/k/fagersta/lagesbild/riktlinjer/",
        "/k/fagersta/lagesbild/schema/",
        "/k/fagersta/lagesbild/problem/nytt/",
        "/k/fagersta/lagesbild/moten/nytt/",
    ]:
        page.goto(path)
        page.axe()
    page.goto("/k/fagersta/lagesbild/karta/?ar=2021")
    page.axe()
    assert "Andel grönt" in page.locator("main").inner_text()
    page.goto("/k/fagersta/lagesbild/problem/")
    page.axe()
    page.get_by_role("link", name="Narkotika i omlopp bland elever").click()
    page.axe()
    assert "Historik" in page.locator("main").inner_text()
