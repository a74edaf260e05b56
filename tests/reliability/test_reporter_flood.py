"""The outside probe's denial of service, replayed against a real gunicorn.

Three report saves with 300 000 characters of hostile text in a report field once made the
sign-in page take 32 s for everyone and got a worker killed. Now the field's length is refused
before anything scans the text, and a body over the form limit is refused before it is read.
"""

import datetime
import importlib
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.urls import reverse
from django.utils import timezone

from municipalities.models import Area, Role
from situations.models import SituationReport
from surveys import services as survey_services
from surveys.models import Answer, QuestionKind
from tests.factories import PASSWORD, MunicipalityFactory, OrganisationFactory
from tests.reliability.conftest import Server, database_url, require_postgres, server_user
from tests.situations.factories import PeriodFactory

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
]

LENGTH = 300_000
# What a sign-in page may take for a bystander while the attack runs, and what each hostile
# post may take to be answered (the probe measured 32 s and a killed worker).
BYSTANDER_SECONDS = 2.0
HOSTILE_SECONDS = 5.0


def hostile(pattern: str) -> str:
    """Runs of letters, digits, dots and @, as the probe sent them."""
    return (pattern * (LENGTH // len(pattern) + 1))[:LENGTH]


HOSTILE_TEXTS = [
    hostile("a" * 20_000 + "@" + "b" * 20_000 + "." + "c" * 20_000),
    hostile("1" * 30_000 + "." + "2" * 30_000 + "@"),
    hostile("a.@" * 1_000 + "x" * 9_000 + "@@..0123"),
]


def timed(function, *args):
    started = time.perf_counter()
    try:
        status, body = function(*args)
    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
        status, body = None, repr(error)
    return status, body, time.perf_counter() - started


def anonymous_get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - http only
        return response.status, response.read().decode()


def report_data(areas, text: str, version: int = 0) -> dict:
    data = {"version": version, "submit": "1"}
    for index, area in enumerate(areas):
        values = {"status": "green", "trend": "same", "text": "", "when": ""}
        if index == 0:
            values["text"] = text
        elif index == 1:
            values["text"] = "Lugnt vid torget."
        for key, value in values.items():
            data[f"area-{area.pk}-{key}"] = value
    return data


def national_areas() -> list[Area]:
    """The areas the data migration made; an earlier transactional test flushed them."""
    migration = importlib.import_module("municipalities.migrations.0002_national_areas")
    for position, (code, name) in enumerate(migration.AREAS, start=1):
        Area.objects.get_or_create(
            municipality=None, code=code, defaults={"name": name, "position": position}
        )
    return list(Area.objects.national())


def test_hostile_report_text_neither_freezes_nor_kills_a_worker(server_env):
    require_postgres()
    municipality = MunicipalityFactory(slug="fagersta", name="Fagersta")
    organisation = OrganisationFactory(municipality=municipality, name="Risbroskolan")
    server_user(municipality, Role.REPORTER, "rapportor", organisation=organisation)
    today = timezone.localdate()
    start = today - datetime.timedelta(days=today.weekday())
    period = PeriodFactory(
        municipality=municipality,
        starts_on=start,
        ends_on=start + datetime.timedelta(days=13),
        deadline=start + datetime.timedelta(days=10),
    )
    areas = national_areas()
    path = reverse("situations:report", args=["fagersta", period.pk, organisation.pk])

    server = Server({**server_env, "DATABASE_URL": database_url("trygghet-hostile")}, workers=2)
    try:
        server.sign_in("rapportor", PASSWORD)
        assert server.get(path)[0] == 200
        token = server.csrf_token()
        posts = [
            {**report_data(areas, text), "csrfmiddlewaretoken": token} for text in HOSTILE_TEXTS
        ]
        # Over the form limit (DATA_UPLOAD_MAX_BYTES, 1 MB) but under the whole-body limit.
        too_big = {**report_data(areas, "a@1." * 300_000), "csrfmiddlewaretoken": token}
        assert len(urllib.parse.urlencode(too_big)) > 1024 * 1024

        with ThreadPoolExecutor(max_workers=5) as pool:
            hostile_futures = [pool.submit(timed, server.request, path, data) for data in posts]
            big_future = pool.submit(timed, server.request, path, too_big)
            time.sleep(0.2)  # the attack is under way
            bystander = timed(anonymous_get, server.url + "/accounts/login/")
            hostile_results = [future.result() for future in hostile_futures]
            big_result = big_future.result()

        status, body, seconds = bystander
        assert status == 200 and 'id="id_password"' in body, (status, body[:300])
        assert seconds < BYSTANDER_SECONDS, f"the sign-in page took {seconds:.2f} s"

        for status, body, seconds in hostile_results:
            assert status == 400, (status, body[:500])
            assert f"har som mest 1000 tecken (den har {LENGTH})" in body
            assert "Lugnt vid torget." in body  # the form came back with the rest kept
            assert seconds < HOSTILE_SECONDS, f"a hostile post took {seconds:.2f} s"
        status, body, seconds = big_result
        assert status in (400, 413), (status, body[:500])
        assert seconds < HOSTILE_SECONDS, f"the oversized post took {seconds:.2f} s"
        assert not SituationReport.objects.exists()

        # The same workers still serve, and the public survey refuses a huge answer at the field.
        survey = survey_services.survey_create(
            actor=None,
            municipality=municipality,
            title="Trygghetsenkät",
            slug="trygghet",
            opens_on=today - datetime.timedelta(days=1),
            closes_on=today + datetime.timedelta(days=10),
        )
        question = survey_services.question_add(
            actor=None, survey=survey, text="Något mer?", kind=QuestionKind.TEXT, options=[]
        )
        survey_path = reverse("surveys_public:answer", args=["fagersta", "trygghet"])
        server.forget_session()  # a resident, not the reporter
        assert server.get(survey_path)[0] == 200
        status, body, seconds = timed(
            server.request,
            survey_path,
            {question.field_name: hostile("a.@1"), "csrfmiddlewaretoken": server.csrf_token()},
        )
        assert status == 400, (status, body[:500])
        assert f"har som mest 500 tecken (den har {LENGTH})" in body
        assert seconds < HOSTILE_SECONDS, f"the survey answer took {seconds:.2f} s"
        assert not Answer.objects.exists()
    finally:
        server.stop()
    log = server.process.stderr.read().decode()
    # A refused body is logged as "Bad Request" with its traceback; an error would say so.
    for sign in ("WORKER TIMEOUT", "SIGKILL", "Internal Server Error"):
        assert sign not in log, log[-3000:]
    print(
        f"sign-in {bystander[2]:.2f} s; hostile posts "
        + ", ".join(f"{r[2]:.2f}" for r in hostile_results)
        + f" s; oversized {big_result[0]} in {big_result[2]:.2f} s; survey {seconds:.2f} s"
    )
