"""Every write of the measures app. Each action validates with full_clean() and records who
did it."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fagersta.site import absolute_url
from municipalities import outbox
from municipalities.models import Membership, Municipality, Role
from situations.models import Problem

from .models import (
    ActionPlan,
    ActionPlanDecision,
    ActionPlanGoal,
    ActionPlanStatus,
    CalendarEvent,
    CalendarReminder,
    Cause,
    CauseAnalysis,
    DecisionOutcome,
    Measure,
    Partner,
)

logger = logging.getLogger(__name__)

MEASURE_RELATIONS = ("areas", "partners", "problems", "promises", "commitments")


def _split(data: dict, relations) -> tuple[dict, dict]:
    fields = {k: v for k, v in data.items() if k not in relations}
    m2m = {k: v for k, v in data.items() if k in relations}
    return fields, m2m


def _set_relations(obj, m2m: dict) -> None:
    for name, values in m2m.items():
        getattr(obj, name).set(values)


def _check_municipality(municipality: Municipality, **related) -> None:
    """Refuse related objects of another municipality, whatever a form let through."""
    errors = {}
    for name, objects in related.items():
        for obj in objects or ():
            owner = getattr(obj, "municipality_id", municipality.pk)
            if owner is not None and owner != municipality.pk:
                errors[name] = _("Valet hör till en annan kommun.")
    if errors:
        raise ValidationError(errors)


# Partners and measures


@transaction.atomic
def partner_create(
    *, actor, municipality: Municipality, name: str, description: str = ""
) -> Partner:
    name = name.strip()
    if Partner.objects.for_municipality(municipality).filter(name__iexact=name).exists():
        raise ValidationError({"name": _("Det finns redan en partner med det namnet.")})
    partner = Partner(municipality=municipality, name=name, description=description)
    partner.full_clean()
    partner.save()
    return partner


@transaction.atomic
def partner_update(*, actor, partner: Partner, name: str, description: str = "") -> Partner:
    name = name.strip()
    same_name = Partner.objects.for_municipality(partner.municipality).filter(name__iexact=name)
    if same_name.exclude(pk=partner.pk).exists():
        raise ValidationError({"name": _("Det finns redan en partner med det namnet.")})
    partner.name = name
    partner.description = description
    partner.full_clean()
    partner.save(update_fields=["name", "description"])
    return partner


@transaction.atomic
def partner_delete(*, actor, partner: Partner) -> None:
    """Remove a partner that no measure names; one that is in use is kept, so that no
    measure loses a partner without the coordinator seeing it happen."""
    used = partner.measures.count()
    if used:
        raise ValidationError(
            ngettext(
                "%(name)s är partner i %(count)d insats och kan inte tas bort. "
                "Ta bort den från insatsen först, eller byt namn på den.",
                "%(name)s är partner i %(count)d insatser och kan inte tas bort. "
                "Ta bort den från insatserna först, eller byt namn på den.",
                used,
            )
            % {"name": partner.name, "count": used}
        )
    partner.delete()


def _partners_by_name(municipality: Municipality, names) -> list[Partner]:
    found = []
    for name in names:
        name = name.strip()
        if not name:
            continue
        partner = Partner.objects.for_municipality(municipality).filter(name__iexact=name).first()
        if partner is None:
            partner = Partner(municipality=municipality, name=name)
            partner.full_clean()
            partner.save()
        found.append(partner)
    return found


@transaction.atomic
def measure_create(*, actor, municipality: Municipality, new_partners=(), **data) -> Measure:
    fields, m2m = _split(data, MEASURE_RELATIONS)
    _check_municipality(municipality, **m2m)
    measure = Measure(municipality=municipality, created_by=actor, **fields)
    measure.full_clean()
    measure.save()
    m2m["partners"] = [
        *m2m.get("partners", []),
        *_partners_by_name(municipality, new_partners),
    ]
    _set_relations(measure, m2m)
    return measure


class EditConflict(ValidationError):
    """Someone else saved the object after the user opened it; `current_version` is theirs."""

    def __init__(self, message, current_version: str):
        super().__init__(message, code="conflict")
        self.current_version = current_version


def measure_version(measure: Measure) -> str:
    return measure.updated_at.isoformat() if measure.updated_at else ""


@transaction.atomic
def measure_update(
    *, actor, measure: Measure, new_partners=(), loaded_version: str = "", **data
) -> Measure:
    """Save the changes unless someone else saved the measure since `loaded_version`."""
    fields, m2m = _split(data, MEASURE_RELATIONS)
    _check_municipality(measure.municipality, **m2m)
    # The row lock makes the version check and the save one step for concurrent editors.
    current = Measure.objects.select_for_update().get(pk=measure.pk)
    if loaded_version and loaded_version != measure_version(current):
        raise EditConflict(
            _(
                "Någon annan har sparat insatsen medan du skrev. Din text finns kvar nedan men "
                "är inte sparad; jämför med insatsens sida och spara igen för att skriva över."
            ),
            measure_version(current),
        )
    for name, value in fields.items():
        setattr(measure, name, value)
    measure.full_clean()
    measure.save()
    if "partners" in m2m or new_partners:
        m2m["partners"] = [
            *m2m.get("partners", measure.partners.all()),
            *_partners_by_name(measure.municipality, new_partners),
        ]
    _set_relations(measure, m2m)
    return measure


# Action plan


def _next_version(municipality: Municipality) -> int:
    latest = ActionPlan.objects.for_municipality(municipality).order_by("-version").first()
    return latest.version + 1 if latest else 1


@transaction.atomic
def action_plan_create(*, actor, municipality: Municipality, title: str = "") -> ActionPlan:
    """Start a new version; it copies the goals and measures of the latest version."""
    # Lock the municipality row so two coordinators cannot take the same version number.
    Municipality.objects.select_for_update().filter(pk=municipality.pk).first()
    previous = ActionPlan.objects.for_municipality(municipality).order_by("-version").first()
    plan = ActionPlan(
        municipality=municipality,
        version=_next_version(municipality),
        title=title or (previous.title if previous else _("Åtgärdsplan")),
        summary=previous.summary if previous else "",
        created_by=actor,
    )
    plan.full_clean()
    plan.save()
    if previous:
        for goal in previous.goals.prefetch_related("measures"):
            copy = ActionPlanGoal.objects.create(
                plan=plan,
                area=goal.area,
                text=goal.text,
                indicator=goal.indicator,
                position=goal.position,
            )
            copy.measures.set(goal.measures.all())
    return plan


def _require_editable(plan: ActionPlan) -> None:
    if not plan.is_editable:
        raise ValidationError(
            _("Åtgärdsplanen kan inte ändras när den är %(status)s.")
            % {"status": plan.get_status_display().lower()}
        )


@transaction.atomic
def action_plan_update(*, actor, plan: ActionPlan, title: str, summary: str, review_date=None):
    _require_editable(plan)
    plan.title = title
    plan.summary = summary
    plan.review_date = review_date
    plan.full_clean()
    plan.save(update_fields=["title", "summary", "review_date", "updated_at"])
    return plan


@transaction.atomic
def action_plan_goal_save(
    *,
    actor,
    plan: ActionPlan,
    goal: ActionPlanGoal | None = None,
    area,
    text: str,
    indicator: str = "",
    measures=(),
) -> ActionPlanGoal:
    _require_editable(plan)
    if area.municipality_id not in (None, plan.municipality_id):
        raise ValidationError({"area": _("Valet hör till en annan kommun.")})
    _check_municipality(plan.municipality, measures=measures)
    goal = goal or ActionPlanGoal(plan=plan, position=plan.goals.count() + 1)
    goal.area = area
    goal.text = text
    goal.indicator = indicator
    goal.full_clean()
    goal.save()
    goal.measures.set(measures)
    return goal


@transaction.atomic
def action_plan_goal_delete(*, actor, goal: ActionPlanGoal) -> None:
    _require_editable(goal.plan)
    goal.delete()


@transaction.atomic
def action_plan_propose(*, actor, plan: ActionPlan) -> ActionPlan:
    _require_editable(plan)
    if not plan.goals.exists():
        raise ValidationError(_("Lägg till minst ett mål innan planen lämnas för beslut."))
    plan.status = ActionPlanStatus.PROPOSED
    plan.save(update_fields=["status", "updated_at"])
    ActionPlanDecision.objects.create(plan=plan, outcome=DecisionOutcome.PROPOSED, actor=actor)
    return plan


def _require_proposed(plan: ActionPlan) -> None:
    if plan.status != ActionPlanStatus.PROPOSED:
        raise ValidationError(_("Bara en plan som väntar på beslut kan beslutas."))


@transaction.atomic
def action_plan_approve(
    *,
    actor,
    plan: ActionPlan,
    body: str,
    decided_on: datetime.date,
    reference: str,
    review_date: datetime.date,
    comment: str = "",
) -> ActionPlan:
    """Adopt the plan; the version adopted before it is superseded."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    _require_proposed(plan)
    ActionPlan.objects.for_municipality(plan.municipality).adopted().exclude(pk=plan.pk).update(
        status=ActionPlanStatus.SUPERSEDED, updated_at=timezone.now()
    )
    plan.status = ActionPlanStatus.ADOPTED
    plan.decision_body = body
    plan.decision_date = decided_on
    plan.decision_reference = reference
    plan.review_date = review_date
    plan.full_clean()
    plan.save()
    decision = ActionPlanDecision(
        plan=plan,
        outcome=DecisionOutcome.APPROVED,
        body=body,
        decided_on=decided_on,
        reference=reference,
        comment=comment,
        actor=actor,
    )
    decision.full_clean()
    decision.save()
    return plan


