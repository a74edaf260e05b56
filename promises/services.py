"""Every write to promises: the workflow draft → proposed → approved (or returned) → active →
followed up → closed, and the renewal into the next period.

Each step locks the promise row and checks its status there, so two people acting at once
(two politicians deciding, a coordinator following up while the council edits) cannot both
succeed. Each step is recorded as a PromiseTransition.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from municipalities.models import Area, Municipality, Organisation

from .models import (
    EDITABLE_STATUSES,
    Commitment,
    Outcome,
    Promise,
    PromisePeriodSettings,
    PromiseStatus,
    PromiseTransition,
)
from .periods import Period, next_period, settings_for


class TransitionError(ValidationError):
    """A workflow step that the promise's current status does not allow."""


@dataclass
class CommitmentData:
    """One row of the commitment formset; `pk` is None for a new commitment."""

    party: str
    action: str
    organisation: Organisation | None = None
    partner: str = ""
    measurement: str = ""
    pk: int | None = None
    delete: bool = False
    # Only when a promise is registered afterwards: the outcome that was reported then.
    outcome: str = ""
    outcome_comment: str = ""


def period_settings_update(
    *, actor, municipality: Municipality, length_months: int, first_month: int
) -> PromisePeriodSettings:
    with transaction.atomic():
        settings, _created = PromisePeriodSettings.objects.select_for_update().get_or_create(
            municipality=municipality
        )
        settings.length_months = length_months
        settings.first_month = first_month
        settings.full_clean()
        settings.save()
    return settings


def _locked(promise: Promise) -> Promise:
    return (
        Promise.objects.for_municipality(promise.municipality_id)
        .select_for_update()
        .get(pk=promise.pk)
    )


def _record(promise: Promise, *, actor, from_status: str, comment: str = "") -> None:
    PromiseTransition.objects.create(
        promise=promise,
        from_status=from_status,
        to_status=promise.status,
        actor=actor,
        comment=comment,
    )


def _require_status(promise: Promise, allowed: Iterable[str], message: str) -> None:
    if promise.status not in set(allowed):
        raise TransitionError(message)


def not_editable_message(promise: Promise) -> str:
    if promise.status == PromiseStatus.PROPOSED:
        return _("Förslaget väntar på politiskt beslut och kan inte ändras.")
    return _("Ett beslutat medborgarlöfte kan inte ändras, bara följas upp.")


def _check_period_free(municipality: Municipality, period: Period) -> None:
    # Promises of different lengths may run side by side; two for the same period may not.
    taken = Promise.objects.for_municipality(municipality).filter(
        period_start=period.start, period_end=period.end
    )
    if taken.exists():
        raise ValidationError(
            {
                "period": _("Det finns redan ett medborgarlöfte för %(period)s.")
                % {"period": period.label}
            }
        )


def _check_choices(
    municipality: Municipality, areas: Iterable[Area], problems: Iterable
) -> tuple[list, list]:
    areas, problems = list(areas), list(problems)
    if any(a.municipality_id not in (None, municipality.pk) for a in areas):
        raise ValidationError({"areas": _("Området hör till en annan kommun.")})
    if any(p.municipality_id != municipality.pk for p in problems):
        raise ValidationError({"problems": _("Problemet hör till en annan kommun.")})
    return areas, problems


@transaction.atomic
def promise_create(
    *,
    actor,
    municipality: Municipality,
    period: Period,
    title: str,
    situation: str,
    text: str,
    areas: Iterable[Area] = (),
    problems: Iterable = (),
    commitments: Iterable[CommitmentData] = (),
) -> Promise:
    """Start a draft promise for `period`."""
    _check_period_free(municipality, period)
    areas, problems = _check_choices(municipality, areas, problems)
    promise = Promise(
        municipality=municipality,
        period_start=period.start,
        period_end=period.end,
        title=title,
        situation=situation,
        text=text,
        status=PromiseStatus.DRAFT,
        created_by=actor,
    )
    promise.full_clean()
    promise.save()
    promise.areas.set(areas)
    promise.problems.set(problems)
    _save_commitments(promise, commitments)
    _record(promise, actor=actor, from_status="")
    return promise


