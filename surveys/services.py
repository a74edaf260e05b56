"""Every write of the surveys app: walks, findings and their photos, surveys and answers,
indicator series and their imports."""

from __future__ import annotations

import csv
import datetime
import io
import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from fagersta.bounds import date_in_range
from fagersta.site import absolute_url
from municipalities import outbox
from municipalities.models import Municipality, Organisation, Place, Role

from .models import (
    CLOSED_STATUSES,
    Answer,
    Choice,
    Finding,
    FindingPhoto,
    FindingStatus,
    IndicatorLevel,
    IndicatorSeries,
    IndicatorValue,
    Question,
    QuestionKind,
    Response,
    SafetyWalk,
    Survey,
    WalkSettings,
)
from .photos import clean_photo
from .selectors import overdue_days, survey_share
from .standard import standard_questions

logger = logging.getLogger(__name__)

# -- Safety walks and findings --------------------------------------------------------------


@transaction.atomic
def walk_create(*, actor, municipality: Municipality, **fields) -> SafetyWalk:
    walk = SafetyWalk(municipality=municipality, created_by=actor, **fields)
    walk.full_clean()
    walk.save()
    return walk


@transaction.atomic
def walk_update(*, actor, walk: SafetyWalk, **fields) -> SafetyWalk:
    for name, value in fields.items():
        setattr(walk, name, value)
    walk.full_clean()
    walk.save(update_fields=list(fields))
    return walk


@transaction.atomic
def finding_create(*, actor, walk: SafetyWalk, photo=None, **fields) -> Finding:
    finding = Finding(walk=walk, created_by=actor, **fields)
    finding.full_clean()
    finding.save()
    if photo is not None:
        photo_add(actor=actor, finding=finding, upload=photo)
    return finding


@transaction.atomic
def finding_update(*, actor, finding: Finding, **fields) -> Finding:
    for name, value in fields.items():
        setattr(finding, name, value)
    finding.full_clean()
    finding.save(update_fields=list(fields))
    return finding


@transaction.atomic
def photo_add(*, actor, finding: Finding, upload) -> FindingPhoto:
    """Store a photo re-encoded without metadata (raises ValidationError for a bad file)."""
    clean = clean_photo(upload)
    photo = FindingPhoto(
        finding=finding,
        content_type=clean.content_type,
        width=clean.width,
        height=clean.height,
        uploaded_by=actor,
    )
    photo.image.save(f"photo.{clean.extension}", ContentFile(clean.content), save=False)
    photo.full_clean()
    photo.save()
    return photo


@transaction.atomic
def finding_forward(
    *,
    actor,
    finding: Finding,
    recipient_organisation: Organisation | None = None,
    recipient_name: str = "",
    recipient_email: str = "",
    reference: str = "",
    forwarded_on: datetime.date | None = None,
) -> Finding:
    """Record that the finding was sent to whoever fixes it and e-mail them (after commit)."""
    finding.recipient_organisation = recipient_organisation
    finding.recipient_name = recipient_name
    finding.recipient_email = recipient_email
    if not finding.recipient_address:
        raise ValidationError(
            {"recipient_email": _("Ange en e-postadress: organisationen har ingen i registret.")}
        )
    finding.forwarded_on = forwarded_on or timezone.localdate()
    finding.forwarded_reference = reference
    finding.forwarded_by = actor
    if not finding.closed_on:
        finding.status = FindingStatus.FORWARDED
    finding.full_clean()
    finding.save()
    _queue_finding(finding=finding, sender=actor)
    return finding


def _queue_finding(*, finding: Finding, sender) -> None:
    """Queue the forwarded finding, with its place and photos, to its recipient."""
    finding = (
        Finding.objects.select_related("walk__municipality", "place", "recipient_organisation")
        .prefetch_related("photos")
        .get(pk=finding.pk)
    )
    context = {"finding": finding, "sender": sender}
    subject, body = outbox.render_email(
        "surveys/email/finding_subject.txt", "surveys/email/finding_body.txt", context
    )
    attachments = []
    for number, photo in enumerate(finding.photos.all(), start=1):
        try:
            with photo.image.open("rb") as handle:
                content = handle.read()
        except OSError:
            # A photo file that has gone missing must not stop the finding from being sent.
            logger.warning("Photo %s of finding %s is missing", photo.pk, finding.pk)
            continue
        name = f"brist-{finding.pk}-foto-{number}.{photo.extension}"
        attachments.append((name, content, photo.content_type))
    # Each forwarding is a message of its own; a double click within the second is not.
    stamp = int(timezone.now().timestamp())
    outbox.email_queue(
        key=f"surveys.finding:{finding.pk}:{stamp}",
        to=finding.recipient_address,
        subject=subject,
        body=body,
        municipality=finding.walk.municipality,
        reply_to=sender.email or "",
        attachments=attachments,
    )


