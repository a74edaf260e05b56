"""Demo citizen promises.

Fagersta: a year of three-month periods (March 2021–February 2022) built from the themes of its
2021 annual report — motorburen ungdom, the social insatsgrupp (SIG), presence at Valborg and the
end of school term, narcotics — each followed up and renewed, plus a proposal for the current
period awaiting a decision. Hagfors: one decided promise about the square (Torget) with the police
and the businesses there, from its 2024 action plan. Decision references, dates, outcomes and
comments are example data (exempeldata); the report gives the themes, not those details.
Running the loader again gives the same data.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from municipalities.models import Area, Municipality, Organisation

from ..models import (
    Commitment,
    Outcome,
    Party,
    Promise,
    PromisePeriodSettings,
    PromiseStatus,
    PromiseTransition,
)
from ..periods import period_containing

S = PromiseStatus
O = Outcome  # noqa: E741
EXAMPLE = "Beslutsuppgifter och utfall är exempeldata."

MOTOR = (
    Party.OTHER,
    "Fagersta Motorklubb",
    "",
    "Kommunen stöttar Fagersta Motorklubb i att erbjuda motorintresserade unga en mötesplats "
    "med vuxna på plats, i stället för samlingar vid bensinstationerna.",
    "Antal träffar och antal unga som kommer.",
)
SIG = (
    Party.BOTH,
    "",
    "Socialförvaltningen",
    "Social insatsgrupp (SIG): polis, skola och socialtjänst samverkar kring unga som riskerar "
    "att dras in i kriminalitet.",
    "Att gruppen träffas regelbundet och att rutinen är beslutad.",
)

FAGERSTA = [
    {
        "start": datetime.date(2021, 3, 1),
        "decided": (datetime.date(2021, 2, 23), "KS § 31"),
        "areas": ["ordning-otrygghet", "unga-skola-andt"],
        "situation": (
            "Unga med EPA- och A-traktorer samlas på kvällarna vid bensinstationer, med "
            "nedskräpning och oro som följd. Valborg närmar sig, en helg då många unga dricker "
            "alkohol för första gången."
        ),
        "text": (
            "Polisen och kommunen ger motorintresserade unga en bättre mötesplats och finns "
            "på plats med vuxna under Valborgshelgen."
        ),
        "commitments": [
            (MOTOR, O.CONTINUES, "Dialogen med klubben är i gång; en påsktävling genomfördes."),
            (
                (
                    Party.BOTH,
                    "",
                    "Kommunpolisen",
                    "Extra bemanning under Valborg: fältande personal och öppna verksamheter "
                    "tillsammans med polisen.",
                    "",
                ),
                O.DONE,
                "Genomfört med fältare och öppen fritidsgård.",
            ),
            (
                (
                    Party.POLICE,
                    "",
                    "Kommunpolisen",
                    "Polisens trafikgrupp träffar motorintresserade unga och går igenom vad som "
                    "är lagligt.",
                    "Antal unga som deltar.",
                ),
                O.DONE,
                "45 unga kom till träffen.",
            ),
        ],
        "summary": "Två av tre åtaganden genomförda; arbetet med motorklubben fortsätter.",
    },
    {
        "start": datetime.date(2021, 6, 1),
        "decided": (datetime.date(2021, 5, 25), "KS § 78"),
        "areas": ["unga-skola-andt"],
        "situation": (
            "Skolavslutningen är ett tillfälle då många unga riskerar att dricka alkohol eller "
            "använda droger. Lägesbilden visar en hårdare attityd bland unga."
        ),
        "text": (
            "Vi finns på plats när skolan slutar, pratar med föräldrar om unga och alkohol, och "
            "startar en social insatsgrupp."
        ),
        "commitments": [
            (MOTOR, O.CONTINUES, "Sommarträffar på klubbens område."),
            (
                (
                    Party.MUNICIPALITY,
                    "",
                    "Fritidsgården",
                    "Alkohol- och drogfria aktiviteter vid skolavslutningen; skolornas "
                    "trygghetsteam fältar tillsammans med Nattvandrarna och polisen.",
                    "",
                ),
                O.DONE,
                "Trygghetsteamen från Alfaskolan och Risbroskolan fältade.",
            ),
            (
                (
                    Party.BOTH,
                    "",
                    "Öppenvården",
                    "Livesänt samtal på kommunens Facebook mellan öppenvården och polisen om "
                    "unga och alkohol, riktat till föräldrar och unga.",
                    "Antal visningar.",
                ),
                O.DONE,
                "Över 2 000 visningar.",
            ),
            (SIG, O.PARTLY, "Samverkan har startat; rutinen är inte beslutad än."),
        ],
        "summary": "Skolavslutningen var lugnare än befarat. SIG kom i gång under perioden.",
    },
    {
        "start": datetime.date(2021, 9, 1),
        "decided": (datetime.date(2021, 8, 24), "KS § 112"),
        "areas": ["unga-skola-andt", "ordning-otrygghet"],
        "situation": (
            "Narkotika i kommunen sticker ut i lägesbilden. Invånare saknar belysning och "
            "sikt på flera platser, bland annat i korsningen vid Försäkringskassan och Bragevägen."
        ),
        "text": (
            "Polisen och kommunen arbetar mot narkotika bland unga och går trygghetsvandringar "
            "med invånarna."
        ),
        "commitments": [
            (
                (
                    Party.POLICE,
                    "",
                    "Kommunpolisen",
                    "Hundsvep i kommunens skolor för att upptäcka narkotika.",
                    "",
                ),
                O.DONE,
                "",
            ),
            (
                (
                    Party.MUNICIPALITY,
                    "",
                    "Norra Västmanlands Kommunalteknikförbund (NVK)",
                    "Trygghetsvandringar i Kolarbyområdet, centrum och Västanfors; brister "
                    "rapporteras direkt i NVK:s app.",
                    "Antal vandringar och åtgärdade brister.",
                ),
                O.DONE,
                "Tre vandringar i oktober med stor uppslutning; NVK har röjt sly.",
            ),
            (SIG, O.CONTINUES, ""),
            (MOTOR, O.CONTINUES, ""),
        ],
        "summary": "Hösten präglades av arbetet mot narkotika och av trygghetsvandringarna.",
    },
    {
        "start": datetime.date(2021, 12, 1),
        "decided": (datetime.date(2021, 11, 23), "KS § 156"),
        "areas": ["unga-skola-andt", "hot-vald"],
        "situation": (
            "Narkotikan är fortsatt det som sticker ut. Polisen ser fler fall av våld i nära "
            "relation och psykisk ohälsa ökar bland unga."
        ),
        "text": (
            "Vi mäter vilka droger som finns i omlopp, håller i samverkan kring unga i riskzon "
            "och återupptar föräldrastödet."
        ),
        "commitments": [
            (
                (
                    Party.MUNICIPALITY,
                    "",
                    "Norra Västmanlands Kommunalteknikförbund (NVK)",
                    "Drogtest av avloppsvattnet för att se hur mycket och vilka droger som finns "
                    "i omlopp.",
                    "Provresultat fyra gånger per år.",
                ),
                O.DONE,
                "",
            ),
            (SIG, O.DONE, "Rutinen beslutades i januari."),
            (MOTOR, O.CONTINUES, "Klubben planerar vårens aktiviteter."),
            (
                (
                    Party.MUNICIPALITY,
                    "",
                    "Socialförvaltningen",
                    "Föräldrastöd på universell nivå: öppna samtal och föräldrautbildning.",
                    "",
                ),
                O.NOT_DONE,
                "Kunde inte genomföras på grund av restriktionerna.",
            ),
        ],
        "summary": "Föräldrastödet får vänta; övriga åtaganden är genomförda eller fortsätter.",
    },
]

HAGFORS = {
    "areas": ["ordning-otrygghet"],
    "situation": (
        "De flesta i Hagfors känner sig trygga, men torget upplevs som otryggt på kvällarna. "
        "Åtgärdsplanen som kommunstyrelsen godkände i juni 2024 pekar ut torget som en plats "
        "att prioritera."
    ),
    "text": (
        "Kommunen, polisen och näringsidkarna vid torget gör tillsammans torget i Hagfors till "
        "en trygg plats."
    ),
    "commitments": [
        (
            Party.OTHER,
            "Näringsidkarna vid torget",
            "Näringslivsenheten",
            "Gemensam trygghetsvandring på torget med polisen och näringsidkarna, och en lista "
            "över de åtgärder som ska prioriteras.",
            "Att listan är klar och delad med alla parter.",
        ),
        (
            Party.POLICE,
            "",
            "Kommunpolisen",
            "Synlig polisnärvaro på torget fredag och lördag kväll.",
            "Antal pass på torget.",
        ),
        (
            Party.MUNICIPALITY,
            "",
            "Teknisk förvaltning",
            "Se över belysning och sikt på torget och åtgärda det som vandringen visar.",
            "",
        ),
    ],
}


def _users(slug: str) -> dict[str, object]:
    User = get_user_model()
    names = {f"{slug}-{role}": role for role in ("coordinator", "council", "politician")}
    return {names[u.username]: u for u in User.objects.filter(username__in=names)}


def _organisations(municipality: Municipality) -> dict[str, Organisation]:
    return {o.name: o for o in Organisation.objects.for_municipality(municipality)}


def _aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _promise(municipality, period, *, status, title, situation, text, areas, previous, decided):
    decision = {}
    if decided:
        decision = {
            "decision_body": "Kommunstyrelsen",
            "decision_date": decided[0],
            "decision_reference": decided[1],
        }
    else:
        decision = {"decision_body": "", "decision_date": None, "decision_reference": ""}
    promise, _created = Promise.objects.update_or_create(
        municipality=municipality,
        period_start=period.start,
        defaults={
            "period_end": period.end,
            "title": title,
            "situation": situation,
            "text": text,
            "status": status,
            "previous": previous,
            **decision,
        },
    )
    promise.areas.set(Area.objects.national().filter(code__in=areas))
    return promise


def _commitments(promise, rows, orgs, previous_by_action):
    kept = []
    for position, (spec, outcome, comment) in enumerate(rows):
        party, partner, org_name, action, measurement = spec
        commitment, _created = Commitment.objects.update_or_create(
            promise=promise,
            position=position,
            defaults={
                "party": party,
                "partner": partner,
                "organisation": orgs.get(org_name),
                "action": action,
                "measurement": measurement,
                "outcome": outcome,
                "outcome_comment": comment,
                "continued_from": previous_by_action.get(action),
            },
        )
        kept.append(commitment.pk)
    promise.commitments.exclude(pk__in=kept).delete()
    return {c.action: c for c in promise.commitments.filter(outcome=Outcome.CONTINUES)}


def _history(promise, steps):
    """Replace the demo promise's recorded transitions with `steps`:
    (day, from, to, actor, comment)."""
    promise.transitions.all().delete()
    for day, from_status, to_status, actor, comment in steps:
        transition = PromiseTransition.objects.create(
            promise=promise,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            comment=comment,
        )
        PromiseTransition.objects.filter(pk=transition.pk).update(created_at=_aware(day))


def _load_fagersta(municipality: Municipality) -> None:
    settings, _created = PromisePeriodSettings.objects.update_or_create(
        municipality=municipality, defaults={"length_months": 3, "first_month": 3}
    )
    users = _users(municipality.slug)
    orgs = _organisations(municipality)
    previous, continuing = None, {}
    for spec in FAGERSTA:
        period = period_containing(settings, spec["start"])
        decided_on, reference = spec["decided"]
        promise = _promise(
            municipality,
            period,
            status=S.CLOSED,
            title=f"Medborgarlöfte {period.label}",
            situation=f"{spec['situation']} {EXAMPLE}",
            text=spec["text"],
            areas=spec["areas"],
            previous=previous,
            decided=spec["decided"],
        )
        continuing = _commitments(promise, spec["commitments"], orgs, continuing)
        Promise.objects.filter(pk=promise.pk).update(
            follow_up_summary=spec["summary"],
            followed_up_at=_aware(period.end),
            followed_up_by=users.get("coordinator"),
            decided_by=users.get("politician"),
        )
        written = decided_on - datetime.timedelta(days=14)
        _history(
            promise,
            [
                (written, "", S.DRAFT, users.get("council"), ""),
                (written, S.DRAFT, S.PROPOSED, users.get("council"), ""),
                (decided_on, S.PROPOSED, S.APPROVED, users.get("politician"), reference),
                (period.start, S.APPROVED, S.ACTIVE, None, "Perioden har börjat."),
                (period.end, S.ACTIVE, S.FOLLOWED_UP, users.get("coordinator"), spec["summary"]),
                (period.end, S.FOLLOWED_UP, S.CLOSED, users.get("coordinator"), ""),
            ],
        )
        previous = promise

    # The current period: a proposal from the council awaiting the politicians' decision.
    today = timezone.localdate()
    period = period_containing(settings, today)
    promise = _promise(
        municipality,
        period,
        status=S.PROPOSED,
        title=f"Medborgarlöfte {period.label}",
        situation=(
            "Lägesbilden visar fortsatt oro för narkotika bland unga och en hårdare attityd i "
            "skolorna. Motorburen ungdom samlas åter vid bensinstationen vid riksväg 66. "
            "Texten är exempeldata."
        ),
        text=(
            "Polisen och kommunen finns på plats där unga samlas och fortsätter samverkan i "
            "den sociala insatsgruppen."
        ),
        areas=["unga-skola-andt", "ordning-otrygghet"],
        previous=None,
        decided=None,
    )
    _commitments(
        promise,
        [
            (SIG, "", ""),
            (MOTOR, "", ""),
            (
                (
                    Party.POLICE,
                    "",
                    "Kommunpolisen",
                    "Kvällspass vid bensinstationen vid riksväg 66 under helgerna.",
                    "Antal pass.",
                ),
                "",
                "",
            ),
        ],
        orgs,
        {},
    )
    _history(
        promise,
        [
            (today, "", S.DRAFT, users.get("council"), ""),
            (today, S.DRAFT, S.PROPOSED, users.get("council"), ""),
        ],
    )


def _load_hagfors(municipality: Municipality) -> None:
    settings, _created = PromisePeriodSettings.objects.update_or_create(
        municipality=municipality, defaults={"length_months": 3, "first_month": 1}
    )
    users = _users(municipality.slug)
    orgs = _organisations(municipality)
    today = timezone.localdate()
    period = period_containing(settings, today)
    decided_on = max(period.start - datetime.timedelta(days=7), datetime.date(2024, 6, 30))
    promise = _promise(
        municipality,
        period,
        status=S.ACTIVE,
        title="Ett tryggt torg i Hagfors",
        situation=f"{HAGFORS['situation']} {EXAMPLE}",
        text=HAGFORS["text"],
        areas=HAGFORS["areas"],
        previous=None,
        decided=(decided_on, "KS § 87"),
    )
    _commitments(promise, [(spec, "", "") for spec in HAGFORS["commitments"]], orgs, {})
    Promise.objects.filter(pk=promise.pk).update(decided_by=users.get("politician"))
    written = decided_on - datetime.timedelta(days=14)
    _history(
        promise,
        [
            (written, "", S.DRAFT, users.get("coordinator"), ""),
            (written, S.DRAFT, S.PROPOSED, users.get("council"), ""),
            (decided_on, S.PROPOSED, S.APPROVED, users.get("politician"), "KS § 87"),
            (period.start, S.APPROVED, S.ACTIVE, None, "Perioden har börjat."),
        ],
    )


def load(municipalities: dict[str, Municipality]) -> None:
    if "fagersta" in municipalities:
        _load_fagersta(municipalities["fagersta"])
    if "hagfors" in municipalities:
        _load_hagfors(municipalities["hagfors"])
