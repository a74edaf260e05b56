"""Django's request log (a 400 or 429 with its time) leaves out the public survey's pages."""

import io
import logging

import pytest
from django.urls import reverse

from fagersta.access_log import SkipUnloggedPaths
from tests.surveys.test_surveys import make_survey


@pytest.fixture
def request_log():
    """What the console handler configured in settings.LOGGING writes."""
    (console,) = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, SkipUnloggedPaths) for f in handler.filters)
    ]
    stream = io.StringIO()
    previous = console.setStream(stream)
    yield stream
    console.setStream(previous)


@pytest.mark.django_db
def test_the_request_log_leaves_out_the_public_survey(client, municipality, request_log):
    survey = make_survey(municipality)
    answer = reverse("surveys_public:answer", args=[municipality.slug, survey.slug])
    assert client.post(answer, {}).status_code == 400
    assert client.get("/finns-inte/").status_code == 404
    logged = request_log.getvalue()
    assert "/finns-inte/" in logged
    assert "enkat" not in logged
