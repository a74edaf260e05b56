"""Every page of the safety-walk, survey and indicator part passes axe with the demo data,
for the coordinator (with forms) and for a council member on a phone (read only)."""

import pytest

from municipalities.demo import DEMO_PASSWORD
from surveys import demo as surveys_demo
from surveys.models import Finding, IndicatorSeries, SafetyWalk, Survey
from tests.browser.conftest import sign_in


@pytest.fixture
def demo_data(demo):
    surveys_demo.load(demo)
    return demo


def pages(fagersta):
    walk = SafetyWalk.objects.for_municipality(fagersta).first()
    finding = Finding.objects.for_municipality(fagersta).filter(status="forwarded").first()
    survey = Survey.objects.for_municipality(fagersta).get()
    series = IndicatorSeries.objects.for_municipality(fagersta).first()
    base = "/k/fagersta/trygghet"
    return [
        "/k/fagersta/",
        f"{base}/",
        f"{base}/vandringar/",
        f"{base}/vandringar/{walk.pk}/",
        f"{base}/brister/",
        f"{base}/brister/?status=overdue",
        f"{base}/brister/karta/",
        f"{base}/brister/{finding.pk}/",
        f"{base}/enkater/",
        f"{base}/enkater/{survey.pk}/",
        f"{base}/enkater/{survey.pk}/resultat/",
        f"{base}/indikatorer/",
        f"{base}/indikatorer/{series.pk}/",
    ]


def test_coordinator_pages_pass_axe(page, demo_data):
    sign_in(page, "fagersta-coordinator", DEMO_PASSWORD)
    page.axe()
    extra = [
        "/k/fagersta/trygghet/vandringar/ny/",
        "/k/fagersta/trygghet/enkater/ny/",
        "/k/fagersta/trygghet/indikatorer/ny/",
    ]
    for path in pages(demo_data["fagersta"]) + extra:
        response = page.goto(path)
        assert response.status == 200, path
        page.axe()


def test_council_member_reads_on_a_phone(phone_page, demo_data):
    sign_in(phone_page, "fagersta-council", DEMO_PASSWORD)
    phone_page.axe()
    for path in pages(demo_data["fagersta"]):
        response = phone_page.goto(path)
        assert response.status == 200, path
        phone_page.axe()
        assert "Spara" not in phone_page.locator("main").inner_text()


def test_bad_csv_import_report_passes_axe(page, demo_data, tmp_path):
    sign_in(page, "hagfors-coordinator", DEMO_PASSWORD)
    page.axe()
    series = IndicatorSeries.objects.for_municipality(demo_data["hagfors"]).get()
    page.goto(f"/k/hagfors/trygghet/indikatorer/{series.pk}/")
    page.axe()
    bad = tmp_path / "ntu.csv"
    bad.write_text("period;värde\n2024;11\n2025;elva\n", encoding="utf-8")
    page.get_by_label("CSV-fil").set_input_files(str(bad))
    page.get_by_role("button", name="Importera").click()
    page.axe()
    assert "Rad 3: Värdet ”elva” är inte ett tal." in page.get_by_role("alert").inner_text()
    assert series.values.count() == 1
