import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from surveys import selectors, services
from surveys.models import (
    Answer,
    IndicatorValue,
    Question,
    QuestionKind,
    Response,
    StandardQuestion,
    Survey,
)
from tests.factories import PlaceFactory
from tests.surveys.factories import SeriesFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def url(name, municipality, *args):
    return reverse(f"surveys:{name}", args=[municipality.slug, *args])


def public_url(survey, key=None):
    return reverse("surveys_public:answer", args=[survey.municipality.slug, key or survey.slug])


def make_survey(municipality, **fields):
    today = timezone.localdate()
    PlaceFactory(municipality=municipality, name="Västanfors")
    PlaceFactory(municipality=municipality, name="Centrum")
    defaults = {
        "title": "Trygghetsenkät",
        "slug": "trygghet",
        "opens_on": today - datetime.timedelta(days=1),
        "closes_on": today + datetime.timedelta(days=10),
    }
    return services.survey_create(actor=None, municipality=municipality, **{**defaults, **fields})


def q(survey, code):
    return Question.objects.get(survey=survey, code=code)


def choice(survey, code, label):
    return q(survey, code).choices.get(label=label)


def answer_post(survey, **picks):
    """Form data: picks maps standard codes to a label, a list of labels, or ("other", text)."""
    data = {}
    for code, value in picks.items():
        question = q(survey, code)
        if isinstance(value, tuple):
            data[f"{question.field_name}_other"] = value[1]
        elif isinstance(value, list):
            data[question.field_name] = [choice(survey, code, v).pk for v in value]
        else:
            data[question.field_name] = choice(survey, code, value).pk
    return data


# -- creating surveys -----------------------------------------------------------------------


def test_it_creates_survey_with_standard_questions(client_for, coordinator, municipality):
    PlaceFactory(municipality=municipality, name="Kolarbyområdet")
    response = client_for(coordinator).post(
        url("survey_create", municipality),
        {
            "title": "Trygghetsenkät 2026",
            "slug": "enkat-2026",
            "opens_on": "2026-03-01",
            "closes_on": "2026-03-31",
        },
    )
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert survey.municipality == municipality
    codes = list(survey.questions.values_list("code", flat=True))
    assert codes == [c.value for c in StandardQuestion]
    homes = [c.label for c in q(survey, StandardQuestion.HOME_PLACE).choices.all()]
    assert "Kolarbyområdet" in homes
    wishes = [c.label for c in q(survey, StandardQuestion.SAFER_WISHES).choices.all()]
    assert wishes[:2] == ["Fler poliser", "Bättre belysning"]
    assert q(survey, StandardQuestion.SAFER_WISHES).other_label == "Annat"


def test_where_you_live_offers_residential_areas_only(municipality):
    from municipalities.models import PlaceKind

    PlaceFactory(municipality=municipality, name="Skolan", kind=PlaceKind.SCHOOL)
    PlaceFactory(municipality=municipality, name="Korsningen", kind=PlaceKind.STREET)
    survey = make_survey(municipality)  # Västanfors and Centrum, both residential here
    homes = [c.label for c in q(survey, StandardQuestion.HOME_PLACE).choices.all()]
    assert homes == ["Centrum", "Västanfors", "Någon annanstans i kommunen"]
    unsafe = [c.label for c in q(survey, StandardQuestion.UNSAFE_PLACES).choices.all()]
    assert {"Skolan", "Korsningen"} <= set(unsafe)


def test_it_refuses_closing_before_opening(client_for, coordinator, municipality):
    response = client_for(coordinator).post(
        url("survey_create", municipality),
        {"title": "X", "slug": "x", "opens_on": "2026-03-10", "closes_on": "2026-03-01"},
    )
    assert response.status_code == 400
    assert "Enkäten kan inte stänga innan den öppnar." in response.content.decode()
    assert not Survey.objects.exists()


