"""Load data: reporting periods with every report, compiled pictures, problems and meetings."""

from __future__ import annotations

import datetime

from django.utils import timezone

from situations.models import (
    AreaJudgement,
    Assessment,
    CompiledPicture,
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
    Trend,
)

from .common import (
    TEXTS,
    WHENS,
    Town,
    bulk,
    monday,
    weighted_status,
)


def periods_reports_pictures(town: Town) -> None:
    """Reporting periods with every organisation's report and its assessments."""
    areas = town.areas
    coordinator = town.coordinator
    first_day = town.first_day
    municipality = town.municipality
    organisations = town.organisations
    places = town.places
    reporters = town.reporters
    result = town.result
    rng = town.rng
    today = town.today
    schedule = ReportingSchedule.objects.create(municipality=municipality, anchor=monday(first_day))
    starts = []
    start = schedule.anchor
    while start <= today:
        starts.append(start)
        start += datetime.timedelta(weeks=schedule.interval_weeks)
    periods = bulk(
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
    reports = bulk(SituationReport, reports, result)
    assessments = [
        Assessment(
            report=report,
            area=area,
            status=weighted_status(rng),
            trend=rng.choice(Trend.values),
            text=rng.choice(TEXTS),
            when=rng.choice(WHENS),
        )
        for report in reports
        for area in areas
    ]
    assessments = bulk(Assessment, assessments, result)
    bulk(
        Assessment.places.through,
        [
            Assessment.places.through(assessment_id=a.pk, place_id=rng.choice(places).pk)
            for a in assessments
            if a.text and rng.random() < 0.5
        ],
        result,
    )
    town.closed_periods = [p for p in periods if p.status == PeriodStatus.CLOSED]


def compiled_pictures(town: Town) -> None:
    """A published picture with a judgement per area for every closed period."""
    areas, coordinator, result, rng = town.areas, town.coordinator, town.result, town.rng
    pictures = bulk(
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
            for period in town.closed_periods
        ],
        result,
    )
    bulk(
        AreaJudgement,
        [
            AreaJudgement(
                picture=picture,
                area=area,
                status=weighted_status(rng),
                trend=rng.choice(Trend.values),
                analysis="Sammanvägd bedömning av rapporterna (exempeldata).",
            )
            for picture in pictures
            for area in areas
        ],
        result,
    )


def problems_and_meetings(town: Town) -> None:
    """Problems and meetings."""
    areas = town.areas
    closed_periods = town.closed_periods
    coordinator = town.coordinator
    municipality = town.municipality
    organisations = town.organisations
    places = town.places
    result = town.result
    rng = town.rng
    today = town.today
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
    problems = bulk(Problem, problems, result)
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
    meetings = bulk(Meeting, meetings, result)
    bulk(
        Meeting.organisations.through,
        [
            Meeting.organisations.through(meeting_id=meeting.pk, organisation_id=organisation.pk)
            for meeting in meetings
            for organisation in organisations
            if rng.random() < 0.7
        ],
        result,
    )
    town.problems = problems
