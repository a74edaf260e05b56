"""Every write of the lägesbild: periods, reports, the compiled picture, problems, meetings,
guidelines, reminders and feedback."""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from fagersta.site import site_url
from municipalities import history, outbox, versions
from municipalities.models import Municipality, Organisation

from . import selectors
from .models import (
    AreaJudgement,
    Assessment,
    CompiledPicture,
    Guidelines,
    GuidelinesReading,
    Meeting,
    Notification,
    NotificationKind,
    PeriodStatus,
    PictureStatus,
    Problem,
    ReportingPeriod,
    ReportingSchedule,
    ReportStatus,
    SituationReport,
    Status,
    Trend,
)


class ConflictError(Exception):
    """Someone else saved the object after this edit started."""

    def __init__(self, current):
        super().__init__("conflict")
        self.current = current


# -- schedule and periods ------------------------------------------------------------------
@transaction.atomic
def schedule_update(*, actor, municipality: Municipality, **fields) -> ReportingSchedule:
    schedule = selectors.schedule_for(municipality=municipality)
    for name, value in fields.items():
        setattr(schedule, name, value)
    schedule.full_clean()
    schedule.save()
    return schedule


@transaction.atomic
def period_open(
    *, actor, municipality: Municipality, day: datetime.date | None = None
) -> ReportingPeriod:
    """Open the period containing `day` (by default: the first period after the latest one,
    or the current one if there is none yet). Reopens it if it exists and was closed."""
    schedule = selectors.schedule_for(municipality=municipality)
    if day is None:
        latest = (
            ReportingPeriod.objects.for_municipality(municipality).order_by("-starts_on").first()
        )
        day = (
            latest.ends_on + datetime.timedelta(days=1)
            if latest is not None
            else timezone.localdate()
        )
    starts_on, ends_on = schedule.period_containing(day)
    period = (
        ReportingPeriod.objects.for_municipality(municipality).filter(starts_on=starts_on).first()
    )
    if period is not None:
        if period.status != PeriodStatus.OPEN:
            period.status = PeriodStatus.OPEN
            period.closed_at = None
            period.closed_by = None
            period.save(update_fields=["status", "closed_at", "closed_by"])
        return period
    overlapping = ReportingPeriod.objects.for_municipality(municipality).filter(
        starts_on__lte=ends_on, ends_on__gte=starts_on
    )
    if overlapping.exists():
        raise ValidationError(_("En annan period täcker redan de här veckorna."))
    period = ReportingPeriod(
        municipality=municipality,
        starts_on=starts_on,
        ends_on=ends_on,
        deadline=schedule.deadline_for(starts_on),
        created_by=actor,
    )
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def period_close(*, actor, period: ReportingPeriod) -> ReportingPeriod:
    if period.status == PeriodStatus.CLOSED:
        raise ValidationError(_("Perioden är redan stängd."))
    period.status = PeriodStatus.CLOSED
    period.closed_at = timezone.now()
    period.closed_by = actor
    period.save(update_fields=["status", "closed_at", "closed_by"])
    return period


def periods_create_upcoming(
    *, municipality: Municipality, today: datetime.date | None = None
) -> list[ReportingPeriod]:
    """Make sure the current period exists, and the next one once it is near.

    Run by the beat job every day; creating is idempotent (unique start per municipality)."""
    today = today or timezone.localdate()
    schedule = selectors.schedule_for(municipality=municipality)
    current_start, current_end = schedule.period_containing(today)
    wanted = [current_start]
    next_start = current_end + datetime.timedelta(days=1)
    if (next_start - today).days <= schedule.create_ahead_days:
        wanted.append(next_start)
    existing = set(
        ReportingPeriod.objects.for_municipality(municipality)
        .filter(starts_on__in=wanted)
        .values_list("starts_on", flat=True)
    )
    created = []
    for start in wanted:
        if start in existing:
            continue
        try:
            with transaction.atomic():
                created.append(period_open(actor=None, municipality=municipality, day=start))
        except (IntegrityError, ValidationError):
            # Another worker created it, or the coordinator laid out periods differently.
            continue
    return created