def test_it_requires_coordinator_role_to_create_survey(client_for, council_member, municipality):
    response = client_for(council_member).post(
        url("survey_create", municipality),
        {"title": "X", "slug": "x", "opens_on": "2026-03-01", "closes_on": "2026-03-10"},
    )
    assert response.status_code == 403
    assert not Survey.objects.exists()


def test_it_hides_survey_creation_from_outsider(client_for, outsider, municipality):
    assert client_for(outsider).get(url("survey_create", municipality)).status_code == 404


def test_it_adds_own_question(client_for, coordinator, municipality):
    survey = make_survey(municipality)
    response = client_for(coordinator).post(
        url("question_add", municipality, survey.pk),
        {"text": "Känner du till medborgarlöftena?", "kind": "single", "options": "Ja\nNej\n"},
    )
    assert response.status_code == 302
    own = survey.questions.get(code="")
    assert [c.label for c in own.choices.all()] == ["Ja", "Nej"]
    assert own.position > q(survey, StandardQuestion.INFO_SOURCE).position


def test_it_needs_two_options_for_a_choice_question(client_for, coordinator, municipality):
    survey = make_survey(municipality)
    response = client_for(coordinator).post(
        url("question_add", municipality, survey.pk),
        {"text": "Min fråga", "kind": "multiple", "options": "Bara ett"},
    )
    assert response.status_code == 400
    assert "Ange minst två svarsalternativ" in response.content.decode()
    assert "Min fråga" in response.content.decode()


def test_it_requires_coordinator_role_to_add_question(client_for, politician, municipality):
    survey = make_survey(municipality)
    response = client_for(politician).post(
        url("question_add", municipality, survey.pk), {"text": "X", "kind": "text"}
    )
    assert response.status_code == 403


def test_it_hides_other_municipality_survey(
    client_for, coordinator, municipality, other_municipality
):
    survey = make_survey(other_municipality)
    client = client_for(coordinator)
    for name in ("survey_detail", "survey_results", "survey_export", "survey_edit"):
        assert client.get(url(name, municipality, survey.pk)).status_code == 404
    response = client.post(
        url("question_add", municipality, survey.pk), {"text": "X", "kind": "text"}
    )
    assert response.status_code == 404
    question = survey.questions.first()
    assert client.post(url("question_remove", municipality, question.pk)).status_code == 404


