"""Demo measures, partners, annual calendar and action plan.

Fagersta's measures follow its annual report for 2021, grouped by the lägesbild's areas;
Hagfors's action plan follows the plan its executive committee adopted in June 2024. The
sources give years and months but seldom days, so days within a month, the decision
paragraph and the risk weekends' dates are examples and marked as such.
"""

from __future__ import annotations

from municipalities.models import Area, Municipality, Organisation
from situations.models import Problem

from ..models import (
    ActionPlan,
    ActionPlanDecision,
    ActionPlanGoal,
    ActionPlanStatus,
    CalendarEvent,
    Cause,
    CauseAnalysis,
    DecisionOutcome,
    Measure,
    Partner,
)
from . import fagersta as fagersta_data
from . import hagfors as hagfors_data
from .common import D


def _areas(codes):
    return list(Area.objects.national().filter(code__in=codes))


def _partners(municipality, specs) -> dict[str, Partner]:
    found = {}
    for name, description in specs:
        found[name], _ = Partner.objects.update_or_create(
            municipality=municipality, name=name, defaults={"description": description}
        )
    return found


def _measures(municipality, specs, partners) -> dict[str, Measure]:
    found = {}
    for (
        title,
        area_codes,
        level,
        status,
        start,
        end,
        organisation,
        partner_names,
        funding,
        target,
        reach,
        unit,
        description,
        outcome,
        lessons,
        public,
    ) in specs:
        responsible = (
            Organisation.objects.for_municipality(municipality).filter(name=organisation).first()
            if organisation
            else None
        )
        measure, _ = Measure.objects.update_or_create(
            municipality=municipality,
            title=title,
            defaults={
                "level": level,
                "status": status,
                "start_date": start,
                "end_date": end,
                "responsible_organisation": responsible,
                "funding_source": funding,
                "target_group": target,
                "reach_number": reach,
                "reach_unit": unit,
                "description": description,
                "outcome": outcome,
                "lessons_learned": lessons,
                "is_public": public,
            },
        )
        measure.areas.set(_areas(area_codes))
        measure.partners.set([partners[name] for name in partner_names])
        found[title] = measure
    return found


def _calendar(municipality, specs, measures) -> None:
    for title, kind, start, end, days, description, measure_titles in specs:
        event, _ = CalendarEvent.objects.update_or_create(
            municipality=municipality,
            title=title,
            defaults={
                "kind": kind,
                "start_date": start,
                "end_date": end,
                "recurs_yearly": True,
                "remind_days_before": days,
                "description": description,
            },
        )
        event.measures.set([measures[t] for t in measure_titles])


def _hagfors_plan(municipality, measures) -> None:
    plan, _ = ActionPlan.objects.update_or_create(
        municipality=municipality,
        version=1,
        defaults={
            "title": "Åtgärdsplan för brottsförebyggande arbete i Hagfors kommun",
            "summary": (
                "Enligt lagen från 2023 om kommuners ansvar för brottsförebyggande arbete har "
                "kommunen analyserat läget och tagit fram en plan för att minska brottsligheten. "
                "De flesta upplever Hagfors som tryggt, men narkotika bland unga leder ofta till "
                "brott, och våld i nära relation och tryggheten på torget behöver mer arbete. "
                "Planen genomförs i nära samarbete med kommunpolisen, följs upp och insatserna "
                "utvärderas. Beslutsdag, paragraf och översynsdatum är exempeldata."
            ),
            "status": ActionPlanStatus.ADOPTED,
            "decision_body": "Kommunstyrelsen",
            "decision_date": D(2024, 6, 10),
            "decision_reference": "KS § 112",
            "review_date": D(2027, 6, 30),
        },
    )
    areas = {a.code: a for a in Area.objects.national()}
    keep = []
    for position, (code, text, indicator, titles) in enumerate(hagfors_data.GOALS, start=1):
        goal, _ = ActionPlanGoal.objects.update_or_create(
            plan=plan,
            position=position,
            defaults={"area": areas[code], "text": text, "indicator": indicator},
        )
        goal.measures.set([measures[t] for t in titles])
        keep.append(goal.pk)
    plan.goals.exclude(pk__in=keep).delete()
    ActionPlanDecision.objects.update_or_create(
        plan=plan,
        outcome=DecisionOutcome.APPROVED,
        defaults={
            "body": "Kommunstyrelsen",
            "decided_on": D(2024, 6, 10),
            "reference": "KS § 112",
        },
    )


def _problems(municipality, measures) -> None:
    """Link measures to the lägesbild's demo problems and analyse one of them, where the
    lägesbild demo has created them."""
    problems = {
        p.title: p
        for p in Problem.objects.for_municipality(municipality).filter(
            title__in=fagersta_data.PROBLEM_MEASURES
        )
    }
    for title, measure_titles in fagersta_data.PROBLEM_MEASURES.items():
        if title in problems:
            problems[title].measures.set([measures[t] for t in measure_titles])
    for title, summary, causes in fagersta_data.CAUSE_ANALYSES:
        if title not in problems:
            continue
        analysis, _ = CauseAnalysis.objects.update_or_create(
            problem=problems[title], defaults={"summary": summary}
        )
        keep = []
        for branch, description, evidence, measure_titles in causes:
            cause, _ = Cause.objects.update_or_create(
                analysis=analysis,
                branch=branch,
                description=description,
                defaults={"evidence": evidence},
            )
            cause.measures.set([measures[t] for t in measure_titles])
            keep.append(cause.pk)
        analysis.causes.exclude(pk__in=keep).delete()


def load(municipalities: dict[str, Municipality]) -> None:
    fagersta = municipalities["fagersta"]
    partners = _partners(fagersta, fagersta_data.PARTNERS)
    measures = _measures(fagersta, fagersta_data.MEASURES, partners)
    _calendar(fagersta, fagersta_data.CALENDAR, measures)
    _problems(fagersta, measures)

    hagfors = municipalities["hagfors"]
    partners = _partners(hagfors, hagfors_data.PARTNERS)
    measures = _measures(hagfors, hagfors_data.MEASURES, partners)
    _hagfors_plan(hagfors, measures)