@transaction.atomic
def promise_update(
    *,
    actor,
    promise: Promise,
    version: int,
    title: str,
    situation: str,
    text: str,
    areas: Iterable[Area] = (),
    problems: Iterable = (),
    commitments: Iterable[CommitmentData] = (),
) -> Promise:
    """Change a draft or a returned proposal. Refused while it awaits a decision or once decided,
    and refused if someone else saved it since the editor opened it."""
    promise = _locked(promise)
    if promise.status not in EDITABLE_STATUSES:
        raise TransitionError(not_editable_message(promise))
    if promise.version != version:
        raise ValidationError(
            _(
                "Någon annan har sparat löftet medan du skrev. Din text finns kvar i formuläret: "
                "jämför med den sparade versionen och spara igen."
            ),
            code="conflict",
        )
    areas, problems = _check_choices(promise.municipality, areas, problems)
    promise.title = title
    promise.situation = situation
    promise.text = text
    promise.version += 1  # the row is locked, so a plain increment is safe
    promise.full_clean()
    promise.save(update_fields=["title", "situation", "text", "version", "updated_at"])
    promise.areas.set(areas)
    promise.problems.set(problems)
    _save_commitments(promise, commitments)
    return promise


def _save_commitments(promise: Promise, rows: Iterable[CommitmentData]) -> None:
    existing = {c.pk: c for c in promise.commitments.all()}
    position = len(existing)
    for row in rows:
        if row.pk is not None and row.pk not in existing:
            raise ValidationError(_("Åtagandet hör inte till det här löftet."))
        if row.delete:
            if row.pk is not None:
                existing[row.pk].delete()
            continue
        commitment = (existing[row.pk] if row.pk is not None else None) or Commitment(
            promise=promise, position=position
        )
        if row.pk is None:
            position += 1
        commitment.party = row.party
        commitment.organisation = row.organisation
        commitment.partner = row.partner
        commitment.action = row.action
        commitment.measurement = row.measurement
        commitment.full_clean()
        commitment.save()


@transaction.atomic
def promise_propose(*, actor, promise: Promise) -> Promise:
    """Send a draft (or a reworked returned proposal) to the politicians for a decision."""
    promise = _locked(promise)
    if promise.status not in EDITABLE_STATUSES:
        raise TransitionError(
            _("Förslaget väntar redan på beslut.")
            if promise.status == PromiseStatus.PROPOSED
            else _("Löftet är redan beslutat.")
        )
    if not promise.commitments.exists():
        raise TransitionError(_("Lägg till minst ett åtagande innan löftet föreslås."))
    previous = promise.status
    promise.status = PromiseStatus.PROPOSED
    promise.save(update_fields=["status", "updated_at"])
    _record(promise, actor=actor, from_status=previous)
    return promise


@transaction.atomic
def promise_approve(
    *,
    actor,
    promise: Promise,
    decision_body: str,
    decision_date: datetime.date,
    decision_reference: str,
    today: datetime.date | None = None,
) -> Promise:
    """A politician records the decision that adopts the proposal. A promise whose period has
    already begun becomes active at once."""
    promise = _locked(promise)
    _require_status(
        promise, [PromiseStatus.PROPOSED], _("Bara ett föreslaget löfte kan godkännas.")
    )
    today = today or timezone.localdate()
    if decision_date > today:
        raise ValidationError({"decision_date": _("Beslutsdatumet kan inte ligga i framtiden.")})
    promise.status = PromiseStatus.APPROVED
    promise.decision_body = decision_body
    promise.decision_date = decision_date
    promise.decision_reference = decision_reference
    promise.decided_by = actor
    promise.full_clean()
    promise.save()
    _record(promise, actor=actor, from_status=PromiseStatus.PROPOSED, comment=decision_reference)
    if promise.period_start <= today:
        _activate(promise, actor=actor)
    return promise


@transaction.atomic
def promise_return(*, actor, promise: Promise, comment: str) -> Promise:
    """A politician sends the proposal back with what needs to change."""
    if not comment.strip():
        raise ValidationError({"comment": _("Skriv vad som behöver ändras.")})
    promise = _locked(promise)
    _require_status(
        promise, [PromiseStatus.PROPOSED], _("Bara ett föreslaget löfte kan återremitteras.")
    )
    promise.status = PromiseStatus.RETURNED
    promise.save(update_fields=["status", "updated_at"])
    _record(promise, actor=actor, from_status=PromiseStatus.PROPOSED, comment=comment)
    return promise