def periods_close_finished(
    *, municipality: Municipality, today: datetime.date | None = None
) -> int:
    """Close the open periods that ended more than `close_after_days` days ago."""
    today = today or timezone.localdate()
    schedule = selectors.schedule_for(municipality=municipality)
    cutoff = today - datetime.timedelta(days=schedule.close_after_days)
    closed = (
        ReportingPeriod.objects.for_municipality(municipality)
        .filter(status=PeriodStatus.OPEN, ends_on__lt=cutoff)
        .update(status=PeriodStatus.CLOSED, closed_at=timezone.now())
    )
    if closed:
        versions.bump(municipality.pk)  # an update() sends no signals
    return closed


# -- reports -------------------------------------------------------------------------------
def _require_open(period: ReportingPeriod) -> None:
    if not period.is_open:
        raise ValidationError(_("Perioden är stängd; rapporten kan inte längre ändras."))


@transaction.atomic
def report_start(*, actor, period: ReportingPeriod, organisation: Organisation) -> SituationReport:
    """The organisation's report for the period, created as a draft with one assessment per
    area if it does not exist yet."""
    if organisation.municipality_id != period.municipality_id:
        raise ValidationError(_("Organisationen hör till en annan kommun."))
    report = SituationReport.objects.filter(period=period, organisation=organisation).first()
    if report is not None:
        return report
    _require_open(period)
    report = SituationReport(period=period, organisation=organisation, updated_by=actor)
    report.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        # Someone started the same report a moment ago; theirs is the one to edit.
        return SituationReport.objects.get(period=period, organisation=organisation)
    Assessment.objects.bulk_create(
        Assessment(report=report, area=area)
        for area in selectors.report_areas(municipality=period.municipality)
    )
    return report


@dataclass
class AssessmentData:
    area_id: int
    status: str
    trend: str
    text: str
    when: str
    places: list
    other_place: str = ""


def _claim_version(model, obj, version: int, **changes) -> None:
    """Bump the version only if nobody saved since `version` was read; else ConflictError."""
    now = timezone.now()
    updated = model.objects.filter(pk=obj.pk, version=version).update(
        version=F("version") + 1, updated_at=now, **changes
    )
    if not updated:
        current = copy.copy(obj)
        current.refresh_from_db()
        raise ConflictError(current)
    obj.version = version + 1
    obj.updated_at = now


ASSESSMENT_FIELDS = ["status", "trend", "text", "when", "other_place"]


def _assessment_values(assessment: Assessment) -> tuple:
    return tuple(getattr(assessment, name) for name in ASSESSMENT_FIELDS)


