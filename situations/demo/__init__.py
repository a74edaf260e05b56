"""Demo data for the lägesbild.

Fagersta: the year 2021 as its annual report tells it – EST met 21 times and the council six
times, narcotics and young people involved in violence stood out, disturbances of order fell.
The individual statuses, texts, attendance and problems are example data (the report gives
no such detail) and say so. Hagfors: a few recent periods. Both get the current period, open.

Loading is idempotent: everything is keyed by its natural key and only what is missing is
created, in bulk.
"""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from municipalities.models import Area, Municipality, Organisation, OrganisationKind, Place

from .. import selectors, services
from ..models import (
    AreaJudgement,
    Assessment,
    CompiledPicture,
    Guidelines,
    Meeting,
    MeetingKind,
    PeriodStatus,
    PictureStatus,
    Problem,
    ProblemStatus,
    ReportingPeriod,
    ReportStatus,
    SituationReport,
    Trend,
)

EXAMPLE = " (exempeldata)"

MISSION = (
    "EST-gruppen (Effektiv samverkan för trygghet) samlar skolor, socialtjänst, öppenvård, "
    "fritidsverksamheter, kommunalteknik, näringsliv och kommunpolis. Varannan vecka lämnar "
    "varje verksamhet en kort lägesrapport per område. Samordnaren sammanställer rapporterna "
    "till en gemensam lägesbild som det lokala brottsförebyggande rådet utgår från när det "
    "föreslår medborgarlöften och insatser. Varje deltagare företräder sin verksamhet och "
    "ser till att den rapporterar, även när hen själv är borta."
)
GUIDELINES = (
    "1. Rapportera om platser, tider och företeelser – aldrig om namngivna eller på annat sätt "
    "utpekade personer. Skriv inte namn, personnummer, telefonnummer eller e-postadresser.\n"
    "2. Välj läge per område: grönt (lugnt, normalt), gult (förhöjt, oroande), rött (allvarligt) "
    "eller ingen information om verksamheten inte har någon bild av området.\n"
    "3. Ange utvecklingen jämfört med förra perioden och, om det går, var och när.\n"
    "4. Har inget förändrats: använd knappen ”Inget nytt sedan förra perioden” och skicka in.\n"
    "5. Lägesrapporten ersätter inte ordinarie rutiner. Oro för ett enskilt barn anmäls till "
    "socialtjänsten som en orosanmälan, och brott anmäls till polisen.\n"
    "6. Rapporten ska vara inne senast sista rapportdag. Du får återkoppling när den gemensamma "
    "lägesbilden är publicerad."
)

# How likely each status is per area: (green, yellow, red, none), before the season shifts it.
AREA_PROFILE = {
    "hot-vald": (45, 40, 10, 5),
    "ordning-otrygghet": (65, 25, 3, 7),
    "extremism-natverk": (40, 8, 0, 52),
    "unga-skola-andt": (30, 45, 20, 5),
    "ovrigt": (55, 25, 2, 18),
}
# ISO weeks with more going on: Valborg, the end of school, the autumn break.
RISK_WEEKS = {17, 18, 24, 25, 43, 44}
# Organisations' view of an area: kinds that usually have no information about it.
BLIND_SPOTS = {
    OrganisationKind.UTILITY: {"extremism-natverk", "unga-skola-andt"},
    OrganisationKind.BUSINESS: {"extremism-natverk", "unga-skola-andt"},
    OrganisationKind.LEISURE: {"extremism-natverk"},
}
TEXTS = {
    "hot-vald": {
        "green": "Inga kända incidenter under perioden",
        "yellow": "Fler konflikter och handgemäng mellan unga, hård jargong i skolmatsalen",
        "red": "Flera våldsincidenter med unga inblandade, ökad oro för våld i nära relation",
    },
    "ordning-otrygghet": {
        "green": "Lugnt, färre anmälningar om skadegörelse än tidigare",
        "yellow": "EPA-traktorer samlas vid bensinstationen, nedskräpning och buskörning",
        "red": "Bränder i containrar och skadegörelse flera nätter i rad",
    },
    "extremism-natverk": {
        "green": "Inget att rapportera",
        "yellow": "Klistermärken och klotter med extremistiska budskap har setts",
        "red": "Tecken på rekrytering av unga till kriminell verksamhet",
    },
    "unga-skola-andt": {
        "green": "Lugnt på skolor och fritidsgård",
        "yellow": "Uppgifter om narkotika i omlopp bland elever, alkohol på helger",
        "red": "Narkotika förekommer öppet, flera unga påverkade vid skolan och i centrum",
    },
    "ovrigt": {
        "green": "Inget särskilt",
        "yellow": "Hot och ryktesspridning på sociala medier mellan elever",
        "red": "Hot mot personal och förtroendevalda på sociala medier",
    },
}
WHEN = {"hot-vald": "kvällar", "ordning-otrygghet": "helgnätter", "unga-skola-andt": "helger"}
PLACES_FOR = {
    "ordning-otrygghet": ["Bensinstationen vid riksväg 66", "Centrum"],
    "unga-skola-andt": ["Risbroskolan", "Centrum"],
    "hot-vald": ["Centrum"],
}