def _activate(promise: Promise, *, actor) -> None:
    promise.status = PromiseStatus.ACTIVE
    promise.save(update_fields=["status", "updated_at"])
    _record(
        promise,
        actor=actor,
        from_status=PromiseStatus.APPROVED,
        comment=_("Perioden har börjat."),
    )


@transaction.atomic
def promise_activate(*, actor, promise: Promise) -> Promise:
    promise = _locked(promise)
    _require_status(
        promise, [PromiseStatus.APPROVED], _("Bara ett beslutat löfte kan börja gälla.")
    )
    _activate(promise, actor=actor)
    return promise


def activate_started_promises(*, today: datetime.date | None = None) -> int:
    """Make approved promises whose period has begun active (run daily)."""
    today = today or timezone.localdate()
    started = Promise.objects.filter(status=PromiseStatus.APPROVED, period_start__lte=today)
    count = 0
    for promise in started:
        try:
            promise_activate(actor=None, promise=promise)
        except TransitionError:
            continue  # someone else moved it on meanwhile
        count += 1
    return count


@transaction.atomic
def promise_follow_up(
    *,
    actor,
    promise: Promise,
    outcomes: dict[int, tuple[str, str]],
    summary: str = "",
    note: str = "",
) -> Promise:
    """Record the outcome of every commitment (done / partly / not done / continues) with a
    comment. Can be corrected until the promise is closed."""
    promise = _locked(promise)
    _require_status(
        promise,
        [PromiseStatus.ACTIVE, PromiseStatus.FOLLOWED_UP],
        _("Bara ett löfte som gäller kan följas upp."),
    )
    commitments = list(promise.commitments.all())
    missing = [c for c in commitments if not outcomes.get(c.pk, ("", ""))[0]]
    if missing:
        raise ValidationError(_("Ange utfallet för varje åtagande."))
    for commitment in commitments:
        outcome, comment = outcomes[commitment.pk]
        if outcome not in Outcome.values:
            raise ValidationError(_("Okänt utfall."))
        commitment.outcome = outcome
        commitment.outcome_comment = comment
        commitment.full_clean()
        commitment.save(update_fields=["outcome", "outcome_comment"])
    previous = promise.status
    promise.status = PromiseStatus.FOLLOWED_UP
    promise.follow_up_summary = summary
    promise.followed_up_at = timezone.now()
    promise.followed_up_by = actor
    promise.save(
        update_fields=[
            "status",
            "follow_up_summary",
            "followed_up_at",
            "followed_up_by",
            "updated_at",
        ]
    )
    if previous != PromiseStatus.FOLLOWED_UP:
        _record(
            promise,
            actor=actor,
            from_status=previous,
            comment="\n".join(part for part in (note, summary) if part),
        )
    return promise


@transaction.atomic
def promise_close(*, actor, promise: Promise, comment: str = "") -> Promise:
    promise = _locked(promise)
    _require_status(
        promise,
        [PromiseStatus.FOLLOWED_UP],
        _("Löftet måste följas upp innan det avslutas."),
    )
    promise.status = PromiseStatus.CLOSED
    promise.save(update_fields=["status", "updated_at"])
    _record(promise, actor=actor, from_status=PromiseStatus.FOLLOWED_UP, comment=comment)
    return promise


