"""Demo safety walks, findings, a safety survey and indicator series.

Fagersta: the three October 2021 walks (Kolarbyområdet, Centrum, Västanfors) and the 2021
survey with 187 answers, as the annual report describes them. The report gives no single
answer, so the answers are synthetic (seeded, so every load gives the same data) and the
survey is marked as example data; they follow what the report says: most respondents aged
40–59 living in Västanfors, Centrum and Kolarbyområdet, more police and more lighting the
clear top wishes, and many who do not know where to find information.
Hagfors: the NTU figure from its 2024 action plan, 12 % avoid going out late.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction

from municipalities.models import Municipality, Organisation, Place

from .. import services
from ..models import (
    Answer,
    Finding,
    FindingCategory,
    FindingStatus,
    IndicatorLevel,
    IndicatorSeries,
    IndicatorSource,
    IndicatorValue,
    Light,
    NationalIndicator,
    Question,
    Response,
    SafetyWalk,
    StandardQuestion,
    Survey,
)
from ..standard import AGE_GROUPS, AVOID_LATE, INFO_SOURCES, SAFER_WISHES

NVK = "Norra Västmanlands Kommunalteknikförbund (NVK)"
EXAMPLE = "(exempeldata)"

WALKS = [
    {
        "area": "Kolarbyområdet",
        "date": datetime.date(2021, 10, 5),
        "route": "Från Kolarbyskolan längs gång- och cykelvägarna genom området till "
        "busshållplatsen. " + EXAMPLE,
        "counts": {"residents": 16, "municipal_staff": 5, "police": 2, "utility": 2},
        "findings": [
            {
                "place": "Kolarbyområdet",
                "category": FindingCategory.LIGHTING,
                "description": "Två trasiga lyktstolpar längs gångvägen mellan husen. "
                "Rapporterades direkt i NVK:s felanmälningsapp under vandringen. " + EXAMPLE,
                "status": FindingStatus.FIXED,
                "closed_on": datetime.date(2021, 10, 19),
            },
            {
                "place": "Kolarbyområdet",
                "category": FindingCategory.VEGETATION,
                "description": "Täta buskar skymmer sikten vid gångtunneln. NVK har röjt och "
                "sikten är bättre. " + EXAMPLE,
                "status": FindingStatus.FIXED,
                "closed_on": datetime.date(2021, 11, 2),
            },
        ],
    },
    {
        "area": "Centrum",
        "date": datetime.date(2021, 10, 12),
        "route": "Torget, gågatan, stationsområdet och korsningen vid Försäkringskassan. "
        + EXAMPLE,
        "counts": {
            "residents": 21,
            "municipal_staff": 6,
            "police": 2,
            "utility": 2,
            "businesses": 3,
        },
        "findings": [
            {
                "place": "Korsningen Försäkringskassan/Bragevägen",
                "category": FindingCategory.LIGHTING,
                "description": "Korsningen är mörk kvällstid. Både deltagare i vandringen och "
                "svarande i trygghetsenkäten efterfrågar belysning här.",
                "status": FindingStatus.FORWARDED,
                "reference": "NVK-2021-118 " + EXAMPLE,
            },
            {
                "place": "Centrum",
                "category": FindingCategory.DESERTED,
                "description": "Gågatan känns öde efter att butikerna stängt; få människor i "
                "rörelse. " + EXAMPLE,
                "status": FindingStatus.OPEN,
            },
        ],
    },
    {
        "area": "Västanfors",
        "date": datetime.date(2021, 10, 19),
        "route": "Från Västanfors centrum förbi skolan och längs ån. " + EXAMPLE,
        "counts": {"residents": 18, "municipal_staff": 4, "police": 1, "utility": 2, "others": 2},
        "findings": [
            {
                "place": "Västanfors",
                "category": FindingCategory.VEGETATION,
                "description": "Igenvuxen häck skymmer sikten vid övergångsstället. NVK har "
                "röjt. " + EXAMPLE,
                "status": FindingStatus.FIXED,
                "closed_on": datetime.date(2021, 10, 28),
            },
            {
                "place": "Västanfors",
                "category": FindingCategory.MAINTENANCE,
                "description": "Klotter och nedskräpning vid busskuren. " + EXAMPLE,
                "status": FindingStatus.WONT_FIX,
                "reason": "Busskuren ägs av regionens kollektivtrafik; ärendet lämnades "
                "vidare dit. " + EXAMPLE,
                "closed_on": datetime.date(2021, 11, 15),
            },
        ],
    },
]


def load(municipalities: dict[str, Municipality]) -> None:
    with transaction.atomic():
        fagersta = municipalities.get("fagersta")
        if fagersta is not None:
            _walks(fagersta)
            survey = _survey(fagersta)
            _fagersta_series(fagersta, survey)
        hagfors = municipalities.get("hagfors")
        if hagfors is not None:
            _hagfors_series(hagfors)


def _walks(municipality: Municipality) -> None:
    places = {p.name: p for p in Place.objects.for_municipality(municipality)}
    nvk = Organisation.objects.for_municipality(municipality).filter(name=NVK).first()
    for spec in WALKS:
        counts = {name: spec["counts"].get(name, 0) for name in SafetyWalk.PARTICIPANT_FIELDS}
        walk, _created = SafetyWalk.objects.update_or_create(
            municipality=municipality,
            date=spec["date"],
            area=spec["area"],
            defaults={
                "start_time": datetime.time(18, 30),
                "light": Light.DARK,
                "route": spec["route"],
                "notes": "Stor uppslutning av invånare, kommunens tjänstepersoner, NVK och "
                "polisen. Skymd sikt, mörker och avsaknad av människor var de faktorer som "
                "dominerade. Antalet deltagare per grupp är exempeldata.",
                **counts,
            },
        )
        for item in spec["findings"]:
            status = item["status"]
            forwarded = status != FindingStatus.OPEN
            Finding.objects.update_or_create(
                walk=walk,
                description=item["description"],
                defaults={
                    "place": places.get(item["place"]),
                    "category": item["category"],
                    "status": status,
                    "status_reason": item.get("reason", ""),
                    "closed_on": item.get("closed_on"),
                    "recipient_organisation": nvk if forwarded else None,
                    "forwarded_on": spec["date"] if forwarded else None,
                    "forwarded_reference": item.get("reference", ""),
                },
            )


SURVEY_SLUG = "trygghetsenkat-2021"
ANSWERS = 187

AGE_WEIGHTS = dict(zip(AGE_GROUPS, [2, 7, 38, 92, 42, 6], strict=True))
HOME_WEIGHTS = {
    "Västanfors": 52,
    "Centrum": 46,
    "Kolarbyområdet": 41,
    "Någon annanstans i kommunen": 24,
}
SAFETY_WEIGHTS = {1: 9, 2: 28, 3: 44, 4: 72, 5: 34}
AVOID_WEIGHTS = dict(zip(AVOID_LATE, [18, 44, 113, 12], strict=True))
UNSAFE_CHANCE = {
    "Centrum": 0.42,
    "Korsningen Försäkringskassan/Bragevägen": 0.31,
    "Bensinstationen vid riksväg 66": 0.22,
    "Kolarbyområdet": 0.14,
    "Västanfors": 0.09,
}
UNSAFE_TEXTS = ["Stationsområdet", "Gångtunneln under riksvägen", "Parkeringen vid simhallen"]
WISH_CHANCE = dict(zip(SAFER_WISHES, [0.64, 0.59, 0.19, 0.24, 0.14], strict=True))
WISH_TEXTS = ["Kameraövervakning vid torget", "Kameror vid busstationen", "Fler nattvandrare"]
INFO_CHANCE = dict(zip(INFO_SOURCES, [0.24, 0.11, 0.27, 0.14, 0.56], strict=True))


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _survey(municipality: Municipality) -> Survey:
    survey = Survey.objects.for_municipality(municipality).filter(slug=SURVEY_SLUG).first()
    fields = {
        "title": "Trygghetsenkät 2021",
        "introduction": "Öppen webbenkät om hur tryggt det känns att bo och röra sig i Fagersta. "
        "Svaren i demonstrationen är exempeldata: påhittade svar som följer det som "
        "årsrapporten för 2021 berättar om enkäten.",
        "opens_on": datetime.date(2021, 10, 1),
        "closes_on": datetime.date(2021, 11, 30),
        "is_example": True,
    }
    if survey is None:
        survey = services.survey_create(
            actor=None, municipality=municipality, slug=SURVEY_SLUG, **fields
        )
    else:
        Survey.objects.filter(pk=survey.pk).update(**fields)
    if survey.responses.count() != ANSWERS:
        survey.responses.all().delete()
        _answers(survey)
    return survey


def _answers(survey: Survey) -> None:
    rng = random.Random(2021)  # noqa: S311 - synthetic demo answers, not security
    questions = {q.code: q for q in Question.objects.filter(survey=survey).exclude(code="")}
    choices = {code: {c.label: c for c in q.choices.all()} for code, q in questions.items()}
    by_value = {c.value: c for c in choices[StandardQuestion.FEEL_SAFE].values()}
    responses = Response.objects.bulk_create(
        Response(
            survey=survey,
            submitted_on=survey.opens_on + datetime.timedelta(days=rng.randrange(60)),
            is_example=True,
        )
        for _ in range(ANSWERS)
    )
    rows = []

    def add(response, code, choice=None, text=""):
        rows.append(Answer(response=response, question=questions[code], choice=choice, text=text))

    for response in responses:
        add(response, StandardQuestion.AGE_GROUP, choices["age_group"][_pick(rng, AGE_WEIGHTS)])
        home = choices["home_place"].get(_pick(rng, HOME_WEIGHTS))
        if home is not None:
            add(response, StandardQuestion.HOME_PLACE, home)
        add(response, StandardQuestion.FEEL_SAFE, by_value[_pick(rng, SAFETY_WEIGHTS)])
        add(response, StandardQuestion.AVOID_LATE, choices["avoid_late"][_pick(rng, AVOID_WEIGHTS)])
        for name, chance in UNSAFE_CHANCE.items():
            if name in choices["unsafe_places"] and rng.random() < chance:
                add(response, StandardQuestion.UNSAFE_PLACES, choices["unsafe_places"][name])
        if rng.random() < 0.08:
            add(response, StandardQuestion.UNSAFE_PLACES, text=rng.choice(UNSAFE_TEXTS))
        for label, chance in WISH_CHANCE.items():
            if rng.random() < chance:
                add(response, StandardQuestion.SAFER_WISHES, choices["safer_wishes"][label])
        if rng.random() < 0.07:
            add(response, StandardQuestion.SAFER_WISHES, text=rng.choice(WISH_TEXTS))
        for label, chance in INFO_CHANCE.items():
            if rng.random() < chance:
                add(response, StandardQuestion.INFO_SOURCE, choices["info_source"][label])
    Answer.objects.bulk_create(rows)


def _fagersta_series(municipality: Municipality, survey: Survey) -> None:
    series, _created = IndicatorSeries.objects.update_or_create(
        municipality=municipality,
        name="Andel som känner sig trygga (egen enkät)",
        defaults={
            "source": IndicatorSource.OWN_SURVEY,
            "unit": "%",
            "level": IndicatorLevel.MUNICIPALITY,
            "description": "Andel av de svarande i kommunens trygghetsenkät som svarat 4 eller "
            "5 på frågan om hur trygga de känner sig. Bygger på enkätens exempeldata.",
        },
    )
    services.series_record_from_survey(
        actor=None, series=series, survey=survey, measure="feel_safe", period_label="2021"
    )


def _hagfors_series(municipality: Municipality) -> None:
    series, _created = IndicatorSeries.objects.update_or_create(
        municipality=municipality,
        name="Avstår från att gå ut sent på grund av otrygghet (NTU)",
        defaults={
            "source": IndicatorSource.NTU,
            "national_code": NationalIndicator.NTU_AVOID_LATE,
            "unit": "%",
            "level": IndicatorLevel.MUNICIPALITY,
            "description": "Andel i Brås nationella trygghetsundersökning (NTU) som på grund av "
            "otrygghet avstår från att gå ut sent på kvällen.",
        },
    )
    IndicatorValue.objects.update_or_create(
        series=series,
        period_label="2023",
        place=None,
        defaults={
            "period_start": datetime.date(2023, 1, 1),
            "value": Decimal("12"),
            "note": "Senaste NTU enligt åtgärdsplanen 2024 (året är exempeldata).",
        },
    )