def load(municipalities: dict[str, Municipality]) -> None:
    """Create or complete the lägesbild demo; safe to run again."""
    areas = list(Area.objects.national())
    fagersta = municipalities.get("fagersta")
    if fagersta is not None:
        _guidelines(fagersta)
        periods = _periods(fagersta, datetime.date(2021, 1, 4), datetime.date(2021, 12, 31))
        _reports(fagersta, periods, areas)
        _pictures(fagersta, periods)
        _meetings_fagersta(fagersta)
        _problems_fagersta(fagersta, periods, areas)
        _current(fagersta, areas, skip=["Risbroskolan", "Kommunpolisen"])
    hagfors = municipalities.get("hagfors")
    if hagfors is not None:
        _guidelines(hagfors)
        today = timezone.localdate()
        schedule = selectors.schedule_for(municipality=hagfors)
        current_start, _end = schedule.period_containing(today)
        recent = _periods(hagfors, current_start - datetime.timedelta(weeks=8), current_start)
        _reports(hagfors, recent, areas)
        _pictures(hagfors, recent)
        _current(hagfors, areas, skip=["Älvstrandens bildningscentrum", "Kommunpolisen"])


def _guidelines(municipality: Municipality) -> None:
    Guidelines.objects.update_or_create(
        municipality=municipality, defaults={"mission": MISSION, "guidelines": GUIDELINES}
    )


def _periods(
    municipality: Municipality, first: datetime.date, before: datetime.date
) -> list[ReportingPeriod]:
    """Closed periods starting from `first` up to (not including) `before`."""
    schedule = selectors.schedule_for(municipality=municipality)
    start, _end = schedule.period_containing(first)
    wanted = []
    while start < before:
        wanted.append(start)
        start += datetime.timedelta(weeks=schedule.interval_weeks)
    existing = {
        p.starts_on: p
        for p in ReportingPeriod.objects.for_municipality(municipality).filter(starts_on__in=wanted)
    }
    ReportingPeriod.objects.bulk_create(
        ReportingPeriod(
            municipality=municipality,
            starts_on=start,
            ends_on=start + datetime.timedelta(weeks=schedule.interval_weeks, days=-1),
            deadline=schedule.deadline_for(start),
            status=PeriodStatus.CLOSED,
            closed_at=timezone.now(),
        )
        for start in wanted
        if start not in existing
    )
    return list(
        ReportingPeriod.objects.for_municipality(municipality)
        .filter(starts_on__in=wanted)
        .order_by("starts_on")
    )


def _status_for(rng: random.Random, code: str, week: int, kind: str) -> str:
    if code in BLIND_SPOTS.get(kind, set()):
        return "none"
    green, yellow, red, none = AREA_PROFILE[code]
    if week in RISK_WEEKS:
        green, yellow, red = green - 20, yellow + 10, red + 10 if red else 0
    if code == "hot-vald" and week >= 36:
        # The police saw more violence in close relationships towards the end of the year.
        green, red = green - 10, red + 10
    return rng.choices(["green", "yellow", "red", "none"], [green, yellow, red, none])[0]


def _reports(municipality: Municipality, periods: list[ReportingPeriod], areas: list[Area]):
    organisations = list(
        Organisation.objects.for_municipality(municipality).filter(reports=True, is_active=True)
    )
    places = {p.name: p for p in Place.objects.for_municipality(municipality)}
    existing = set(
        SituationReport.objects.filter(period__in=periods).values_list(
            "period_id", "organisation_id"
        )
    )
    new_reports = []
    for period in periods:
        rng = random.Random(f"{municipality.slug}-{period.starts_on}")  # noqa: S311
        for org in organisations:
            misses = rng.random() < 0.12  # about one organisation in eight misses a period
            if misses or (period.pk, org.pk) in existing:
                continue
            submitted = timezone.make_aware(
                datetime.datetime.combine(period.deadline, datetime.time(9, 0))
            )
            new_reports.append(
                SituationReport(
                    period=period,
                    organisation=org,
                    status=ReportStatus.SUBMITTED,
                    submitted_at=submitted,
                )
            )
    SituationReport.objects.bulk_create(new_reports)
    created = SituationReport.objects.filter(
        period__in=periods, assessments__isnull=True
    ).select_related("period", "organisation")
    assessments = []
    chosen_places = []
    for report in created:
        week = report.period.starts_on.isocalendar().week
        rng = random.Random(f"{report.period.starts_on}-{report.organisation.name}")  # noqa: S311
        for area in areas:
            status = _status_for(rng, area.code, week, report.organisation.kind)
            text = TEXTS[area.code].get(status, "")
            assessment = Assessment(
                report=report,
                area=area,
                status=status,
                trend=rng.choice([Trend.SAME, Trend.SAME, Trend.BETTER, Trend.WORSE]),
                text=f"{text}{EXAMPLE}" if text else "",
                when=WHEN.get(area.code, "") if status in ("yellow", "red") else "",
            )
            assessments.append(assessment)
            if status in ("yellow", "red"):
                names = [n for n in PLACES_FOR.get(area.code, []) if n in places]
                if names:
                    chosen_places.append((assessment, places[rng.choice(names)]))
    Assessment.objects.bulk_create(assessments)
    Through = Assessment.places.through
    Through.objects.bulk_create(
        Through(assessment_id=a.pk, place_id=p.pk) for a, p in chosen_places
    )


