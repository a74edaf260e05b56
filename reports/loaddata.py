"""Synthetic history for load tests: N municipalities × Y years of everything the apps keep.

Rows are built in memory and written with `bulk_create` in batches, a handful of queries per
municipality and table, so ten years of thirty municipalities load in minutes. The same seed and
day always give the same data. Every row respects the models' invariants (`clean()`), but
`bulk_create` records no history rows: generated data has no change log.

Users: `<slug>-coordinator`, `<slug>-council`, `<slug>-politician` and one reporter per
organisation, `<slug>-reporter-<n>`, all with the password `LOAD_PASSWORD`.
"""

from __future__ import annotations

import datetime
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from measures.models import Measure, MeasureLevel, MeasureStatus, Partner
from municipalities.models import (
    Area,
    Membership,
    Municipality,
    Organisation,
    OrganisationKind,
    Place,
    Role,
)
from promises.models import Commitment, Outcome, Party, Promise, PromisePeriodSettings
from promises.models import PromiseStatus as PS
from situations.models import (
    AreaJudgement,
    Assessment,
    CompiledPicture,
    Guidelines,
    GuidelinesReading,
    Meeting,
    MeetingKind,
    PeriodStatus,
    PictureStatus,
    Problem,
    ProblemStatus,
    ReportingPeriod,
    ReportingSchedule,
    ReportStatus,
    SituationReport,
    Status,
    Trend,
)
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

LOAD_PASSWORD = "load1234"  # noqa: S105 - load-test accounts only, printed by the command
SLUG_PREFIX = "last"
BATCH_SIZE = 2000

ORGANISATION_KINDS = [
    ("Skola", OrganisationKind.SCHOOL),
    ("Socialtjänst", OrganisationKind.SOCIAL_SERVICES),
    ("Kommunpolisen", OrganisationKind.POLICE),
    ("Kommunalteknik", OrganisationKind.UTILITY),
    ("Fritidsgård", OrganisationKind.LEISURE),
    ("Näringsliv", OrganisationKind.BUSINESS),
]
STATUS_WEIGHTS = [
    (Status.GREEN, 55),
    (Status.YELLOW, 28),
    (Status.RED, 10),
    (Status.NONE, 7),
]
TEXTS = [
    "Lugnt under perioden, inget särskilt att rapportera (exempeldata).",
    "Fler ungdomar samlas kvällstid vid centrum (exempeldata).",
    "Skadegörelse på busskuren, anmäld (exempeldata).",
    "Oro bland personal efter hot i korridoren (exempeldata).",
    "Nedskräpning och klotter vid gångtunneln (exempeldata).",
    "",
]
WHENS = ["", "Kvällar", "Helger", "Skolluncher", "Fredagskvällar"]


@dataclass
class LoadResult:
    """What was generated: rows per model, and the time it took."""

    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    slugs: list[str] = field(default_factory=list)


def municipality_slug(index: int) -> str:
    return f"{SLUG_PREFIX}-{index + 1:02d}"


def _bulk(model, rows: list, result: LoadResult) -> list:
    created = model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    result.counts[model._meta.label] += len(rows)
    return created


