"""Load data: safety walks with findings, a safety survey a year, and indicator series."""

from __future__ import annotations

import datetime
from decimal import Decimal

from surveys.models import (
    Answer,
    Choice,
    Finding,
    FindingCategory,
    FindingStatus,
    IndicatorLevel,
    IndicatorSeries,
    IndicatorSource,
    IndicatorValue,
    Light,
    Question,
    QuestionKind,
    Response,
    SafetyWalk,
    StandardQuestion,
    Survey,
)

from .common import (
    Town,
    bulk,
)


def safety_walks(town: Town) -> None:
    """Safety walks and findings."""
    coordinator = town.coordinator
    first_day = town.first_day
    municipality = town.municipality
    organisations = town.organisations
    places = town.places
    result = town.result
    rng = town.rng
    today = town.today
    years = town.years
    walks = []
    for year_offset in range(years + 1):
        for month, light in ((5, Light.DAYLIGHT), (10, Light.DARK)):
            day = datetime.date(first_day.year + year_offset, month, 15)
            if first_day <= day <= today:
                walks.append(
                    SafetyWalk(
                        municipality=municipality,
                        date=day,
                        start_time=datetime.time(18 if light == Light.DARK else 14),
                        light=light,
                        area=rng.choice(places).name,
                        route="Från torget via gångtunneln till skolan (exempeldata).",
                        residents=rng.randint(3, 20),
                        municipal_staff=rng.randint(1, 5),
                        police=rng.randint(0, 2),
                        utility=rng.randint(0, 2),
                        created_by=coordinator,
                    )
                )
    walks = bulk(SafetyWalk, walks, result)
    findings = []
    for walk in walks:
        old = walk.date < today - datetime.timedelta(days=180)
        for _n in range(rng.randint(3, 6)):
            status = (
                rng.choice([FindingStatus.FIXED, FindingStatus.WONT_FIX])
                if old
                else rng.choice([FindingStatus.OPEN, FindingStatus.FORWARDED])
            )
            findings.append(
                Finding(
                    walk=walk,
                    place=rng.choice(places),
                    category=rng.choice(FindingCategory.values),
                    description="Trasig belysning längs gångvägen (exempeldata).",
                    recipient_organisation=rng.choice(organisations),
                    forwarded_on=walk.date + datetime.timedelta(days=3)
                    if status != FindingStatus.OPEN
                    else None,
                    forwarded_by=coordinator if status != FindingStatus.OPEN else None,
                    status=status,
                    status_reason="Ligger utanför kommunens ansvar."
                    if status == FindingStatus.WONT_FIX
                    else "",
                    closed_on=walk.date + datetime.timedelta(days=40) if old else None,
                    created_by=coordinator,
                )
            )
    bulk(Finding, findings, result)


def safety_surveys(town: Town) -> None:
    """One safety survey a year with its questions and choices."""
    coordinator = town.coordinator
    first_day = town.first_day
    municipality = town.municipality
    places = town.places
    result = town.result
    today = town.today
    years = town.years
    survey_rows = []
    for year_offset in range(years + 1):
        opens_on = datetime.date(first_day.year + year_offset, 9, 1)
        if first_day <= opens_on <= today:
            survey_rows.append(
                Survey(
                    municipality=municipality,
                    title=f"Trygghetsenkät {opens_on.year}",
                    slug=f"trygghetsenkat-{opens_on.year}",
                    introduction="Hjälp oss att göra kommunen tryggare (exempeldata).",
                    opens_on=opens_on,
                    closes_on=opens_on + datetime.timedelta(days=30),
                    is_example=True,
                    created_by=coordinator,
                )
            )
    surveys = bulk(Survey, survey_rows, result)
    question_rows = []
    for survey in surveys:
        question_rows += [
            Question(
                survey=survey,
                position=1,
                code=StandardQuestion.FEEL_SAFE,
                kind=QuestionKind.SINGLE,
                text="Hur trygg känner du dig när du går ut ensam sent en kväll?",
                required=True,
            ),
            Question(
                survey=survey,
                position=2,
                code=StandardQuestion.UNSAFE_PLACES,
                kind=QuestionKind.MULTIPLE,
                text="Vilka platser känns otrygga?",
            ),
            Question(
                survey=survey,
                position=3,
                code=StandardQuestion.SAFER_WISHES,
                kind=QuestionKind.TEXT,
                text="Vad skulle öka din trygghet?",
            ),
        ]
    questions = bulk(Question, question_rows, result)
    scale = ["Mycket trygg", "Ganska trygg", "Ganska otrygg", "Mycket otrygg"]
    choice_rows = []
    for question in questions:
        if question.kind == QuestionKind.SINGLE:
            choice_rows += [
                Choice(question=question, position=n, label=label, value=n + 1)
                for n, label in enumerate(scale)
            ]
        elif question.kind == QuestionKind.MULTIPLE:
            choice_rows += [
                Choice(question=question, position=n, label=place.name, place=place)
                for n, place in enumerate(places)
            ]
    choices = bulk(Choice, choice_rows, result)
    town.choices_of = {}
    for choice in choices:
        town.choices_of.setdefault(choice.question_id, []).append(choice)
    town.surveys, town.questions = surveys, questions