@transaction.atomic
def promise_renew(*, actor, promise: Promise) -> Promise:
    """Start the next period: a new draft that carries over the commitments marked "continues"
    and the promise text, and points back at this promise so its follow-up can be shown
    beside the draft. A followed-up promise is closed on the way."""
    promise = _locked(promise)
    _require_status(
        promise,
        [PromiseStatus.FOLLOWED_UP, PromiseStatus.CLOSED],
        _("Följ upp löftet innan nästa period startas."),
    )
    period = next_period(
        settings_for(promise.municipality), Period(promise.period_start, promise.period_end)
    )
    _check_period_free(promise.municipality, period)
    if promise.status == PromiseStatus.FOLLOWED_UP:
        promise.status = PromiseStatus.CLOSED
        promise.save(update_fields=["status", "updated_at"])
        _record(
            promise,
            actor=actor,
            from_status=PromiseStatus.FOLLOWED_UP,
            comment=_("Förnyat till %(period)s.") % {"period": period.label},
        )
    renewal = Promise(
        municipality=promise.municipality,
        period_start=period.start,
        period_end=period.end,
        title=_("Medborgarlöfte %(period)s") % {"period": period.label},
        situation=promise.situation,
        text=promise.text,
        status=PromiseStatus.DRAFT,
        previous=promise,
        created_by=actor,
    )
    renewal.full_clean()
    renewal.save()
    renewal.areas.set(promise.areas.all())
    renewal.problems.set(promise.problems.all())
    continuing = promise.commitments.filter(outcome=Outcome.CONTINUES)
    for position, old in enumerate(continuing):
        commitment = Commitment(
            promise=renewal,
            party=old.party,
            organisation=old.organisation,
            partner=old.partner,
            action=old.action,
            measurement=old.measurement,
            position=position,
            continued_from=old,
        )
        commitment.full_clean()
        commitment.save()
    _record(
        renewal,
        actor=actor,
        from_status="",
        comment=_("Förnyat från %(title)s.") % {"title": promise.title},
    )
    return renewal


@dataclass
class Decision:
    body: str
    date: datetime.date
    reference: str


@transaction.atomic
def promise_register_past(
    *,
    actor,
    municipality: Municipality,
    period: Period,
    title: str,
    situation: str,
    text: str,
    decision: Decision,
    commitments: Iterable[CommitmentData],
    follow_up_summary: str = "",
    areas: Iterable[Area] = (),
    today: datetime.date | None = None,
) -> Promise:
    """Enter a promise that was decided before the municipality used this service, with the
    decision taken then and, if given, the outcome of every commitment. The council and
    politician steps are skipped: they are for promises still to be decided. The history
    says it was registered afterwards."""
    today = today or timezone.localdate()
    rows = [row for row in commitments if not row.delete]
    if period.start > today:
        raise ValidationError(
            {
                "start_month": _(
                    "Perioden har inte börjat. Ett kommande löfte skrivs som utkast och "
                    "beslutas av politikerna."
                )
            }
        )
    if decision.date > today:
        raise ValidationError({"decision_date": _("Beslutsdatumet kan inte ligga i framtiden.")})
    if not rows:
        raise ValidationError(_("Lägg till minst ett åtagande."))
    with_outcome = [row for row in rows if row.outcome]
    if with_outcome and len(with_outcome) != len(rows):
        raise ValidationError(
            _("Ange utfallet för varje åtagande, eller för inget om löftet inte följts upp än.")
        )
    if follow_up_summary and not with_outcome:
        raise ValidationError(
            {"follow_up_summary": _("Ange åtagandenas utfall när du skriver en uppföljning.")}
        )
    _check_period_free(municipality, period)
    areas, _problems = _check_choices(municipality, areas, ())
    # Written as a draft first so that the commitments pass the same checks as always, then
    # decided: the decision freezes them.
    promise = Promise(
        municipality=municipality,
        period_start=period.start,
        period_end=period.end,
        title=title,
        situation=situation,
        text=text,
        status=PromiseStatus.DRAFT,
        created_by=actor,
    )
    promise.full_clean()
    promise.save()
    promise.areas.set(areas)
    _save_commitments(promise, rows)
    promise.status = PromiseStatus.ACTIVE
    promise.decision_body = decision.body
    promise.decision_date = decision.date
    promise.decision_reference = decision.reference
    promise.decided_by = actor
    promise.full_clean()
    promise.save()
    _record(
        promise,
        actor=actor,
        from_status="",
        comment=_("Registrerat i efterhand (beslut %(ref)s).") % {"ref": decision.reference},
    )
    if with_outcome:
        saved = list(promise.commitments.order_by("position", "pk"))
        promise_follow_up(
            actor=actor,
            promise=promise,
            outcomes={
                c.pk: (row.outcome, row.outcome_comment) for c, row in zip(saved, rows, strict=True)
            },
            summary=follow_up_summary,
            note=_("Uppföljningen registrerad i efterhand."),
        )
        promise.refresh_from_db()
    return promise