@transaction.atomic
def finding_set_status(
    *,
    actor,
    finding: Finding,
    status: str,
    reason: str = "",
    closed_on: datetime.date | None = None,
) -> Finding:
    finding.status = status
    finding.status_reason = reason
    if status in CLOSED_STATUSES:
        finding.closed_on = closed_on or timezone.localdate()
    else:
        finding.closed_on = None
        if status == FindingStatus.FORWARDED and not finding.forwarded_on:
            finding.forwarded_on = timezone.localdate()
    finding.full_clean()
    finding.save(update_fields=["status", "status_reason", "closed_on", "forwarded_on"])
    return finding


@transaction.atomic
def walk_settings_update(*, actor, municipality: Municipality, overdue_days: int) -> WalkSettings:
    found, _created = WalkSettings.objects.get_or_create(
        municipality=municipality,
        defaults={"overdue_days": settings.SURVEYS_FINDING_OVERDUE_DAYS},
    )
    found.overdue_days = overdue_days
    found.full_clean()
    found.save(update_fields=["overdue_days"])
    return found


def findings_flag_overdue(*, today: datetime.date | None = None) -> int:
    """E-mail each municipality's coordinators once about every finding that became overdue."""
    User = get_user_model()
    flagged = 0
    for municipality in Municipality.objects.all():
        days = overdue_days(municipality=municipality)
        findings = list(
            Finding.objects.for_municipality(municipality)
            .overdue(days=days, today=today)
            .filter(overdue_notified_at__isnull=True)
            .select_related("walk", "place")
        )
        if not findings:
            continue
        recipients = list(
            User.objects.filter(
                memberships__municipality=municipality, memberships__role=Role.COORDINATOR
            )
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        for finding in findings:
            # Claim the finding first so that two runs never queue the same notice twice.
            with transaction.atomic():
                claimed = Finding.objects.filter(
                    pk=finding.pk, overdue_notified_at__isnull=True
                ).update(overdue_notified_at=timezone.now())
                if not claimed:
                    continue
                flagged += 1
                context = {
                    "finding": finding,
                    "days": days,
                    "municipality": municipality,
                    "link": absolute_url("surveys:finding_detail", municipality.slug, finding.pk),
                }
                subject = ngettext(
                    "Brist öppen i mer än %(days)s dag: %(place)s",
                    "Brist öppen i mer än %(days)s dagar: %(place)s",
                    days,
                ) % {
                    "days": days,
                    "place": finding.location_label,
                }
                outbox.email_queue(
                    key=f"surveys.overdue:{finding.pk}",
                    to=recipients,
                    subject=subject,
                    body=render_to_string("surveys/email/overdue_body.txt", context),
                    municipality=municipality,
                )
    return flagged


# -- Safety surveys -------------------------------------------------------------------------


@transaction.atomic
def survey_create(*, actor, municipality: Municipality, **fields) -> Survey:
    """Create a survey with the standard questions; the municipality's places are the options
    of the place questions."""
    survey = Survey(municipality=municipality, created_by=actor, **fields)
    survey.full_clean()
    survey.save()
    places = list(Place.objects.for_municipality(municipality).order_by("name"))
    for position, spec in enumerate(standard_questions(places), start=1):
        choices = spec.pop("choices")
        question = Question(survey=survey, position=position * 10, **spec)
        question.full_clean()
        question.save()
        Choice.objects.bulk_create(
            Choice(question=question, position=i, **choice) for i, choice in enumerate(choices)
        )
    return survey


@transaction.atomic
def survey_update(*, actor, survey: Survey, **fields) -> Survey:
    for name, value in fields.items():
        setattr(survey, name, value)
    survey.full_clean()
    survey.save(update_fields=list(fields))
    return survey


@transaction.atomic
def survey_publish_results(*, actor, survey: Survey, publish: bool) -> Survey:
    """Make the survey's aggregated results public, or take them back. A survey without answers
    has nothing to show."""
    if publish and not survey.responses.exists():
        raise ValidationError(_("Enkäten har inga svar att publicera än."))
    survey.results_published_at = timezone.now() if publish else None
    survey.save(update_fields=["results_published_at"])
    return survey


@transaction.atomic
def question_add(
    *,
    actor,
    survey: Survey,
    text: str,
    kind: str,
    options: list[str],
    required: bool = False,
    other_label: str = "",
) -> Question:
    if kind != QuestionKind.TEXT and len(options) < 2:
        raise ValidationError({"options": _("Ange minst två svarsalternativ, ett per rad.")})
    last = survey.questions.order_by("-position").values_list("position", flat=True).first()
    question = Question(
        survey=survey,
        position=(last or 0) + 10,
        kind=kind,
        text=text,
        required=required,
        other_label=other_label if kind != QuestionKind.TEXT else "",
    )
    question.full_clean()
    question.save()
    if kind != QuestionKind.TEXT:
        Choice.objects.bulk_create(
            Choice(question=question, position=i, label=label) for i, label in enumerate(options)
        )
    return question


@transaction.atomic
def question_remove(*, actor, question: Question) -> None:
    if question.answers.exists():
        raise ValidationError(_("Frågan har redan svar och kan inte tas bort."))
    question.delete()


@transaction.atomic
def response_submit(
    *, survey: Survey, answers: dict[int, dict], today: datetime.date | None = None
) -> Response:
    """Store one anonymous response.

    `answers` maps question id to {"choices": [Choice, ...], "text": str}. Only the date is
    stored with it; nothing about who answered or from where.
    """
    today = today or timezone.localdate()
    if not survey.is_open(today):
        raise ValidationError(_("Enkäten är stängd."))
    response = Response(survey=survey, submitted_on=today)
    response.full_clean()
    response.save()
    rows = []
    for question_id, given in answers.items():
        for choice in given.get("choices", []):
            rows.append(Answer(response=response, question_id=question_id, choice=choice))
        text = (given.get("text") or "").strip()
        if text:
            rows.append(Answer(response=response, question_id=question_id, text=text[:500]))
    Answer.objects.bulk_create(rows)
    return response


# -- Indicator series -----------------------------------------------------------------------


@transaction.atomic
def series_create(*, actor, municipality: Municipality, **fields) -> IndicatorSeries:
    series = IndicatorSeries(municipality=municipality, **fields)
    series.full_clean()
    series.save()
    return series


@transaction.atomic
def value_record(
    *,
    actor,
    series: IndicatorSeries,
    period_label: str,
    period_start: datetime.date,
    value: Decimal,
    place: Place | None = None,
    note: str = "",
    survey: Survey | None = None,
) -> IndicatorValue:
    """Add a value for a period, or replace the value already recorded for it."""
    found = IndicatorValue.objects.filter(
        series=series, period_label=period_label, place=place
    ).first()
    item = found or IndicatorValue(series=series, period_label=period_label, place=place)
    item.period_start = period_start
    item.value = value
    item.note = note
    item.survey = survey
    item.full_clean()
    item.save()
    return item


SURVEY_MEASURES = {
    "feel_safe": gettext_lazy("Andel som känner sig trygga (4–5 på skalan)"),
    "avoid_late": gettext_lazy("Andel som avstår från att gå ut sent på grund av otrygghet"),
}


@transaction.atomic
def series_record_from_survey(
    *, actor, series: IndicatorSeries, survey: Survey, measure: str, period_label: str
) -> IndicatorValue:
    """Feed a series with a share computed from an own survey's answers."""
    if series.municipality_id != survey.municipality_id:
        raise ValidationError(_("Enkäten hör till en annan kommun."))
    if series.level != IndicatorLevel.MUNICIPALITY:
        raise ValidationError(_("Enkätresultat kan bara föras in i serier för hela kommunen."))
    share = survey_share(survey=survey, measure=measure)
    if share is None:
        raise ValidationError(_("Enkäten har inga svar på den frågan ännu."))
    return value_record(
        actor=actor,
        series=series,
        period_label=period_label,
        period_start=survey.opens_on,
        value=Decimal(str(round(share, 1))),
        note=_("Från enkäten %(title)s") % {"title": survey.title},
        survey=survey,
    )


@dataclass
class ImportReport:
    rows: int = 0
    imported: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# Possessive: with plain `\s*` on both sides of the optional dash, a label of many spaces is
# split every possible way before the match fails.
_QUARTER = re.compile(r"\A([0-9]{4})\s*+(?:[-–]\s*+)?[KkQq]([1-4])\Z")
_YEAR = re.compile(r"\A[0-9]{4}\Z")
MAX_LABEL_LENGTH = 20
# A value is a number of at most ten digits before the decimal point; a longer text is not
# parsed at all.
MAX_VALUE_LENGTH = 40


def _period_start(label: str, given: str) -> datetime.date:
    if given:
        day = datetime.date.fromisoformat(given[:10]) if len(given) <= 10 else None
    elif _YEAR.fullmatch(label):
        day = datetime.date(int(label), 1, 1)
    elif match := _QUARTER.fullmatch(label):
        day = datetime.date(int(match[1]), 3 * (int(match[2]) - 1) + 1, 1)
    else:
        day = None
    if day is None or not date_in_range(day):
        raise ValueError(label)
    return day


def _delimiter(header: str) -> str:
    """The separator that occurs most in the header line (semicolon if none does).

    Not csv.Sniffer: its patterns take minutes on a crafted line of a hundred thousand
    characters."""
    counts = {delimiter: header.count(delimiter) for delimiter in ";,\t"}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ";"


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("Filen kunde inte läsas som text (UTF-8)."))