def test_it_edits_survey_dates(client_for, coordinator, municipality):
    survey = make_survey(municipality)
    response = client_for(coordinator).post(
        url("survey_edit", municipality, survey.pk),
        {
            "title": "Ny rubrik",
            "slug": "trygghet",
            "opens_on": "2026-01-01",
            "closes_on": "2026-01-31",
        },
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.title == "Ny rubrik"
    assert survey.closes_on == datetime.date(2026, 1, 31)


def test_it_removes_own_question_without_answers(client_for, coordinator, municipality):
    survey = make_survey(municipality)
    own = services.question_add(
        actor=coordinator, survey=survey, text="Fri", kind=QuestionKind.TEXT, options=[]
    )
    response = client_for(coordinator).post(url("question_remove", municipality, own.pk))
    assert response.status_code == 302
    assert not Question.objects.filter(pk=own.pk).exists()


# -- the public form ------------------------------------------------------------------------


def test_public_form_opens_without_sign_in(client, municipality):
    survey = make_survey(municipality)
    for key in (survey.slug, str(survey.pk)):
        response = client.get(public_url(survey, key))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Hur trygg känner du dig" in body
        assert "<legend>" in body


def test_it_stores_anonymous_answer_with_date_only(client, municipality):
    survey = make_survey(municipality)
    data = answer_post(
        survey,
        age_group="40–59 år",
        home_place="Västanfors",
        feel_safe="4 – Ganska trygg",
        safer_wishes=["Fler poliser", "Bättre belysning"],
        unsafe_places=("other", "Gångtunneln"),
    )
    response = client.post(
        public_url(survey), data, REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Testläsare/1.0"
    )
    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.submitted_on == timezone.localdate()
    assert {f.name for f in Response._meta.concrete_fields} == {
        "id",
        "survey",
        "submitted_on",
        "is_example",
    }
    assert {f.name for f in Answer._meta.concrete_fields} == {
        "id",
        "response",
        "question",
        "choice",
        "text",
    }
    rows = [*Response.objects.values(), *Answer.objects.values()]
    dumped = repr(rows)
    for identifying in ("203.0.113.7", "Testläsare", "sessionid"):
        assert identifying not in dumped
    assert Answer.objects.count() == 6
    assert Answer.objects.get(text__gt="").text == "Gångtunneln"


def test_answering_writes_nothing_but_the_answer(client, municipality):
    from django.apps import apps

    survey = make_survey(municipality)
    before = {m: m.objects.count() for m in apps.get_models()}
    response = client.post(
        public_url(survey),
        answer_post(survey, feel_safe="5 – Mycket trygg"),
        REMOTE_ADDR="203.0.113.8",
    )
    assert response.status_code == 302
    changed = {m.__name__ for m in apps.get_models() if m.objects.count() != before[m]}
    assert changed == {"Response", "Answer"}


def test_it_requires_answer_to_required_question(client, municipality):
    survey = make_survey(municipality)
    data = answer_post(survey, age_group="20–39 år")
    data[f"{q(survey, StandardQuestion.INFO_SOURCE).field_name}_other"] = "Anslagstavlan"
    response = client.post(public_url(survey), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Svara på den här frågan." in body
    assert "Anslagstavlan" in body
    assert not Response.objects.exists()


def test_closed_survey_says_so(client, municipality):
    survey = make_survey(
        municipality, opens_on=datetime.date(2021, 10, 1), closes_on=datetime.date(2021, 11, 30)
    )
    response = client.get(public_url(survey))
    assert "Enkäten är stängd" in response.content.decode()
    response = client.post(public_url(survey), answer_post(survey, feel_safe="5 – Mycket trygg"))
    assert "Enkäten är stängd" in response.content.decode()
    assert not Response.objects.exists()


def test_it_does_not_open_other_municipality_survey(client, municipality, other_municipality):
    survey = make_survey(other_municipality)
    response = client.get(reverse("surveys_public:answer", args=[municipality.slug, survey.slug]))
    assert response.status_code == 404


def test_honeypot_stores_nothing(client, municipality):
    survey = make_survey(municipality)
    data = {**answer_post(survey, feel_safe="5 – Mycket trygg"), "hemsida": "http://spam"}
    response = client.post(public_url(survey), data)
    assert response.status_code == 302
    assert not Response.objects.exists()


def test_rate_limit_per_client_lives_only_in_cache(client, municipality, settings):
    # An in-process cache whose keys and expiry the test can inspect, whatever the suite uses.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "rate-limit-test",
        }
    }
    settings.SURVEYS_RATE_LIMIT = 2
    survey = make_survey(municipality)
    data = answer_post(survey, feel_safe="3 – Varken trygg eller otrygg")
    statuses = [
        client.post(public_url(survey), data, REMOTE_ADDR="198.51.100.9").status_code
        for _ in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert Response.objects.count() == 2
    other = client.post(public_url(survey), data, REMOTE_ADDR="198.51.100.10")
    assert other.status_code == 302
    keys = list(cache._cache)
    assert keys and all("198.51.100" not in key for key in keys)
    assert all(cache._expire_info[key] is not None for key in keys)


@pytest.fixture
def own_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "rate-limit-proxy-test",
        }
    }
    cache.clear()


