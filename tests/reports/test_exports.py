import csv
import io

import pytest
from django.urls import reverse

from municipalities.models import Area
from reports.exports import neutralise
from situations.models import Problem

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


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+46 70", "'+46 70"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Kolarbyområdet", "Kolarbyområdet"),
        (-5, "-5"),
        (None, ""),
    ],
)
def test_it_neutralises_formula_cells(value, expected):
    assert neutralise(value) == expected


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