def _echo(text: str) -> str:
    # A cell quoted in an error message: enough to find it, never the whole of a crafted cell.
    return text if len(text) <= MAX_VALUE_LENGTH else text[:MAX_VALUE_LENGTH] + "…"


def _parse_value(raw: str) -> Decimal | None:
    raw = raw.replace("\u00a0", "").replace(" ", "").replace(",", ".").rstrip("%")
    if len(raw) > MAX_VALUE_LENGTH:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None
    return value if value.is_finite() and abs(value) < Decimal("1e10") else None


def _row_problems(row: dict, series: IndicatorSeries, places: dict) -> tuple[list, tuple]:
    """What is wrong with one row of the file, and the row's (label, start, value, place)."""
    problems = []
    label = row.get("period", "")
    if not label:
        problems.append(_("perioden saknas"))
    elif len(label) > MAX_LABEL_LENGTH:
        problems.append(_("perioden är längre än 20 tecken"))
    start = None
    if label and len(label) <= MAX_LABEL_LENGTH:
        try:
            start = _period_start(label, row.get("datum", ""))
        except ValueError:
            problems.append(
                _(
                    "datumet saknas eller är ogiltigt (skriv ÅÅÅÅ-MM-DD, eller perioden som "
                    "år eller kvartal, t.ex. 2021 K3)"
                )
            )
    value = _parse_value(row.get("värde", ""))
    if value is None:
        problems.append(
            _("värdet ”%(value)s” är inte ett tal") % {"value": _echo(row.get("värde", ""))}
        )
    place = None
    if series.level == IndicatorLevel.PLACE:
        name = row.get("plats", "")
        place = places.get(name.lower())
        if place is None:
            problems.append(_("platsen ”%(name)s” finns inte i kommunen") % {"name": _echo(name)})
    elif row.get("plats"):
        problems.append(_("serien gäller hela kommunen, kolumnen plats ska vara tom"))
    return problems, (label, start, value, place)