@transaction.atomic
def report_save(
    *,
    actor,
    report: SituationReport,
    version: int,
    assessments: list[AssessmentData],
    submit: bool = False,
) -> SituationReport:
    """Save the assessments; `submit` sends the report in (it stays editable until the period
    closes). Raises ConflictError if someone else saved the report after `version`."""
    _require_open(report.period)
    existing = {a.area_id: a for a in report.assessments.all()}
    # The saved places of every area in one query (none if the report was read with them),
    # so that only the places that changed are written.
    prefetch_related_objects(list(existing.values()), "places")
    allowed = {a.pk for a in selectors.report_areas(municipality=report.period.municipality)}
    to_save = []
    for data in assessments:
        if data.area_id not in allowed:
            raise ValidationError(_("Området finns inte i kommunen."))
        if any(p.municipality_id != report.period.municipality_id for p in data.places):
            raise ValidationError(_("Platsen hör till en annan kommun."))
        assessment = existing.get(data.area_id)
        saved_places = {p.pk for p in assessment.places.all()} if assessment else set()
        saved = _assessment_values(assessment) if assessment else None
        assessment = assessment or Assessment(report=report, area_id=data.area_id)
        assessment.status = data.status
        assessment.trend = data.trend
        assessment.text = data.text
        assessment.when = data.when
        assessment.other_place = " ".join(data.other_place.split())
        # The area is one of `allowed`, read above: checking that it exists is one query each.
        assessment.full_clean(exclude=["report", "area"])
        changed = _assessment_values(assessment) != saved
        places_changed = {p.pk for p in data.places} != saved_places
        to_save.append((assessment, changed, data.places if places_changed else None))
    changes = {"updated_by": actor}
    if submit and not report.is_submitted:
        changes.update(
            status=ReportStatus.SUBMITTED, submitted_at=timezone.now(), submitted_by=actor
        )
    _claim_version(SituationReport, report, version, **changes)
    for name, value in changes.items():
        setattr(report, name, value)
    # Only the areas that changed are written, with their history rows in one INSERT: an
    # area's history shows its changes, the report's history every save. (A plain UPDATE per
    # changed area costs less than bulk_update's CASE expressions for the few areas a save
    # changes.)
    updated = [a for a, changed, _places in to_save if changed and a.pk]
    for assessment in updated:
        Assessment.objects.filter(pk=assessment.pk).update(
            **{name: getattr(assessment, name) for name in ASSESSMENT_FIELDS}
        )
    created: list[Assessment] = []
    moved: list[Assessment] = []
    for assessment, changed, places in to_save:
        # Recorded below, once, with the places as they end up.
        setattr(assessment, "skip_history_when_saving", True)  # noqa: B010 - simple_history's flag
        if assessment.pk is None:
            assessment.save()
            created.append(assessment)
        elif places is not None and not changed:
            moved.append(assessment)
        if places is not None:
            assessment.places.set(places)
        delattr(assessment, "skip_history_when_saving")  # noqa: B043
    municipality_id = report.period.municipality_id
    if updated or moved:
        history.bulk_record(
            Assessment, [*updated, *moved], actor=actor, municipality_id=municipality_id
        )
    if created:
        history.bulk_record(
            Assessment, created, actor=actor, municipality_id=municipality_id, update=False
        )
    # The claim above wrote the report's row. Its history gets a row for every save, with who
    # made it, and cached pages learn of the change (an update() sends no signals).
    history.bulk_record(
        SituationReport, [report], actor=actor, municipality_id=report.period.municipality_id
    )
    versions.bump(report.period.municipality_id)
    return report


def _same_content(report: SituationReport, data: list[AssessmentData]) -> bool:
    saved = {a.area_id: a for a in report.assessments.prefetch_related("places")}
    for item in data:
        found = saved.get(item.area_id)
        if found is None or _assessment_values(found) != tuple(
            getattr(item, name) for name in ASSESSMENT_FIELDS
        ):
            return False
        if {p.pk for p in found.places.all()} != {p.pk for p in item.places}:
            return False
    return True


@transaction.atomic
def report_copy_previous(*, actor, report: SituationReport, version: int) -> SituationReport:
    """ "Nothing new since last period": fill the draft from the organisation's previous report,
    with the trend set to unchanged. The reporter then looks it over and submits.

    `version` is the one the user saw (a report not yet started counts as its first version).
    If someone saved since, it is the same copy made a moment before (a double click, the
    deputy at the same time) and nothing more happens, or a ConflictError."""
    _require_open(report.period)
    previous = selectors.previous_report(report=report)
    if previous is None:
        raise ValidationError(_("Det finns ingen tidigare inskickad rapport att utgå från."))
    data = [
        AssessmentData(
            area_id=a.area_id,
            status=a.status,
            trend=Trend.SAME,
            text=a.text,
            when=a.when,
            places=list(a.places.all()),
            other_place=a.other_place,
        )
        for a in previous.assessments.all()
    ]
    # Simultaneous copies of one report wait here for each other, so that each one sees the
    # save made before it instead of failing on the version.
    current = SituationReport.objects.select_for_update().get(pk=report.pk)
    current.period = report.period
    current.organisation = report.organisation
    if current.version != max(version, 1):
        if _same_content(current, data):
            return current
        raise ConflictError(current)
    return report_save(actor=actor, report=current, version=current.version, assessments=data)


# -- compiled picture ----------------------------------------------------------------------
@transaction.atomic
def picture_start(*, actor, period: ReportingPeriod) -> CompiledPicture:
    """The period's compiled picture, created with the reports' suggested status per area."""
    picture = CompiledPicture.objects.filter(period=period).first()
    if picture is not None:
        return picture
    picture = CompiledPicture(period=period, updated_by=actor)
    picture.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            picture.save()
    except IntegrityError:
        return CompiledPicture.objects.get(period=period)
    AreaJudgement.objects.bulk_create(
        AreaJudgement(picture=picture, area=column.area, status=column.suggested.status)
        for column in selectors.compiled_view(period=period)
    )
    return picture


