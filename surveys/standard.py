"""The standard questions every safety survey starts from, and the answers that count as
"feels safe" and "avoids going out late" in results and indicator series."""

from __future__ import annotations

from municipalities.models import Place, PlaceKind

from .models import QuestionKind, StandardQuestion

AGE_GROUPS = ["Under 16 år", "16–19 år", "20–39 år", "40–59 år", "60–79 år", "80 år eller äldre"]
SAFETY_SCALE = [
    (1, "1 – Mycket otrygg"),
    (2, "2 – Ganska otrygg"),
    (3, "3 – Varken trygg eller otrygg"),
    (4, "4 – Ganska trygg"),
    (5, "5 – Mycket trygg"),
]
AVOID_LATE = ["Ja, ofta", "Ja, ibland", "Nej", "Går inte ut sent av andra skäl"]
SAFER_WISHES = [
    "Fler poliser",
    "Bättre belysning",
    "Kameraövervakning",
    "Fler vuxna ute på kvällar och nätter",
    "Renare och snyggare miljö",
]
INFO_SOURCES = [
    "Kommunens webbplats",
    "Polisens webbplats",
    "Sociala medier",
    "Lokaltidningen",
    "Vet inte var jag hittar information",
]
FEEL_SAFE_VALUES = (4, 5)
AVOID_LATE_YES = ("Ja, ofta", "Ja, ibland")


def standard_questions(places: list[Place]) -> list[dict]:
    place_choices = [{"label": p.name, "place": p} for p in places]
    # Residents live in residential areas, not at a junction or a school.
    home_choices = [c for c in place_choices if c["place"].kind == PlaceKind.RESIDENTIAL]
    return [
        {
            "code": StandardQuestion.AGE_GROUP,
            "kind": QuestionKind.SINGLE,
            "text": "Hur gammal är du?",
            "choices": [{"label": label} for label in AGE_GROUPS],
        },
        {
            "code": StandardQuestion.HOME_PLACE,
            "kind": QuestionKind.SINGLE,
            "text": "Var bor du?",
            "choices": [*home_choices, {"label": "Någon annanstans i kommunen"}],
        },
        {
            "code": StandardQuestion.FEEL_SAFE,
            "kind": QuestionKind.SINGLE,
            "text": "Hur trygg känner du dig när du är ute i ditt område på kvällen?",
            "required": True,
            "choices": [{"label": label, "value": value} for value, label in SAFETY_SCALE],
        },
        {
            "code": StandardQuestion.AVOID_LATE,
            "kind": QuestionKind.SINGLE,
            "text": (
                "Händer det att du avstår från att gå ut sent på kvällen på grund av otrygghet?"
            ),
            "choices": [{"label": label} for label in AVOID_LATE],
        },
        {
            "code": StandardQuestion.UNSAFE_PLACES,
            "kind": QuestionKind.MULTIPLE,
            "text": "Finns det platser där du känner dig otrygg?",
            "help_text": "Välj en eller flera platser, eller skriv en egen.",
            "other_label": "Annan plats",
            "choices": place_choices,
        },
        {
            "code": StandardQuestion.SAFER_WISHES,
            "kind": QuestionKind.MULTIPLE,
            "text": "Vad skulle få dig att känna dig tryggare?",
            "other_label": "Annat",
            "choices": [{"label": label} for label in SAFER_WISHES],
        },
        {
            "code": StandardQuestion.INFO_SOURCE,
            "kind": QuestionKind.MULTIPLE,
            "text": "Var letar du information om kommunens och polisens trygghetsarbete?",
            "other_label": "Annat ställe",
            "choices": [{"label": label} for label in INFO_SOURCES],
        },
    ]