@transaction.atomic
def action_plan_return(*, actor, plan: ActionPlan, comment: str) -> ActionPlan:
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    _require_proposed(plan)
    decision = ActionPlanDecision(
        plan=plan, outcome=DecisionOutcome.RETURNED, comment=comment, actor=actor
    )
    decision.full_clean()
    plan.status = ActionPlanStatus.RETURNED
    plan.save(update_fields=["status", "updated_at"])
    decision.save()
    return plan


# Cause analysis


@transaction.atomic
def cause_analysis_start(*, actor, problem: Problem, summary: str = "") -> CauseAnalysis:
    analysis, created = CauseAnalysis.objects.get_or_create(
        problem=problem, defaults={"created_by": actor, "summary": summary}
    )
    return analysis


@transaction.atomic
def cause_analysis_update(*, actor, analysis: CauseAnalysis, summary: str) -> CauseAnalysis:
    analysis.summary = summary
    analysis.full_clean()
    analysis.save(update_fields=["summary", "updated_at"])
    return analysis


@transaction.atomic
def cause_save(
    *,
    actor,
    analysis: CauseAnalysis,
    cause: Cause | None = None,
    branch: str,
    description: str,
    evidence: str = "",
    measures=(),
) -> Cause:
    _check_municipality(analysis.problem.municipality, measures=measures)
    cause = cause or Cause(analysis=analysis)
    cause.branch = branch
    cause.description = description
    cause.evidence = evidence
    cause.full_clean()
    cause.save()
    cause.measures.set(measures)
    analysis.save(update_fields=["updated_at"])
    return cause