def _weighted_status(rng: random.Random) -> str:
    return rng.choices([s for s, _ in STATUS_WEIGHTS], weights=[w for _, w in STATUS_WEIGHTS])[0]


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def generate(
    *,
    municipalities: int = 30,
    years: int = 10,
    seed: int = 1,
    today: datetime.date | None = None,
    first: int = 0,
    vary_years: bool = True,
    log: Callable[[str], None] = lambda message: None,
) -> LoadResult:
    """Generate `municipalities` × `years` of history ending `today`; returns the row counts.

    Municipalities are numbered from `first` (slug `last-01` for 0). With `vary_years` the first
    one has the full `years` and the others between half and all of it, so that a benchmark can
    pick the one with most history; without it every municipality has `years`."""
    today = today or timezone.localdate()
    started = time.monotonic()
    result = LoadResult()
    areas = list(Area.objects.national().order_by("position", "pk"))
    password = make_password(LOAD_PASSWORD)
    rng = random.Random(seed)
    for index in range(first, first + municipalities):
        own_years = years
        if vary_years and index != first:
            own_years = rng.randint(max(1, (years + 1) // 2), years)
        municipal_rng = random.Random(f"{seed}-{index}")
        with transaction.atomic():
            _municipality(
                index=index,
                years=own_years,
                today=today,
                rng=municipal_rng,
                areas=areas,
                password=password,
                result=result,
            )
        log(
            f"{municipality_slug(index)}: {own_years} år "
            f"({index + 1 - first}/{municipalities}, {time.monotonic() - started:.0f} s)"
        )
    result.seconds = time.monotonic() - started
    return result


def _municipality(*, index, years, today, rng, areas, password, result):  # noqa: PLR0915
    slug = municipality_slug(index)
    municipality = Municipality.objects.create(
        name=f"Lastkommun {index + 1:02d}",
        slug=slug,
        code=f"{9000 + index + 1:04d}",
        population=rng.randint(5_000, 60_000),
        shares_comparisons=True,
    )
    result.slugs.append(slug)
    result.counts["municipalities.Municipality"] += 1
    first_day = today - datetime.timedelta(days=365 * years)

    # -- organisations, places, members ---------------------------------------------------
    organisations = _bulk(
        Organisation,
        [
            Organisation(
                municipality=municipality,
                name=f"{ORGANISATION_KINDS[n % len(ORGANISATION_KINDS)][0]} {n + 1}",
                kind=ORGANISATION_KINDS[n % len(ORGANISATION_KINDS)][1],
                email=f"org{n + 1}@{slug}.example.se",
            )
            for n in range(rng.randint(6, 12))
        ],
        result,
    )
    places = _bulk(
        Place,
        [
            Place(
                municipality=municipality,
                name=f"Plats {n + 1}",
                latitude=Decimal("60.000000") + Decimal(rng.randint(0, 20000)) / 1_000_000,
                longitude=Decimal("15.700000") + Decimal(rng.randint(0, 20000)) / 1_000_000,
            )
            for n in range(8)
        ],
        result,
    )
    User = get_user_model()
    staff_roles = [Role.COORDINATOR, Role.COUNCIL, Role.POLITICIAN]
    users = _bulk(
        User,
        [
            User(username=f"{slug}-{role}", first_name=role, last_name=slug, password=password)
            for role in staff_roles
        ]
        + [
            User(
                username=f"{slug}-reporter-{n + 1}",
                first_name="Rapportör",
                last_name=organisation.name,
                password=password,
                email=f"{slug}-reporter-{n + 1}@example.se",
            )
            for n, organisation in enumerate(organisations)
        ],
        result,
    )
    coordinator = users[0]
    reporters = users[len(staff_roles) :]
    _bulk(
        Membership,
        [
            Membership(user=user, municipality=municipality, role=role)
            for user, role in zip(users, staff_roles, strict=False)
        ]
        + [
            Membership(
                user=user, municipality=municipality, role=Role.REPORTER, organisation=organisation
            )
            for user, organisation in zip(reporters, organisations, strict=True)
        ],
        result,
    )
    Guidelines.objects.create(
        municipality=municipality,
        mission="EST-gruppen samlar verksamheternas bild av läget varannan vecka (exempeldata).",
        guidelines="Skriv om platser och företeelser, aldrig om namngivna personer.",
        updated_by=coordinator,
    )
    _bulk(
        GuidelinesReading,
        [GuidelinesReading(municipality=municipality, user=user) for user in reporters],
        result,
    )

    # -- reporting periods, reports, assessments, compiled pictures ---------------------------
    schedule = ReportingSchedule.objects.create(
        municipality=municipality, anchor=_monday(first_day)
    )
    starts = []
    start = schedule.anchor
    while start <= today:
        starts.append(start)
        start += datetime.timedelta(weeks=schedule.interval_weeks)
    periods = _bulk(
        ReportingPeriod,
        [
            ReportingPeriod(
                municipality=municipality,
                starts_on=start,
                ends_on=start + datetime.timedelta(weeks=schedule.interval_weeks, days=-1),
                deadline=schedule.deadline_for(start),
                status=PeriodStatus.OPEN if n == len(starts) - 1 else PeriodStatus.CLOSED,
                created_by=coordinator,
            )
            for n, start in enumerate(starts)
        ],
        result,
    )
    reports = []
    for period in periods:
        closed = period.status == PeriodStatus.CLOSED
        submitted_at = timezone.make_aware(
            datetime.datetime.combine(period.deadline, datetime.time(15))
        )
        for organisation, reporter in zip(organisations, reporters, strict=True):
            reports.append(
                SituationReport(
                    period=period,
                    organisation=organisation,
                    status=ReportStatus.SUBMITTED if closed else ReportStatus.DRAFT,
                    submitted_at=submitted_at if closed else None,
                    submitted_by=reporter if closed else None,
                    updated_by=reporter,
                )
            )
    reports = _bulk(SituationReport, reports, result)
    assessments = [
        Assessment(
            report=report,
            area=area,
            status=_weighted_status(rng),
            trend=rng.choice(Trend.values),
            text=rng.choice(TEXTS),
            when=rng.choice(WHENS),
        )
        for report in reports
        for area in areas
    ]
    assessments = _bulk(Assessment, assessments, result)
    _bulk(
        Assessment.places.through,
        [
            Assessment.places.through(assessment_id=a.pk, place_id=rng.choice(places).pk)
            for a in assessments
            if a.text and rng.random() < 0.5
        ],
        result,
    )
    closed_periods = [p for p in periods if p.status == PeriodStatus.CLOSED]
    pictures = _bulk(
        CompiledPicture,
        [
            CompiledPicture(
                period=period,
                status=PictureStatus.PUBLISHED,
                analysis="Läget är i huvudsak lugnt; se områdena nedan (exempeldata).",
                decisions="Fortsatt bevakning av centrum helgkvällar (exempeldata).",
                published_at=timezone.make_aware(
                    datetime.datetime.combine(period.ends_on, datetime.time(12))
                ),
                published_by=coordinator,
                feedback_sent_at=timezone.make_aware(
                    datetime.datetime.combine(period.ends_on, datetime.time(12))
                ),
                updated_by=coordinator,
            )
            for period in closed_periods
        ],
        result,
    )
    _bulk(
        AreaJudgement,
        [
            AreaJudgement(
                picture=picture,
                area=area,
                status=_weighted_status(rng),
                trend=rng.choice(Trend.values),
                analysis="Sammanvägd bedömning av rapporterna (exempeldata).",
            )
            for picture in pictures
            for area in areas
        ],
        result,
    )

    # -- problems and meetings ----------------------------------------------------------------
    problems = []
    for n, period in enumerate(closed_periods[::2]):
        recent = period.starts_on > today - datetime.timedelta(days=120)
        status = rng.choice(
            [ProblemStatus.OPEN, ProblemStatus.IN_PROGRESS, ProblemStatus.ESCALATED]
            if recent
            else [ProblemStatus.CLOSED]
        )
        problems.append(
            Problem(
                municipality=municipality,
                period=period,
                area=rng.choice(areas),
                place=rng.choice(places),
                title=f"Problem {n + 1}: oro vid {rng.choice(places).name} (exempeldata)",
                description="Återkommande rapporter om otrygghet kvällstid (exempeldata).",
                owner=coordinator,
                due_date=period.ends_on + datetime.timedelta(days=60),
                status=status,
                resolution="Belysning och ökad närvaro (exempeldata)."
                if status == ProblemStatus.CLOSED
                else "",
                created_by=coordinator,
            )
        )
    problems = _bulk(Problem, problems, result)
    meetings = [
        Meeting(
            municipality=municipality,
            kind=MeetingKind.EST,
            date=period.deadline + datetime.timedelta(days=1),
            notes="Genomgång av lägesbilden (exempeldata).",
            decisions="Samordnaren sammanställer och publicerar (exempeldata).",
            created_by=coordinator,
        )
        for period in closed_periods
    ] + [
        Meeting(
            municipality=municipality,
            kind=MeetingKind.COUNCIL,
            date=period.deadline + datetime.timedelta(days=1),
            notes="Brå går igenom lägesbilden och medborgarlöftet (exempeldata).",
            created_by=coordinator,
        )
        for period in closed_periods[::6]
    ]
    meetings = _bulk(Meeting, meetings, result)
    _bulk(
        Meeting.organisations.through,
        [
            Meeting.organisations.through(meeting_id=meeting.pk, organisation_id=organisation.pk)
            for meeting in meetings
            for organisation in organisations
            if rng.random() < 0.7
        ],
        result,
    )

    # -- promises per three-month period ------------------------------------------------------
    PromisePeriodSettings.objects.create(municipality=municipality, length_months=3, first_month=3)
    quarter_starts = []
    year, month = first_day.year, 3
    while datetime.date(year, month, 1) <= today:
        if datetime.date(year, month, 1) >= first_day.replace(day=1):
            quarter_starts.append(datetime.date(year, month, 1))
        month += 3
        if month > 12:
            year, month = year + 1, month - 12
    promise_rows = []
    for n, period_start in enumerate(quarter_starts):
        end_year, end_month = (
            (period_start.year, period_start.month + 3)
            if period_start.month <= 9
            else (period_start.year + 1, period_start.month - 9)
        )
        period_end = datetime.date(end_year, end_month, 1) - datetime.timedelta(days=1)
        current = period_end >= today
        promise_rows.append(
            Promise(
                municipality=municipality,
                period_start=period_start,
                period_end=period_end,
                title=f"Medborgarlöfte {period_start:%Y-%m} (exempeldata)",
                situation="Lägesbilden visar oro kring centrum helgkvällar (exempeldata).",
                text="Polisen och kommunen lovar fler trygghetsvandringar (exempeldata).",
                status=PS.ACTIVE if current else PS.CLOSED,
                decision_body="Kommunstyrelsen",
                decision_date=period_start - datetime.timedelta(days=14),
                decision_reference=f"KS § {100 + n}",
                decided_by=users[2],
                follow_up_summary="" if current else "De flesta åtaganden genomfördes.",
                followed_up_at=None
                if current
                else timezone.make_aware(datetime.datetime.combine(period_end, datetime.time(12))),
                followed_up_by=None if current else coordinator,
                created_by=coordinator,
            )
        )
    promises = _bulk(Promise, promise_rows, result)
    for previous, promise in zip(promises, promises[1:], strict=False):
        promise.previous = previous
    Promise.objects.bulk_update(promises[1:], ["previous"], batch_size=BATCH_SIZE)
    _bulk(
        Promise.areas.through,
        [
            Promise.areas.through(promise_id=promise.pk, area_id=area.pk)
            for promise in promises
            for area in rng.sample(areas, 2)
        ],
        result,
    )
    commitments = []
    for promise in promises:
        followed_up = promise.status == PS.CLOSED
        for position in range(rng.randint(3, 5)):
            party = rng.choice([Party.POLICE, Party.MUNICIPALITY, Party.BOTH])
            commitments.append(
                Commitment(
                    promise=promise,
                    party=party,
                    organisation=rng.choice(organisations) if party != Party.POLICE else None,
                    action=f"Åtagande {position + 1}: närvaro vid centrum fredagar (exempeldata).",
                    measurement="Antal genomförda kvällar.",
                    position=position,
                    outcome=rng.choice(Outcome.values) if followed_up else "",
                    outcome_comment="Genomfört enligt plan." if followed_up else "",
                )
            )
    _bulk(Commitment, commitments, result)

    # -- measures -----------------------------------------------------------------------------
    partners = _bulk(
        Partner,
        [Partner(municipality=municipality, name=f"Förening {n + 1}") for n in range(4)],
        result,
    )
    measure_rows = []
    for year_offset in range(years + 1):
        year_start = first_day + datetime.timedelta(days=365 * year_offset)
        if year_start > today:
            break
        for n in range(6):
            start_date = year_start + datetime.timedelta(days=rng.randint(0, 300))
            if start_date > today:
                continue
            end_date = start_date + datetime.timedelta(days=rng.randint(30, 200))
            done = end_date < today
            measure_rows.append(
                Measure(
                    municipality=municipality,
                    title=f"Insats {start_date.year}-{n + 1}: drogfri aktivitet (exempeldata)",
                    description="Aktivitet för unga under riskhelger (exempeldata).",
                    level=rng.choice(MeasureLevel.values),
                    status=MeasureStatus.COMPLETED if done else MeasureStatus.ONGOING,
                    start_date=start_date,
                    end_date=end_date,
                    responsible_organisation=rng.choice(organisations),
                    funding_source="Kommunens budget",
                    funding_amount=rng.randint(5, 200) * 1000,
                    target_group="Unga 13–17 år",
                    reach_number=rng.randint(20, 400),
                    reach_unit="unga",
                    outcome="Väl mottaget (exempeldata)." if done else "",
                    is_public=rng.random() < 0.5,
                    created_by=coordinator,
                )
            )
    measures = _bulk(Measure, measure_rows, result)
    _bulk(
        Measure.areas.through,
        [
            Measure.areas.through(measure_id=measure.pk, area_id=rng.choice(areas).pk)
            for measure in measures
        ],
        result,
    )
    _bulk(
        Measure.partners.through,
        [
            Measure.partners.through(measure_id=measure.pk, partner_id=rng.choice(partners).pk)
            for measure in measures
            if rng.random() < 0.5
        ],
        result,
    )
    _bulk(
        Measure.problems.through,
        [
            Measure.problems.through(measure_id=measure.pk, problem_id=rng.choice(problems).pk)
            for measure in measures
            if problems and rng.random() < 0.3
        ],
        result,
    )

    # -- safety walks and findings ------------------------------------------------------------
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
    walks = _bulk(SafetyWalk, walks, result)
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
    _bulk(Finding, findings, result)

    # -- one safety survey a year, with answers -----------------------------------------------
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
    surveys = _bulk(Survey, survey_rows, result)
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
    questions = _bulk(Question, question_rows, result)
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
    choices = _bulk(Choice, choice_rows, result)
    choices_of: dict[int, list[Choice]] = {}
    for choice in choices:
        choices_of.setdefault(choice.question_id, []).append(choice)
    response_rows = [
        Response(
            survey=survey,
            submitted_on=survey.opens_on + datetime.timedelta(days=rng.randint(0, 30)),
            is_example=True,
        )
        for survey in surveys
        for _n in range(40)
    ]
    responses = _bulk(Response, response_rows, result)
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
    _bulk(Answer, answers, result)

    # -- indicator series ---------------------------------------------------------------------
    series = _bulk(
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
    _bulk(IndicatorValue, values, result)