@dataclass
class JudgementData:
    area_id: int
    status: str
    trend: str
    analysis: str


@transaction.atomic
def picture_save(
    *,
    actor,
    picture: CompiledPicture,
    version: int,
    analysis: str,
    decisions: str,
    judgements: list[JudgementData],
) -> CompiledPicture:
    existing = {j.area_id: j for j in picture.areas.all()}
    allowed = {a.pk for a in selectors.report_areas(municipality=picture.period.municipality)}
    picture.analysis = analysis
    picture.decisions = decisions
    picture.full_clean(exclude=["period", "version"])
    to_save = []
    for data in judgements:
        if data.area_id not in allowed:
            raise ValidationError(_("Området finns inte i kommunen."))
        judgement = existing.get(data.area_id) or AreaJudgement(
            picture=picture, area_id=data.area_id
        )
        judgement.status = data.status
        judgement.trend = data.trend
        judgement.analysis = data.analysis
        judgement.full_clean(exclude=["picture"])
        to_save.append(judgement)
    _claim_version(CompiledPicture, picture, version)
    picture.updated_by = actor
    picture.save(update_fields=["analysis", "decisions", "updated_by", "updated_at"])
    for judgement in to_save:
        judgement.save()
    return picture


@transaction.atomic
def picture_publish(*, actor, picture: CompiledPicture) -> CompiledPicture:
    """Publish the joint lägesbild; every reporter's feedback e-mail is queued with it."""
    if picture.is_published:
        raise ValidationError(_("Lägesbilden är redan publicerad."))
    picture.status = PictureStatus.PUBLISHED
    picture.published_at = timezone.now()
    picture.published_by = actor
    picture.updated_by = actor
    picture.save(update_fields=["status", "published_at", "published_by", "updated_by"])
    feedback_queue(picture=picture)
    return picture


