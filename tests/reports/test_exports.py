import csv
import datetime
import io

import pytest
from django.urls import reverse

from municipalities.models import Area
from situations.models import Problem
from surveys import services as survey_services
from surveys.models import Answer, Response
from tests.measures.factories import MeasureFactory
from tests.promises.factories import CommitmentFactory, DecidedPromiseFactory
from tests.situations.factories import AssessmentFactory, PeriodFactory, ReportFactory
from tests.surveys.factories import FindingFactory, WalkFactory

pytestmark = pytest.mark.django_db


def _problem(municipality, **fields):
    return Problem.objects.create(
        municipality=municipality,
        area=Area.objects.national().first(),
        title=fields.pop("title", "Nedskräpning vid bensinstationen"),
        description=fields.pop("description", "Ungdomar samlas kvällstid."),
        **fields,
    )


def _download(client, slug, kind):
    response = client.get(reverse("reports:export_csv", args=[slug, kind]))
    body = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response, body


def test_it_exports_problems_as_excel_friendly_csv(client_for, coordinator, municipality):
    _problem(municipality, title="=cmd|' /C calc'!A0", description="Ökad otrygghet i centrum")
    response, body = _download(client_for(coordinator), "fagersta", "problem")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][4] == "Rubrik"
    assert rows[1][4] == "'=cmd|' /C calc'!A0"
    assert rows[1][5] == "Ökad otrygghet i centrum"


def test_it_exports_only_my_municipality(client_for, coordinator, municipality, other_municipality):
    _problem(municipality, title="Fagerstas problem")
    _problem(other_municipality, title="Hagfors problem")
    _, body = _download(client_for(coordinator), "fagersta", "problem")
    text = body.decode("utf-8-sig")
    assert "Fagerstas problem" in text
    assert "Hagfors problem" not in text


@pytest.mark.parametrize("fixture", ["council_member", "politician", "reporter"])
def test_it_requires_coordinator_role(request, client_for, fixture):
    client = client_for(request.getfixturevalue(fixture))
    assert client.get(reverse("reports:export_list", args=["fagersta"])).status_code == 403
    response, _ = _download(client, "fagersta", "problem")
    assert response.status_code == 403


def test_it_hides_other_municipality(client_for, outsider, municipality):
    response, _ = _download(client_for(outsider), "fagersta", "problem")
    assert response.status_code == 404


def test_an_unknown_export_is_not_found(client_for, coordinator):
    response, _ = _download(client_for(coordinator), "fagersta", "personnummer")
    assert response.status_code == 404


def test_the_export_page_lists_the_exports(client_for, coordinator):
    page = client_for(coordinator).get(reverse("reports:export_list", args=["fagersta"]))
    assert reverse("reports:export_csv", args=["fagersta", "problem"]) in page.content.decode()


def _one_of_each(municipality, marker):
    area = Area.objects.national().first()
    report = ReportFactory(period=PeriodFactory(municipality=municipality), status="submitted")
    AssessmentFactory(report=report, area=area, status="yellow", text=f"{marker} lägesrapport")
    promise = DecidedPromiseFactory(municipality=municipality, title=f"{marker} löfte")
    CommitmentFactory(promise=promise, action=f"{marker} åtagande")
    MeasureFactory(municipality=municipality, title=f"{marker} insats")
    FindingFactory(walk=WalkFactory(municipality=municipality), description=f"{marker} brist")
    survey = survey_services.survey_create(
        actor=None,
        municipality=municipality,
        title=f"{marker} enkät",
        slug=f"enkat-{municipality.slug}",
        opens_on=datetime.date(2021, 10, 1),
        closes_on=datetime.date(2021, 11, 30),
    )
    question = survey.questions.filter(choices__isnull=False).first()
    response = Response.objects.create(survey=survey, submitted_on=datetime.date(2021, 10, 2))
    Answer.objects.create(response=response, question=question, choice=question.choices.first())


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("lagesrapporter", "FAGERSTA lägesrapport"),
        ("problem", "FAGERSTA problem"),
        ("medborgarloften", "FAGERSTA åtagande"),
        ("insatser", "FAGERSTA insats"),
        ("brister", "FAGERSTA brist"),
        ("enkatsvar", "FAGERSTA enkät"),
    ],
)
def test_every_export_holds_my_data_and_only_mine(
    client_for, coordinator, municipality, other_municipality, kind, expected
):
    _one_of_each(municipality, "FAGERSTA")
    _problem(municipality, title="FAGERSTA problem")
    _one_of_each(other_municipality, "HAGFORS")
    _problem(other_municipality, title="HAGFORS problem")
    response, body = _download(client_for(coordinator), "fagersta", kind)
    assert response.status_code == 200
    text = body.decode("utf-8-sig")
    assert body.startswith(b"\xef\xbb\xbf")
    assert expected in text
    assert "HAGFORS" not in text
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len({len(row) for row in rows}) == 1, "every row has as many cells as the header"
