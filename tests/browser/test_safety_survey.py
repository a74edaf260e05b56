"""Acceptance: three residents answer a safety survey without signing in; the coordinator
sees three answers with the right counts; nothing that identifies a respondent is stored."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from municipalities.demo import DEMO_PASSWORD
from surveys import services
from surveys.models import Answer, Response
from tests.browser.conftest import sign_in

ANSWERS = [
    {
        "age": "40–59 år",
        "home": "Västanfors",
        "safe": "4 – Ganska trygg",
        "wishes": ["Fler poliser", "Bättre belysning"],
        "unsafe": ["Centrum"],
    },
    {
        "age": "40–59 år",
        "home": "Någon annanstans i kommunen",
        "safe": "2 – Ganska otrygg",
        "wishes": ["Fler poliser"],
        "unsafe": ["Centrum", "Kolarbyområdet"],
    },
    {
        "age": "20–39 år",
        "home": "Kolarbyområdet",
        "safe": "5 – Mycket trygg",
        "wishes": ["Kameraövervakning"],
        "unsafe": [],
    },
]


@pytest.fixture
def survey(demo):
    cache.clear()
    today = timezone.localdate()
    return services.survey_create(
        actor=None,
        municipality=demo["fagersta"],
        title="Trygghetsenkät i test",
        slug="testenkat",
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=7),
    )


def answer(page, spec):
    page.goto("/offentlig/fagersta/enkat/testenkat/")
    page.axe()
    age = page.get_by_role("group", name="Hur gammal är du?")
    age.get_by_label(spec["age"]).check()
    page.get_by_role("group", name="Var bor du?").get_by_label(spec["home"], exact=True).check()
    page.get_by_label(spec["safe"]).check()
    wishes = page.get_by_role("group", name="Vad skulle få dig att känna dig tryggare?")
    for wish in spec["wishes"]:
        wishes.get_by_label(wish).check()
    unsafe = page.get_by_role("group", name="Finns det platser där du känner dig otrygg?")
    for place in spec["unsafe"]:
        unsafe.get_by_label(place, exact=True).check()
    page.get_by_role("button", name="Skicka svaren").click()
    page.axe()
    assert page.get_by_role("heading", level=1).inner_text() == "Tack för dina svar!"


def test_three_residents_answer_and_coordinator_sees_results(page, phone_page, survey):
    answer(page, ANSWERS[0])
    answer(phone_page, ANSWERS[1])
    answer(page, ANSWERS[2])
    assert Response.objects.count() == 3

    # Nothing identifying: only a date on the response, only choices on the answers.
    for row in Response.objects.values():
        assert set(row) == {"id", "survey_id", "submitted_on", "is_example"}
        assert row["submitted_on"] == timezone.localdate()
    for row in Answer.objects.values():
        assert set(row) == {"id", "response_id", "question_id", "choice_id", "text"}
        assert row["text"] == ""
    dumped = repr(list(Response.objects.values()) + list(Answer.objects.values()))
    assert "127.0.0.1" not in dumped and "Mozilla" not in dumped

    sign_in(page, "fagersta-coordinator", DEMO_PASSWORD)
    page.axe()
    page.goto(f"/k/fagersta/trygghet/enkater/{survey.pk}/resultat/")
    page.axe()
    assert page.locator("#answer-count").inner_text() == "3 svar"
    wishes = page.get_by_role(
        "table", name="Antal och andel svar: Vad skulle få dig att känna dig tryggare?"
    )
    police = wishes.get_by_role("row").filter(has_text="Fler poliser").inner_text()
    assert police.split("\t")[1:] == ["2", "66,7 %"]
    lighting = wishes.get_by_role("row").filter(has_text="Bättre belysning").inner_text()
    assert lighting.split("\t")[1:] == ["1", "33,3 %"]
    ranking = page.get_by_role(
        "table", name="Platser rangordnade efter hur ofta de nämns som otrygga"
    )
    first = ranking.get_by_role("row").nth(1).inner_text()
    assert first.split("\t") == ["1. Centrum", "2"]
    ages = page.get_by_role("table", name="Trygghet efter åldersgrupp")
    assert ages.get_by_role("row").filter(has_text="40–59 år").inner_text().split("\t")[1] == "2"


def test_closed_survey_says_so_on_a_phone(phone_page, survey):
    services.survey_update(
        actor=None,
        survey=survey,
        opens_on=datetime.date(2021, 10, 1),
        closes_on=datetime.date(2021, 11, 30),
    )
    phone_page.goto("/offentlig/fagersta/enkat/testenkat/")
    phone_page.axe()
    assert "Enkäten är stängd" in phone_page.locator("main").inner_text()