def _read_rows(text: str) -> tuple[set[str], list[tuple[int, dict]]]:
    """The header's column names and the non-empty rows with their line numbers."""
    reader = csv.DictReader(io.StringIO(text), delimiter=_delimiter(text.partition("\n")[0]))
    try:
        headers = {(h or "").strip().lower() for h in reader.fieldnames or []}
        rows = []
        for line, row in enumerate(reader, start=2):
            cells = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k}
            if any(cells.values()):
                rows.append((line, cells))
    except csv.Error as exc:
        # A cell longer than the csv module allows, or a NUL byte.
        raise ValidationError(
            _("Rad %(line)s kunde inte läsas som CSV.") % {"line": reader.line_num}
        ) from exc
    return headers, rows


def series_import_csv(*, actor, series: IndicatorSeries, raw: bytes) -> ImportReport:
    """Import values from CSV (columns: period, datum, värde, and plats for place series).

    Every row is checked first; a file with any bad row imports nothing.
    """
    report = ImportReport()
    headers, rows = _read_rows(_decode(raw))
    needed = {"period", "värde"} | ({"plats"} if series.level == IndicatorLevel.PLACE else set())
    missing = needed - headers
    if missing:
        report.errors.append(
            (1, _("Kolumner saknas: %(cols)s.") % {"cols": ", ".join(sorted(missing))})
        )
        return report
    places = {p.name.lower(): p for p in Place.objects.for_municipality(series.municipality)}
    parsed = []
    seen: dict[tuple, int] = {}
    for line, row in rows:
        report.rows += 1
        problems, (label, start, value, place) = _row_problems(row, series, places)
        key = (label, place.pk if place else None)
        if label and key in seen:
            problems.append(_("perioden finns redan på rad %(line)s") % {"line": seen[key]})
        seen.setdefault(key, line)
        if problems:
            message = "; ".join(str(p) for p in problems)
            report.errors.append((line, message[:1].upper() + message[1:] + "."))
        else:
            assert start is not None and value is not None  # no problems means both parsed
            parsed.append((label, start, value, place))
    if report.rows == 0 and not report.errors:
        report.errors.append((1, _("Filen innehåller inga värden.")))
    if report.errors:
        return report
    with transaction.atomic():
        for label, start, value, place in parsed:
            value_record(
                actor=actor,
                series=series,
                period_label=label,
                period_start=start,
                value=value,
                place=place,
            )
            report.imported += 1
    return report