def _pictures(municipality: Municipality, periods: list[ReportingPeriod]) -> None:
    """A published joint picture per period, with the status the reports suggest."""
    have = set(
        CompiledPicture.objects.filter(period__in=periods).values_list("period_id", flat=True)
    )
    missing = [p for p in periods if p.pk not in have]
    CompiledPicture.objects.bulk_create(
        CompiledPicture(
            period=p,
            status=PictureStatus.PUBLISHED,
            published_at=timezone.make_aware(
                datetime.datetime.combine(p.ends_on, datetime.time(15, 0))
            ),
            feedback_sent_at=timezone.now(),
            analysis=_analysis(p) + EXAMPLE,
            decisions=_decision(p) + EXAMPLE,
        )
        for p in missing
    )
    pictures = CompiledPicture.objects.filter(
        period__in=periods, areas__isnull=True
    ).select_related("period")
    judgements = []
    for picture in pictures:
        for column in selectors.compiled_view(period=picture.period):
            status = column.suggested.status
            note = ""
            if status in ("yellow", "red"):
                note = TEXTS[column.area.code][status] + EXAMPLE
            judgements.append(
                AreaJudgement(picture=picture, area=column.area, status=status, analysis=note)
            )
    AreaJudgement.objects.bulk_create(judgements)


def _analysis(period: ReportingPeriod) -> str:
    week = period.starts_on.isocalendar().week
    if week in RISK_WEEKS:
        return (
            "Riskhelg under perioden. Narkotika och unga inblandade i konflikter sticker ut; "
            "trygghetsteamen fältar och fritidsgården har förlängda öppettider"
        )
    return (
        "Läget i stort som förra perioden. Narkotika bland unga och en hård attityd i skolorna "
        "följs särskilt; ordningsstörningarna är färre än tidigare år"
    )


def _decision(period: ReportingPeriod) -> str:
    week = period.starts_on.isocalendar().week
    if week in {17, 18}:
        return "Gemensam insats kring Valborg med extra bemanning och drogfria aktiviteter"
    if week in {24, 25}:
        return "Fältning vid skolavslutningen, samverkan med Nattvandrarna och polisen"
    return "Inga nya beslut; problemlistan följs upp på nästa möte"


def _meetings_fagersta(municipality: Municipality) -> None:
    organisations = list(Organisation.objects.for_municipality(municipality))
    # EST met 21 times in 2021: every other Wednesday except over summer and Christmas.
    est_dates = [datetime.date(2021, 1, 13) + datetime.timedelta(weeks=2 * i) for i in range(26)]
    est_dates = [d for d in est_dates if d.month not in (7,) and d < datetime.date(2021, 12, 15)]
    est_dates = [d for d in est_dates if d != datetime.date(2021, 6, 30)][:21]
    rng = random.Random("fagersta-meetings")  # noqa: S311
    for date in est_dates:
        meeting, _created = Meeting.objects.update_or_create(
            municipality=municipality,
            kind=MeetingKind.EST,
            date=date,
            defaults={
                "notes": "Genomgång av periodens lägesrapporter och föregående beslut" + EXAMPLE,
                "decisions": "Samordnaren sammanställer lägesbilden till Brå" + EXAMPLE,
            },
        )
        meeting.organisations.set(rng.sample(organisations, k=min(len(organisations), 8)))
    council_dates = [datetime.date(2021, m, d) for m, d in ((2, 10), (3, 24), (5, 19))] + [
        datetime.date(2021, m, d) for m, d in ((8, 25), (10, 20), (12, 8))
    ]
    police = [o for o in organisations if o.kind == OrganisationKind.POLICE]
    social = [o for o in organisations if o.kind == OrganisationKind.SOCIAL_SERVICES]
    for date in council_dates:
        meeting, _created = Meeting.objects.update_or_create(
            municipality=municipality,
            kind=MeetingKind.COUNCIL,
            date=date,
            defaults={
                "notes": "Rådet gick igenom de senaste lägesbilderna och problemlistan" + EXAMPLE,
                "decisions": "Förslag till medborgarlöfte för nästa tremånadersperiod" + EXAMPLE,
            },
        )
        meeting.organisations.set(police + social)