def test_rate_limit_counts_each_client_behind_the_proxy(client, municipality, settings, own_cache):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SURVEYS_RATE_LIMIT = 2
    survey = make_survey(municipality)
    data = answer_post(survey, feel_safe="3 – Varken trygg eller otrygg")

    def post(forwarded):
        return client.post(
            public_url(survey), data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded
        ).status_code

    assert [post("198.51.100.9") for _ in range(3)] == [302, 302, 429]
    # Another resident behind the same proxy is not refused with the first one.
    assert post("198.51.100.10") == 302
    # Nor can the first one start afresh by writing the header itself.
    assert post("192.0.2.1, 198.51.100.9") == 429


def test_rate_limit_ignores_a_spoofed_header_when_reached_directly(
    client, municipality, settings, own_cache
):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.SURVEYS_RATE_LIMIT = 2
    survey = make_survey(municipality)
    data = answer_post(survey, feel_safe="3 – Varken trygg eller otrygg")
    statuses = [
        client.post(
            public_url(survey),
            data,
            REMOTE_ADDR="198.51.100.9",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        ).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]


def test_rate_limit_still_refuses_while_the_cache_is_down(client, municipality, settings):
    from tests.reliability.conftest import free_port

    # A Redis cache at a port where nothing listens: every operation fails.
    settings.CACHES = {
        "default": {
            "BACKEND": "fagersta.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.SURVEYS_RATE_LIMIT = 2
    survey = make_survey(municipality)
    data = answer_post(survey, feel_safe="3 – Varken trygg eller otrygg")
    assert cache.get("probe", "down") == "down"

    def post(address):
        return client.post(public_url(survey), data, REMOTE_ADDR=address).status_code

    assert [post("198.51.100.21") for _ in range(3)] == [302, 302, 429]
    assert post("198.51.100.22") == 302
    assert Response.objects.count() == 3


def test_respondents_are_told_how_their_answers_stay_anonymous(client, municipality):
    survey = make_survey(municipality)
    form = client.get(public_url(survey)).content.decode()
    assert "Svaren får ingen ordning efter när de kom in" in form
    assert "tjänstens loggar tar inte med enkätens sidor" in form
    statement = client.get(reverse("accessibility")).content.decode()
    assert 'id="enkaten"' in statement
    assert "Varje svar får ett slumpat id" in statement


# -- results --------------------------------------------------------------------------------


def submit(survey, **picks):
    form_data = answer_post(survey, **picks)
    from surveys.forms import ResponseForm

    form = ResponseForm(form_data, questions=selectors.survey_questions(survey=survey))
    assert form.is_valid(), form.errors
    return services.response_submit(survey=survey, answers=form.answers())


def test_results_count_answers(client_for, council_member, municipality):
    survey = make_survey(municipality)
    submit(
        survey,
        age_group="40–59 år",
        home_place="Centrum",
        feel_safe="4 – Ganska trygg",
        unsafe_places=["Centrum"],
        safer_wishes=["Fler poliser"],
    )
    submit(
        survey,
        age_group="40–59 år",
        home_place="Västanfors",
        feel_safe="2 – Ganska otrygg",
        avoid_late="Ja, ofta",
        unsafe_places=["Centrum", "Västanfors"],
        safer_wishes=["Fler poliser", "Bättre belysning"],
    )
    submit(
        survey,
        age_group="20–39 år",
        feel_safe="5 – Mycket trygg",
        unsafe_places=("other", "centrum"),
    )
    response = client_for(council_member).get(url("survey_results", municipality, survey.pk))
    assert response.status_code == 200
    results = response.context["results"]
    assert results.total == 3
    wishes = next(r for r in results.questions if r.question.code == "safer_wishes")
    counts = {o.label: (o.count, o.share) for o in wishes.options}
    assert counts["Fler poliser"] == (2, 100.0)
    assert counts["Bättre belysning"] == (1, 50.0)
    assert results.unsafe_places[0] == ("Centrum", 3)
    age = results.breakdowns[0]
    assert ("40–59 år", 2, 50.0, 100.0) in age.rows
    body = response.content.decode()
    assert "3 svar" in body
    assert "<svg" in body


def test_results_are_hidden_from_reporters(client_for, reporter, municipality):
    survey = make_survey(municipality)
    response = client_for(reporter).get(url("survey_results", municipality, survey.pk))
    assert response.status_code == 403


def test_results_query_count_does_not_grow(
    client_for, coordinator, municipality, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    survey = make_survey(municipality)
    client = client_for(coordinator)
    submit(survey, feel_safe="4 – Ganska trygg")
    client.get(url("survey_results", municipality, survey.pk))  # fills the per-user caches
    with CaptureQueriesContext(connection) as few:
        client.get(url("survey_results", municipality, survey.pk))
    for _ in range(10):
        submit(
            survey, feel_safe="2 – Ganska otrygg", age_group="16–19 år", unsafe_places=["Centrum"]
        )
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url("survey_results", municipality, survey.pk))


def test_csv_export_opens_in_excel_and_neutralises_formulas(client_for, politician, municipality):
    survey = make_survey(municipality)
    submit(survey, feel_safe="4 – Ganska trygg", safer_wishes=("other", '=HYPERLINK("x")'))
    submit(survey, feel_safe="1 – Mycket otrygg", unsafe_places=("other", "@Torget"))
    response = client_for(politician).get(url("survey_export", municipality, survey.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    text = raw.decode("utf-8-sig")
    assert "Hur trygg känner du dig" in text.splitlines()[0]
    assert "'=HYPERLINK" in text
    assert "'@Torget" in text
    assert ";=HYPERLINK" not in text
    assert len(text.strip().splitlines()) == 3


def test_survey_feeds_an_indicator_series(client_for, coordinator, municipality):
    survey = make_survey(municipality)
    series = SeriesFactory(municipality=municipality, name="Trygga", source="own_survey")
    submit(survey, feel_safe="4 – Ganska trygg")
    submit(survey, feel_safe="5 – Mycket trygg")
    submit(survey, feel_safe="2 – Ganska otrygg")
    submit(survey, feel_safe="1 – Mycket otrygg")
    response = client_for(coordinator).post(
        url("survey_to_series", municipality, survey.pk),
        {"series": series.pk, "measure": "feel_safe", "period_label": "2026"},
    )
    assert response.status_code == 302
    value = IndicatorValue.objects.get(series=series)
    assert value.value == 50
    assert value.period_label == "2026"
    assert value.survey == survey


def test_it_refuses_series_of_other_municipality(
    client_for, coordinator, municipality, other_municipality
):
    survey = make_survey(municipality)
    foreign = SeriesFactory(municipality=other_municipality)
    response = client_for(coordinator).post(
        url("survey_to_series", municipality, survey.pk),
        {"series": foreign.pk, "measure": "feel_safe", "period_label": "2026"},
    )
    assert response.status_code == 400
    assert not IndicatorValue.objects.exists()


def test_it_requires_coordinator_role_to_feed_series(client_for, council_member, municipality):
    survey = make_survey(municipality)
    series = SeriesFactory(municipality=municipality)
    response = client_for(council_member).post(
        url("survey_to_series", municipality, survey.pk),
        {"series": series.pk, "measure": "feel_safe", "period_label": "2026"},
    )
    assert response.status_code == 403


HOSTILE = [
    '<script>alert("trygg")</script>',
    "\x00\x01",
    "x" * 5000,
    "-1",
    "99999999999999999999999",
    "",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_public_form_survives_hostile_input(client, municipality, value):
    survey = make_survey(municipality)
    data = {}
    for question in survey.questions.all():
        data[question.field_name] = [value, value]
        data[f"{question.field_name}_other"] = value
    response = client.post(public_url(survey), data)
    assert response.status_code in (302, 400)
    assert '<script>alert("trygg")</script>' not in response.content.decode()
    for answer in Answer.objects.all():
        assert answer.choice_id or answer.text == value[:500]