@transaction.atomic
def feedback_queue(*, picture: CompiledPicture) -> int:
    """Queue the published picture to every reporter of the municipality, once per person.

    The e-mails are outbox rows written with the publication, so a broker or mail server that
    is down delays them and a refused address delays only that person's."""
    period = picture.period
    municipality = period.municipality
    seen = set(
        Notification.objects.filter(period=period, kind=NotificationKind.FEEDBACK).values_list(
            "user_id", flat=True
        )
    )
    # The picture as the e-mail shows it, with its judgements per area.
    shown = selectors.picture_for(period=period) or picture
    queued = 0
    for membership in selectors.reporters_of(municipality=municipality):
        user = membership.user
        if user.pk in seen or not user.email:
            continue
        seen.add(user.pk)
        context = {
            "user": user,
            "picture": shown,
            "period": period,
            "municipality": municipality,
            "site_url": site_url(),
            "statuses": {s.value: s.label for s in Status},
        }
        subject, body = outbox.render_email(
            "situations/email/feedback_subject.txt", "situations/email/feedback.txt", context
        )
        outbox.email_queue(
            key=f"situations.feedback:{period.pk}",
            to=user.email,
            subject=subject,
            body=body,
            municipality=municipality,
        )
        Notification.objects.create(period=period, user=user, kind=NotificationKind.FEEDBACK)
        queued += 1
    CompiledPicture.objects.filter(pk=picture.pk).update(feedback_sent_at=timezone.now())
    return queued


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Queue reminders to reporters whose organisation has not submitted, `reminder_days`
    before the deadline of every open period; each person at most once per period."""
    today = today or timezone.localdate()
    sent = 0
    periods = (
        ReportingPeriod.objects.filter(
            status=PeriodStatus.OPEN, deadline__gte=today, starts_on__lte=today
        )
        .select_related("municipality", "municipality__reporting_schedule")
        .order_by("deadline")
    )
    for period in periods:
        municipality = period.municipality
        schedule = selectors.schedule_for(municipality=municipality)
        if (period.deadline - today).days > schedule.reminder_days:
            continue
        submitted = SituationReport.objects.filter(
            period=period, status=ReportStatus.SUBMITTED
        ).values_list("organisation_id", flat=True)
        missing = selectors.reporting_organisations(municipality=municipality).exclude(
            pk__in=submitted
        )
        already = set(
            Notification.objects.filter(period=period, kind=NotificationKind.REMINDER).values_list(
                "user_id", flat=True
            )
        )
        for membership in selectors.reporters_of(
            municipality=municipality, organisation_ids=missing.values("pk")
        ):
            user = membership.user
            if user.pk in already or not user.email:
                continue
            context = {
                "user": user,
                "period": period,
                "organisation": membership.organisation,
                "municipality": municipality,
                "site_url": site_url(),
            }
            subject, body = outbox.render_email(
                "situations/email/reminder_subject.txt", "situations/email/reminder.txt", context
            )
            try:
                with transaction.atomic():
                    Notification.objects.create(
                        period=period, user=user, kind=NotificationKind.REMINDER
                    )
                    outbox.email_queue(
                        key=f"situations.reminder:{period.pk}",
                        to=user.email,
                        subject=subject,
                        body=body,
                        municipality=municipality,
                    )
            except IntegrityError:
                continue  # another run reminded this person a moment ago
            already.add(user.pk)
            sent += 1
    return sent


# -- guidelines ----------------------------------------------------------------------------
@transaction.atomic
def guidelines_update(
    *, actor, municipality: Municipality, mission: str, guidelines: str, version: int | None
) -> Guidelines:
    """Save the mission and guidelines, if nobody saved them since `version` (0: none were
    written yet when the edit started); else ConflictError."""
    found = selectors.guidelines_for(municipality=municipality)
    if found is None:
        if version:
            raise ConflictError(Guidelines(municipality=municipality, version=0))
        found = Guidelines(municipality=municipality)
    found.mission = mission
    found.guidelines = guidelines
    found.updated_by = actor
    found.full_clean(validate_unique=False)
    if found.pk is None:
        try:
            with transaction.atomic():
                found.save()
        except IntegrityError:
            # The first guidelines of the municipality, written by someone else a moment ago.
            raise ConflictError(selectors.guidelines_for(municipality=municipality)) from None
        return found
    _claim_version(Guidelines, found, version or 0)
    found.save()
    return found


@transaction.atomic
def guidelines_acknowledge(*, actor, municipality: Municipality) -> GuidelinesReading:
    reading, _created = GuidelinesReading.objects.get_or_create(
        municipality=municipality, user=actor
    )
    return reading


# -- problems ------------------------------------------------------------------------------
PROBLEM_FIELDS = (
    "title",
    "description",
    "area",
    "place",
    "owner",
    "due_date",
    "status",
    "resolution",
    "period",
)


@transaction.atomic
def problem_create(*, actor, municipality: Municipality, **fields) -> Problem:
    problem = Problem(municipality=municipality, created_by=actor)
    for name in PROBLEM_FIELDS:
        if name in fields:
            setattr(problem, name, fields[name])
    problem.full_clean()
    problem.save()
    return problem


@transaction.atomic
def problem_update(*, actor, problem: Problem, version: int, **fields) -> Problem:
    """Save the changes, if nobody saved the problem since `version`; else ConflictError."""
    for name in PROBLEM_FIELDS:
        if name in fields:
            setattr(problem, name, fields[name])
    problem.full_clean()
    _claim_version(Problem, problem, version)
    problem.save()
    return problem


# -- meetings ------------------------------------------------------------------------------
@transaction.atomic
def meeting_save(
    *,
    actor,
    municipality: Municipality,
    meeting: Meeting | None = None,
    organisations=(),
    version: int = 0,
    **fields,
) -> Meeting:
    """Create a meeting, or change one if nobody saved it since `version`; else ConflictError."""
    meeting = meeting or Meeting(municipality=municipality, created_by=actor)
    for name in ("kind", "date", "notes", "decisions"):
        if name in fields:
            setattr(meeting, name, fields[name])
    meeting.full_clean()
    if meeting.pk is not None:
        _claim_version(Meeting, meeting, version)
    meeting.save()
    meeting.organisations.set([o for o in organisations if o.municipality_id == municipality.pk])
    return meeting
