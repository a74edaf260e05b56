"""The coordinator enters promises from before the service was used, with the decision taken
then and their follow-up, adding commitment rows in place; a promise whose period has ended is
then never shown as current: not on the public page, the dashboard or the start page.
On a phone and on a desktop, axe on every page and, on the phone, no sideways scrolling."""

import re

from municipalities.demo import DEMO_PASSWORD
from tests.browser.conftest import PHONE, sign_in


def _settle(page):
    page.wait_for_load_state("load")
    page.axe()
    if page.viewport_size["width"] <= PHONE["width"]:
        wide = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert wide[0] <= wide[1], f"{page.url} scrolls sideways at phone size: {wide}"


def _open(page, path):
    page.goto(path)
    _settle(page)


def _click(page, role, name):
    page.get_by_role(role, name=name).click()
    _settle(page)


def _period(page, month, year, length="3"):
    page.get_by_label("Första månaden").select_option(label=month)
    page.locator("#id_start_year").fill(year)
    page.get_by_label("Längd i månader").select_option(length)


def _text(page, title):
    page.get_by_label("Rubrik").fill(title)
    page.get_by_label("Läget då").fill("Oro kring torget på kvällarna.")
    page.locator("#id_text").fill("Polisen och kommunen finns på torget.")


def _decision(page, reference):
    page.get_by_label("Beslutande organ").fill("Kommunstyrelsen")
    page.get_by_label("Beslutsdatum").fill("2020-08-20")
    page.get_by_label("Beslutsreferens").fill(reference)


def _commitment(page, number, action, outcome=None):
    row = page.get_by_role("group", name=f"Åtagande {number}")
    row.get_by_label("Part").select_option(label="Polisen och kommunen")
    row.get_by_label("Vad som ska göras").fill(action)
    if outcome:
        row.get_by_label("Utfall", exact=True).select_option(label=outcome)


def test_past_promises_are_registered_and_an_ended_one_is_never_current(page, demo):
    # The `page` fixture runs this at phone and at desktop size.
    sign_in(page, "fagersta-coordinator", DEMO_PASSWORD)
    _settle(page)

    # September–November 2020, decided then and followed up: eight commitments in one sitting.
    _open(page, "/k/fagersta/loften/")
    _click(page, "link", "Registrera ett tidigare löfte")
    _period(page, "September", "2020")
    _text(page, "Medborgarlöfte hösten 2020")
    _decision(page, "KS § 98")
    page.evaluate("window.notReloaded = true")
    outcomes = ["Genomfört", "Delvis genomfört", "Inte genomfört", "Fortsätter nästa period"]
    for number in range(1, 9):
        if number > 3:
            page.get_by_role("button", name="Lägg till rad").click()
        _commitment(page, number, f"Åtagande nummer {number}", outcomes[number % 4])
    # The rows came in place: same page, nothing typed lost.
    assert page.evaluate("window.notReloaded") is True
    assert page.locator("#id_c-TOTAL_FORMS").input_value() == "8"
    assert page.get_by_label("Rubrik").input_value() == "Medborgarlöfte hösten 2020"
    page.get_by_label("Sammanfattning av uppföljningen (valfri)").fill("Lugnare kvällar.")
    _click(page, "button", "Registrera löftet")
    main = page.locator("main").inner_text()
    assert "Löftet är registrerat i efterhand." in main
    assert "Uppföljt" in main
    assert "Åtagande nummer 8" in main
    history = page.get_by_role("table", name=re.compile("Alla statusändringar")).inner_text()
    assert "Registrerat i efterhand (beslut KS § 98)." in history
    assert "Uppföljningen registrerad i efterhand." in history

    # December 2020–February 2021, decided then, its follow-up still to be entered.
    _open(page, "/k/fagersta/loften/tidigare/")
    _period(page, "December", "2020")
    _text(page, "Medborgarlöfte vintern 2020/21")
    _decision(page, "KS § 131")
    _commitment(page, 1, "Vinterns kvällspass")
    _click(page, "button", "Registrera löftet")
    assert "Ska följas upp" in page.locator("main").inner_text()

    # Neither is current anywhere.
    _open(page, "/k/fagersta/")
    card = page.locator("section", has=page.get_by_role("heading", name="Medborgarlöften"))
    assert "Inget beslutat löfte gäller just nu." in card.inner_text()
    assert "1 löfte ska följas upp" in card.inner_text()
    _open(page, "/k/fagersta/rapporter/")
    card = page.locator("section", has=page.locator("#dash-promise"))
    assert "Senaste medborgarlöfte" in card.inner_text()
    assert "Gällande" not in card.inner_text()
    assert "Medborgarlöfte vintern 2020/21" in card.inner_text()
    _open(page, "/offentlig/fagersta/loften/")
    current = page.locator("section", has=page.get_by_role("heading", name="Löftet som gäller nu"))
    assert "Just nu finns inget beslutat löfte." in current.inner_text()
    assert "2020" not in current.inner_text()
    earlier = page.locator("section", has=page.get_by_role("heading", name=re.compile("Tidigare")))
    assert "Medborgarlöfte hösten 2020" in earlier.inner_text()
    assert "Medborgarlöfte vintern 2020/21" in earlier.inner_text()