def _problems_fagersta(municipality: Municipality, periods, areas) -> None:
    by_code = {a.code: a for a in areas}
    places = {p.name: p for p in Place.objects.for_municipality(municipality)}
    owner = get_user_model().objects.filter(username=f"{municipality.slug}-coordinator").first()
    period_at = {p.starts_on.isocalendar().week: p for p in periods}
    today = timezone.localdate()
    # Due dates are counted from today, so that the demo always has one problem overdue
    # and the others still running.
    specs = [
        (
            "Narkotika i omlopp bland elever",
            "unga-skola-andt",
            "Risbroskolan",
            "Flera verksamheter rapporterar narkotika bland unga. Hundsvep i skolorna och "
            "information till vårdnadshavare.",
            ProblemStatus.IN_PROGRESS,
            60,
            "",
            9,
        ),
        (
            "Nedskräpning där EPA-traktorer samlas",
            "ordning-otrygghet",
            "Bensinstationen vid riksväg 66",
            "Unga med EPA-traktorer samlas vid bensinstationen; nedskräpning och oro bland "
            "kunder. Dialog med motorklubben om en egen mötesplats.",
            ProblemStatus.CLOSED,
            -400,
            "Motorklubben erbjuder en mötesplats med vuxennärvaro; färre samlingar vid "
            "bensinstationen.",
            15,
        ),
        (
            "Mörk korsning vid Försäkringskassan/Bragevägen",
            "ordning-otrygghet",
            "Korsningen Försäkringskassan/Bragevägen",
            "Både trygghetsvandringen och trygghetsenkäten pekar ut korsningen som mörk och "
            "otrygg. NVK utreder belysning.",
            ProblemStatus.OPEN,
            -14,
            "",
            43,
        ),
        (
            "Våld i nära relation ökar",
            "hot-vald",
            None,
            "Polisen ser en ökning av våld i nära relation och vill ha ett gemensamt "
            "krafttag. Lyft till det lokala brottsförebyggande rådet.",
            ProblemStatus.ESCALATED,
            120,
            "",
            47,
        ),
        (
            "Hård attityd och konflikter bland unga",
            "hot-vald",
            "Centrum",
            "Skolmatsalar, lärare, polis och socialtjänst beskriver en hårdare attityd och "
            "fler konflikter mellan unga.",
            ProblemStatus.OPEN,
            30,
            "",
            37,
        ),
    ]
    for title, code, place, description, status, due_in_days, resolution, week in specs:
        Problem.objects.update_or_create(
            municipality=municipality,
            title=title,
            defaults={
                "area": by_code[code],
                "place": places.get(place) if place else None,
                "description": description + EXAMPLE,
                "status": status,
                "due_date": today + datetime.timedelta(days=due_in_days),
                "resolution": resolution + EXAMPLE if resolution else "",
                "owner": owner,
                "created_by": owner,
                "period": period_at.get(week),
            },
        )


def _current(municipality: Municipality, areas, *, skip: list[str]) -> None:
    """The current period, open, with reports from a few organisations (not from those in
    `skip`, so that the demo reporters have something to do)."""
    services.periods_create_upcoming(municipality=municipality)
    period = selectors.current_period(municipality=municipality)
    if period is None:
        return
    reporting = (
        Organisation.objects.for_municipality(municipality)
        .filter(reports=True, is_active=True)
        .exclude(name__in=skip)
        .order_by("name")[:3]
    )
    _reports_for(period, list(reporting), areas)


def _reports_for(period: ReportingPeriod, organisations, areas) -> None:
    existing = set(
        SituationReport.objects.filter(period=period).values_list("organisation_id", flat=True)
    )
    for org in organisations:
        if org.pk in existing:
            continue
        rng = random.Random(f"{period.starts_on}-{org.name}")  # noqa: S311
        report = SituationReport.objects.create(
            period=period,
            organisation=org,
            status=ReportStatus.SUBMITTED,
            submitted_at=timezone.now(),
        )
        week = period.starts_on.isocalendar().week
        Assessment.objects.bulk_create(
            Assessment(
                report=report,
                area=area,
                status=(status := _status_for(rng, area.code, week, org.kind)),
                text=(TEXTS[area.code].get(status, "") + EXAMPLE) if status != "none" else "",
            )
            for area in areas
        )
