"""Published survey results: the coordinator publishes them, the public page lists them, and
only counts and shares are public, never what residents wrote in their own words."""

import pytest
from django.urls import reverse

from surveys import selectors, services
from surveys.forms import ResponseForm
from surveys.models import QuestionKind
from surveys.results import survey_results
from tests.surveys.test_surveys import answer_post, make_survey, url

pytestmark = pytest.mark.django_db

SECRET_PLACE = "Bakom Ica hos Svensson"
SECRET_TEXT = "Grannen på Storgatan 5 langar"


def results_url(survey):
    return reverse("surveys_public:results", args=[survey.municipality.slug, survey.slug])


def start_url(municipality):
    return reverse("public_start", args=[municipality.slug])


def answered_survey(municipality, **fields):
    survey = make_survey(municipality, **fields)
    own = services.question_add(
        actor=None, survey=survey, text="Något mer?", kind=QuestionKind.TEXT, options=[]
    )
    questions = selectors.survey_questions(survey=survey)
    for picks, text in (
        ({"feel_safe": "4 – Ganska trygg", "unsafe_places": ["Centrum"]}, ""),
        ({"feel_safe": "2 – Ganska otrygg", "unsafe_places": ("other", SECRET_PLACE)}, SECRET_TEXT),
    ):
        data = answer_post(survey, **picks)
        data[own.field_name] = text
        form = ResponseForm(data, questions=questions)
        assert form.is_valid(), form.errors
        services.response_submit(survey=survey, answers=form.answers())
    return survey


def test_coordinator_publishes_results(client_for, coordinator, municipality):
    survey = answered_survey(municipality)
    response = client_for(coordinator).post(
        url("survey_publish", municipality, survey.pk), {"publish": "1"}
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.results_published_at is not None
    page = client_for(coordinator).get(url("survey_results", municipality, survey.pk))
    assert results_url(survey) in page.content.decode()


def test_coordinator_takes_results_back(client, client_for, coordinator, municipality):
    survey = answered_survey(municipality)
    services.survey_publish_results(actor=None, survey=survey, publish=True)
    client_for(coordinator).post(url("survey_publish", municipality, survey.pk), {"publish": "0"})
    survey.refresh_from_db()
    assert survey.results_published_at is None
    assert client.get(results_url(survey)).status_code == 404


def test_a_survey_without_answers_is_not_published(client_for, coordinator, municipality):
    survey = make_survey(municipality)
    response = client_for(coordinator).post(
        url("survey_publish", municipality, survey.pk), {"publish": "1"}, follow=True
    )
    assert "Enkäten har inga svar att publicera än." in response.content.decode()
    survey.refresh_from_db()
    assert survey.results_published_at is None


def test_a_bad_choice_publishes_nothing(client_for, coordinator, municipality):
    survey = answered_survey(municipality)
    response = client_for(coordinator).post(
        url("survey_publish", municipality, survey.pk), {"publish": "ja" * 200}
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.results_published_at is None


@pytest.mark.parametrize("role", ["council_member", "politician", "reporter"])
def test_only_a_coordinator_publishes(request, client_for, municipality, role):
    survey = answered_survey(municipality)
    response = client_for(request.getfixturevalue(role)).post(
        url("survey_publish", municipality, survey.pk), {"publish": "1"}
    )
    assert response.status_code == 403
    survey.refresh_from_db()
    assert survey.results_published_at is None


def test_another_municipalitys_survey_is_not_found(
    client_for, coordinator, municipality, other_municipality
):
    survey = answered_survey(other_municipality)
    response = client_for(coordinator).post(
        url("survey_publish", municipality, survey.pk), {"publish": "1"}
    )
    assert response.status_code == 404
    survey.refresh_from_db()
    assert survey.results_published_at is None


def test_unpublished_results_are_not_public(client, municipality):
    survey = answered_survey(municipality)
    assert client.get(results_url(survey)).status_code == 404
    page = client.get(start_url(municipality)).content.decode()
    assert results_url(survey) not in page
    assert "Inga enkätresultat är publicerade än." in page


def test_published_results_are_listed_and_shown_without_free_text(client, municipality):
    survey = answered_survey(municipality, title="Trygghetsenkät 2026")
    full = survey_results(survey=survey)  # the members' page has what residents wrote
    assert SECRET_TEXT in {text for item in full.questions for text in item.texts}
    assert SECRET_PLACE in {name for name, _count in full.unsafe_places}
    services.survey_publish_results(actor=None, survey=survey, publish=True)
    start = client.get(start_url(municipality)).content.decode()
    assert results_url(survey) in start
    response = client.get(results_url(survey))
    assert response.status_code == 200
    body = response.content.decode()
    assert "2 svar" in body
    assert "Centrum" in body
    assert SECRET_PLACE not in body
    assert SECRET_TEXT not in body
    results = response.context["results"]
    assert all(not item.texts for item in results.questions)
    assert [name for name, _count in results.unsafe_places] == ["Centrum"]


def test_published_results_of_one_municipality_are_not_another_s(
    client, municipality, other_municipality
):
    survey = answered_survey(other_municipality)
    services.survey_publish_results(actor=None, survey=survey, publish=True)
    wrong = reverse("surveys_public:results", args=[municipality.slug, survey.slug])
    assert client.get(wrong).status_code == 404
    assert results_url(survey) not in client.get(start_url(municipality)).content.decode()
