"""Survey answers carry random ids, and the migration that gave them their random ids kept
every answer with its own response, on SQLite and on PostgreSQL."""

import csv
import datetime
import uuid
from contextlib import contextmanager

import pytest
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from fagersta.database import database_settings
from surveys import services
from surveys.models import StandardQuestion
from tests.surveys.test_surveys import make_survey, q, submit

BEFORE = ("surveys", "0004_national_indicator")
ALIAS = "surveys_migration"


@contextmanager
def scratch_database(config):
    connections.settings[ALIAS] = connections.configure_settings({"default": config})["default"]
    try:
        yield connections[ALIAS]
    finally:
        connections[ALIAS].close()
        del connections[ALIAS]
        del connections.settings[ALIAS]


@contextmanager
def scratch_postgres():
    name = f"{connection.settings_dict['NAME']}_surveys_migration"[:63]
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        with scratch_database({**connection.settings_dict, "NAME": name}) as scratch:
            yield scratch
    finally:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _answers_before_the_change(apps) -> dict[str, datetime.date]:
    """Three responses of two answers each, every answer's text naming its response."""
    municipality = (
        apps.get_model("municipalities", "Municipality")
        .objects.using(ALIAS)
        .create(name="Fagersta", slug="fagersta", code="1982")
    )
    survey = (
        apps.get_model("surveys", "Survey")
        .objects.using(ALIAS)
        .create(
            municipality=municipality,
            title="Trygghetsenkät",
            slug="trygghet",
            opens_on=datetime.date(2021, 10, 1),
            closes_on=datetime.date(2021, 10, 31),
        )
    )
    question = (
        apps.get_model("surveys", "Question")
        .objects.using(ALIAS)
        .create(survey=survey, kind="text", text="Vad skulle öka din trygghet?")
    )
    Response = apps.get_model("surveys", "Response")
    Answer = apps.get_model("surveys", "Answer")
    dates = {}
    for n in range(3):
        day = datetime.date(2021, 10, 10 + n)
        response = Response.objects.using(ALIAS).create(survey=survey, submitted_on=day)
        for part in ("a", "b"):
            Answer.objects.using(ALIAS).create(
                response=response, question=question, text=f"svar {n}{part}"
            )
        dates[f"svar {n}"] = day
    return dates


def _migrate_with_answers(scratch):
    executor = MigrationExecutor(scratch)
    executor.migrate([BEFORE])
    dates = _answers_before_the_change(executor.loader.project_state([BEFORE]).apps)
    executor.loader.build_graph()
    after = [node for node in executor.loader.graph.leaf_nodes() if node[0] == "surveys"]
    executor.migrate(after)
    apps = executor.loader.project_state(after).apps
    Response = apps.get_model("surveys", "Response")
    Answer = apps.get_model("surveys", "Answer")
    responses = {r.pk: r.submitted_on for r in Response.objects.using(ALIAS).all()}
    answers = list(Answer.objects.using(ALIAS).values_list("pk", "response_id", "text"))
    return dates, responses, answers


def _assert_kept_together(dates, responses, answers):
    assert len(responses) == 3 and len(answers) == 6
    for pk in [*responses, *(a[0] for a in answers)]:
        assert isinstance(pk, uuid.UUID) and pk.version == 4
    texts_of: dict = {}
    for _pk, response_id, text in answers:
        texts_of.setdefault(response_id, set()).add(text)
    assert sorted(map(sorted, texts_of.values())) == [
        [f"svar {n}a", f"svar {n}b"] for n in range(3)
    ]
    for response_id, texts in texts_of.items():
        (name,) = {text[:-1] for text in texts}
        assert responses[response_id] == dates[name]


def test_the_migration_keeps_answers_with_their_response_on_sqlite(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        config = database_settings(f"sqlite:///{tmp_path / 'migration.sqlite3'}")
        with scratch_database(config) as scratch:
            _assert_kept_together(*_migrate_with_answers(scratch))


def test_the_migration_keeps_answers_with_their_response_on_postgres(django_db_blocker):
    if connection.vendor != "postgresql":
        pytest.skip("the suite runs on SQLite; the SQLite migration is tested above")
    with django_db_blocker.unblock(), scratch_postgres() as scratch:
        _assert_kept_together(*_migrate_with_answers(scratch))


@pytest.mark.django_db
def test_answers_get_random_ids(municipality):
    survey = make_survey(municipality)
    first = submit(survey, feel_safe="4 – Ganska trygg")
    second = submit(survey, feel_safe="2 – Ganska otrygg")
    for response in (first, second):
        assert isinstance(response.pk, uuid.UUID) and response.pk.version == 4
        assert all(answer.pk.version == 4 for answer in response.answers.all())


@pytest.mark.django_db
def test_the_export_does_not_number_answers_in_order_of_arrival(
    client_for, politician, municipality
):
    survey = make_survey(municipality)
    arrived = [f"svar {n:02d}" for n in range(12)]
    ids = {}
    for text in arrived:
        ids[text] = submit(survey, feel_safe="4 – Ganska trygg", safer_wishes=("other", text)).pk
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    wishes = q(survey, StandardQuestion.SAFER_WISHES)
    services.response_submit(survey=survey, answers={wishes.pk: {"text": "igår"}}, today=yesterday)
    response = client_for(politician).get(
        reverse("surveys:survey_export", args=[municipality.slug, survey.pk])
    )
    header, *rows = csv.reader(response.content.decode("utf-8-sig").splitlines(), delimiter=";")
    column = header.index(wishes.text)
    texts = [row[column] for row in rows]
    assert [row[0] for row in rows] == [str(n) for n in range(1, 14)]
    # By date first (the last to arrive answered a day earlier), then by random id.
    assert texts[0] == "igår"
    assert texts[1:] == sorted(arrived, key=ids.get)
    assert texts[1:] != arrived