def survey_answers(town: Town) -> None:
    """Forty answers to every survey."""
    result, rng = town.result, town.rng
    surveys, questions, choices_of = town.surveys, town.questions, town.choices_of
    response_rows = [
        Response(
            survey=survey,
            submitted_on=survey.opens_on + datetime.timedelta(days=rng.randint(0, 30)),
            is_example=True,
        )
        for survey in surveys
        for _n in range(40)
    ]
    responses = bulk(Response, response_rows, result)
    questions_of: dict[int, list[Question]] = {}
    for question in questions:
        questions_of.setdefault(question.survey_id, []).append(question)
    answers = []
    for response in responses:
        for question in questions_of[response.survey_id]:
            if question.kind == QuestionKind.SINGLE:
                answers.append(
                    Answer(
                        response=response,
                        question=question,
                        choice=rng.choice(choices_of[question.pk]),
                    )
                )
            elif question.kind == QuestionKind.MULTIPLE:
                answers += [
                    Answer(response=response, question=question, choice=choice)
                    for choice in rng.sample(choices_of[question.pk], 2)
                ]
            elif rng.random() < 0.3:
                answers.append(Answer(response=response, question=question, text="Mer belysning."))
    bulk(Answer, answers, result)


def indicator_series(town: Town) -> None:
    """Indicator series."""
    first_day = town.first_day
    municipality = town.municipality
    places = town.places
    result = town.result
    rng = town.rng
    today = town.today
    years = town.years
    series = bulk(
        IndicatorSeries,
        [
            IndicatorSeries(
                municipality=municipality,
                name="Avstår från att gå ut sent (NTU)",
                source=IndicatorSource.NTU,
                unit="%",
            ),
            IndicatorSeries(
                municipality=municipality,
                name="Anmälda brott per kvartal",
                source=IndicatorSource.POLICE,
                unit="antal",
            ),
            IndicatorSeries(
                municipality=municipality,
                name="Skadegörelse per plats",
                source=IndicatorSource.POLICE,
                unit="antal",
                level=IndicatorLevel.PLACE,
            ),
        ],
        result,
    )
    values = []
    for year_offset in range(years + 1):
        year = first_day.year + year_offset
        if year > today.year:
            break
        values.append(
            IndicatorValue(
                series=series[0],
                period_label=str(year),
                period_start=datetime.date(year, 1, 1),
                value=Decimal(rng.randint(100, 300)) / 10,
            )
        )
        for quarter in range(4):
            values.append(
                IndicatorValue(
                    series=series[1],
                    period_label=f"{year} K{quarter + 1}",
                    period_start=datetime.date(year, 3 * quarter + 1, 1),
                    value=rng.randint(80, 400),
                )
            )
        values += [
            IndicatorValue(
                series=series[2],
                period_label=str(year),
                period_start=datetime.date(year, 1, 1),
                place=place,
                value=rng.randint(0, 40),
            )
            for place in places
        ]
    bulk(IndicatorValue, values, result)