@transaction.atomic
def cause_delete(*, actor, cause: Cause) -> None:
    cause.delete()


# Annual calendar


@transaction.atomic
def calendar_event_save(
    *, actor, municipality: Municipality, event: CalendarEvent | None = None, measures=(), **data
) -> CalendarEvent:
    _check_municipality(municipality, measures=measures)
    event = event or CalendarEvent(municipality=municipality)
    for name, value in data.items():
        setattr(event, name, value)
    event.full_clean()
    event.save()
    event.measures.set(measures)
    return event


@transaction.atomic
def calendar_event_delete(*, actor, event: CalendarEvent) -> None:
    event.delete()


def calendar_reminders_send(*, actor=None, today: datetime.date | None = None) -> int:
    """E-mail the coordinators of each municipality about calendar events that are coming up.

    Each occurrence of an event is reminded once: the reminder row is written with the
    e-mails it queues, and its unique constraint stops a second run from queueing again.
    """
    today = today or timezone.localdate()
    sent = 0
    events = CalendarEvent.objects.select_related("municipality").prefetch_related("measures")
    for event in events:
        occurrence = event.next_occurrence(today)
        if occurrence is None or (occurrence - today).days > event.remind_days_before:
            continue
        if CalendarReminder.objects.filter(event=event, occurrence=occurrence).exists():
            continue
        recipients = sorted(
            set(
                Membership.objects.for_municipality(event.municipality)
                .filter(role=Role.COORDINATOR)
                .exclude(user__email="")
                .values_list("user__email", flat=True)
            )
        )
        if not recipients:
            continue
        try:
            with transaction.atomic():
                CalendarReminder.objects.create(
                    event=event, occurrence=occurrence, recipients=", ".join(recipients)
                )
                _queue_reminder(event, occurrence, recipients, today)
        except IntegrityError:
            continue  # Another run claimed this occurrence first.
        sent += 1
    return sent


def _queue_reminder(event: CalendarEvent, occurrence: datetime.date, recipients, today) -> None:
    context = {
        "event": event,
        "occurrence": occurrence,
        "days": (occurrence - today).days,
        "measures": list(event.measures.all()),
        "link": absolute_url("measures:calendar", event.municipality.slug),
    }
    subject, body = outbox.render_email(
        "measures/email/reminder_subject.txt", "measures/email/reminder_body.txt", context
    )
    outbox.email_queue(
        key=f"measures.calendar:{event.pk}:{occurrence.isoformat()}",
        to=recipients,
        subject=subject,
        body=body,
        municipality=event.municipality,
    )
    logger.info("Queued reminders of %s on %s to %s", event, occurrence, recipients)
