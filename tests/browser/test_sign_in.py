import pytest

from municipalities.demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in

DEMO_ROLES = [
    ("fagersta-reporter", "Trygghetsarbetet i Fagersta", "Rapportör"),
    ("fagersta-coordinator", "Trygghetsarbetet i Fagersta", "Samordnare"),
    ("fagersta-council", "Trygghetsarbetet i Fagersta", "Brå-ledamot"),
    ("fagersta-politician", "Trygghetsarbetet i Fagersta", "Politiker"),
    ("hagfors-reporter", "Trygghetsarbetet i Hagfors", "Rapportör"),
    ("hagfors-coordinator", "Trygghetsarbetet i Hagfors", "Samordnare"),
    ("hagfors-council", "Trygghetsarbetet i Hagfors", "Brå-ledamot"),
    ("hagfors-politician", "Trygghetsarbetet i Hagfors", "Politiker"),
]


@pytest.mark.parametrize(("username", "heading", "role"), DEMO_ROLES)
def test_each_demo_role_reaches_its_start_page(page, demo, username, heading, role):
    sign_in(page, username, DEMO_PASSWORD)
    page.axe()
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert role in page.locator("main").inner_text()


def test_police_chooses_between_two_municipalities(page, demo):
    sign_in(page, "police", DEMO_PASSWORD)
    page.axe()
    assert page.get_by_role("heading", level=1).inner_text() == "Välj kommun"
    page.locator("main").get_by_role("link", name="Hagfors").click()
    page.axe()
    assert page.get_by_role("heading", level=1).inner_text() == "Trygghetsarbetet i Hagfors"


def test_failed_sign_in_shows_clear_message(page, demo):
    sign_in(page, "fagersta-reporter", "fel-losenord")
    page.axe()
    alert = page.get_by_role("alert")
    assert "Ange ett korrekt användarnamn och lösenord" in alert.inner_text()
    assert page.get_by_label("Användarnamn").input_value() == "fagersta-reporter"


def test_coordinator_adds_a_member_on_a_phone(phone_page, demo):
    page = phone_page
    sign_in(page, "fagersta-coordinator", DEMO_PASSWORD)
    page.axe()
    page.goto("/k/fagersta/medlemmar/")
    page.axe()
    page.get_by_label("Användarnamn").fill("ny-ledamot")
    page.get_by_label("Roll").select_option("council")
    page.get_by_role("button", name="Lägg till").click()
    page.axe()
    assert "ny-ledamot har fått rollen Brå-ledamot" in page.get_by_role("status").inner_text()


def test_accessibility_statement_is_public(page, demo):
    page.goto("/tillganglighet/")
    page.axe()
    assert page.get_by_role("heading", level=1).inner_text() == "Tillgänglighetsredogörelse"
