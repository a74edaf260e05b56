import pytest
from django.urls import reverse

from measures.models import Cause, CauseAnalysis, CauseBranch
from tests.measures.factories import (
    CauseAnalysisFactory,
    CauseFactory,
    MeasureFactory,
    ProblemFactory,
)

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"measures:{name}", args=["fagersta", *args])


def cause_data(**overrides):
    return {
        "branch": CauseBranch.PLACE,
        "description": "Mörker och skymd sikt vid gångtunneln",
        "evidence": "Trygghetsvandringen i oktober (exempeldata).",
        **overrides,
    }


def test_it_starts_an_analysis_once(client_for, coordinator, municipality):
    problem = ProblemFactory(municipality=municipality)
    client = client_for(coordinator)
    first = client.post(url("cause_analysis_start", problem.pk))
    second = client.post(url("cause_analysis_start", problem.pk))
    assert first.status_code == second.status_code == 302
    assert CauseAnalysis.objects.filter(problem=problem).count() == 1


def test_it_requires_coordinator_role_to_start(client_for, council_member, municipality):
    problem = ProblemFactory(municipality=municipality)
    response = client_for(council_member).post(url("cause_analysis_start", problem.pk))
    assert response.status_code == 403
    assert not CauseAnalysis.objects.exists()


def test_it_hides_other_municipality_problem(client_for, coordinator, other_municipality):
    problem = ProblemFactory(municipality=other_municipality)
    response = client_for(coordinator).post(url("cause_analysis_start", problem.pk))
    assert response.status_code == 404
    assert not CauseAnalysis.objects.exists()


def test_it_adds_a_cause_with_measures(client_for, coordinator, municipality):
    analysis = CauseAnalysisFactory(problem__municipality=municipality)
    measure = MeasureFactory(municipality=municipality, title="Belysning")
    response = client_for(coordinator).post(
        url("cause_add", analysis.pk), cause_data(measures=[measure.pk])
    )
    assert response.status_code == 302
    cause = analysis.causes.get()
    assert cause.branch == CauseBranch.PLACE
    assert list(cause.measures.all()) == [measure]


def test_it_keeps_the_text_when_a_cause_is_incomplete(client_for, coordinator, municipality):
    analysis = CauseAnalysisFactory(problem__municipality=municipality)
    response = client_for(coordinator).post(
        url("cause_add", analysis.pk), cause_data(description="", evidence="Polisens statistik")
    )
    assert response.status_code == 400
    assert "Polisens statistik" in response.content.decode()
    assert not Cause.objects.exists()


def test_it_refuses_a_measure_of_another_municipality(
    client_for, coordinator, municipality, other_municipality
):
    analysis = CauseAnalysisFactory(problem__municipality=municipality)
    foreign = MeasureFactory(municipality=other_municipality)
    response = client_for(coordinator).post(
        url("cause_add", analysis.pk), cause_data(measures=[foreign.pk])
    )
    assert response.status_code == 400
    assert not Cause.objects.exists()


def test_it_requires_coordinator_role_to_add_a_cause(client_for, politician, municipality):
    analysis = CauseAnalysisFactory(problem__municipality=municipality)
    assert client_for(politician).get(url("cause_analysis_detail", analysis.pk)).status_code == 200
    response = client_for(politician).post(url("cause_add", analysis.pk), cause_data())
    assert response.status_code == 403
    assert not Cause.objects.exists()


def test_it_hides_causes_from_other_municipality(client_for, outsider, municipality):
    cause = CauseFactory(analysis__problem__municipality=municipality, description="Före")
    client = client_for(outsider)
    assert client.post(url("cause_add", cause.analysis_id), cause_data()).status_code == 404
    assert client.post(url("cause_edit", cause.pk), cause_data()).status_code == 404
    assert client.post(url("cause_delete", cause.pk)).status_code == 404
    cause.refresh_from_db()
    assert cause.description == "Före"


def test_it_edits_and_deletes_a_cause(client_for, coordinator, municipality):
    cause = CauseFactory(analysis__problem__municipality=municipality)
    client = client_for(coordinator)
    response = client.post(url("cause_edit", cause.pk), cause_data(branch=CauseBranch.OFFENDER))
    assert response.status_code == 302
    cause.refresh_from_db()
    assert cause.branch == CauseBranch.OFFENDER
    assert client.post(url("cause_delete", cause.pk)).status_code == 302
    assert not Cause.objects.exists()


def test_it_shows_measures_that_answer_no_cause(client_for, coordinator, municipality):
    problem = ProblemFactory(municipality=municipality)
    analysis = CauseAnalysisFactory(problem=problem)
    answering = MeasureFactory(municipality=municipality, title="Belysning i tunneln")
    loose = MeasureFactory(municipality=municipality, title="Affischkampanj")
    problem.measures.set([answering, loose])
    CauseFactory(analysis=analysis).measures.set([answering])
    content = client_for(coordinator).get(url("cause_analysis_detail", analysis.pk))
    unanswering = content.content.decode().split('data-testid="unanswering"')[1].split("</ul>")[0]
    assert "Affischkampanj" in unanswering
    assert "Belysning i tunneln" not in unanswering
