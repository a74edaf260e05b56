"""The public page lists a survey's published results, which open without sign-in; the
coordinator adds a place that reports named outside the list ("annan plats")."""

from municipalities.demo import DEMO_PASSWORD
from municipalities.models import Place, PlaceKind
from situations.models import Assessment
from surveys import demo as surveys_demo
from surveys import services as survey_services
from surveys.models import Survey
from tests.browser.conftest import sign_in
from tests.browser.test_lagesbild import lagesbild  # noqa: F401 (the lägesbild demo)


def test_the_public_reads_published_survey_results(page, demo):
    surveys_demo.load(demo)
    survey = Survey.objects.for_municipality(demo["fagersta"]).get()
    survey_services.survey_publish_results(actor=None, survey=survey, publish=True)
    page.goto("/offentlig/fagersta/")
    page.axe()
    page.get_by_role("link", name=f"Resultat: {survey.title}").click()
    page.axe()
    assert page.get_by_role("heading", level=1).inner_text() == f"Resultat: {survey.title}"
    assert page.locator("#answer-count").inner_text().endswith("svar")


def test_the_coordinator_adds_a_named_place_to_the_list(page, lagesbild):  # noqa: F811
    fagersta = lagesbild["fagersta"]
    assessment = Assessment.objects.for_municipality(fagersta).first()
    Assessment.objects.filter(pk=assessment.pk).update(other_place="Skateparken")
    sign_in(page, "fagersta-coordinator", DEMO_PASSWORD)
    page.axe()
    page.goto("/k/fagersta/lagesbild/platser/")
    page.axe()
    card = page.locator("section.card", has=page.get_by_role("heading", name="Skateparken"))
    card.get_by_label("Typ av plats").select_option(PlaceKind.PARK)
    card.get_by_role("button", name="Lägg till i listan – Skateparken").click()
    page.wait_for_load_state("load")
    page.axe()
    assert "Skateparken finns nu i listan över platser." in page.get_by_role("main").inner_text()
    place = Place.objects.for_municipality(fagersta).get(name="Skateparken")
    assert place.kind == PlaceKind.PARK
    assert assessment.places.filter(pk=place.pk).exists()
