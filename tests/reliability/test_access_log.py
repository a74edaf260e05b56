"""The access log of a real gunicorn keeps no line about the public survey: no address, time
or browser of anyone who answered. Other pages are logged as before."""

import pytest

from fagersta.access_log import is_unlogged
from surveys.models import Response, StandardQuestion
from tests.factories import MunicipalityFactory
from tests.reliability.conftest import Server, database_url, require_postgres
from tests.surveys.test_surveys import choice, make_survey

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_the_access_log_leaves_out_the_public_survey(server_env, tmp_path):
    require_postgres()
    survey = make_survey(MunicipalityFactory(slug="fagersta", name="Fagersta"))
    feel_safe = choice(survey, StandardQuestion.FEEL_SAFE, "4 – Ganska trygg")
    log = tmp_path / "access.log"
    server = Server(
        {
            **server_env,
            "DATABASE_URL": database_url("trygghet-access-log"),
            "REDIS_URL": "",
            # The settings of the compose file's command, with the log in a file to read.
            "GUNICORN_CMD_ARGS": f"--access-logfile {log}",
        }
    )
    try:
        server.get("/accounts/login/")
        status, body = server.post(
            "/offentlig/fagersta/enkat/trygghet/", {feel_safe.question.field_name: feel_safe.pk}
        )
        assert status == 200 and "Tack för dina svar!" in body
        assert Response.objects.count() == 1
    finally:
        server.stop()
    lines = log.read_text().splitlines()
    assert any('"GET /accounts/login/ ' in line for line in lines)
    assert any('"GET /healthz ' in line for line in lines)
    assert not [line for line in lines if "/enkat/" in line]


def test_the_pattern_covers_every_public_survey_page():
    from django.urls import reverse

    from surveys.public_urls import urlpatterns

    for pattern in urlpatterns:
        path = reverse(f"surveys_public:{pattern.name}", args=["fagersta", "trygghet"])
        assert is_unlogged(path), path
    assert not is_unlogged("/offentlig/fagersta/loften/")
    assert not is_unlogged("/k/fagersta/trygghet/enkater/1/")
