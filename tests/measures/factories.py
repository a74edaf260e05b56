import datetime

import factory

from measures.models import (
    ActionPlan,
    ActionPlanGoal,
    ActionPlanStatus,
    CalendarEvent,
    Cause,
    CauseAnalysis,
    CauseBranch,
    Measure,
    MeasureStatus,
    Partner,
)
from municipalities.models import Area
from situations.models import Problem
from tests.factories import MunicipalityFactory


def national_area(code="unga-skola-andt"):
    return Area.objects.get(municipality=None, code=code)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Partner {n}")


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Insats {n}")
    description = "Exempeldata."
    status = MeasureStatus.ONGOING
    start_date = datetime.date(2021, 3, 1)

    @factory.post_generation
    def areas(obj, create, extracted, **kwargs):
        if create:
            obj.areas.set(extracted if extracted is not None else [national_area()])

    @factory.post_generation
    def partners(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.partners.set(extracted)


class ProblemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Problem

    municipality = factory.SubFactory(MunicipalityFactory)
    area = factory.LazyFunction(national_area)
    title = factory.Sequence(lambda n: f"Problem {n}")
    description = "Exempeldata."


class CauseAnalysisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CauseAnalysis

    problem = factory.SubFactory(ProblemFactory)


class CauseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cause

    analysis = factory.SubFactory(CauseAnalysisFactory)
    branch = CauseBranch.PLACE
    description = "Mörker och skymd sikt"


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    municipality = factory.SubFactory(MunicipalityFactory)
    version = factory.Sequence(lambda n: n + 1)
    title = "Åtgärdsplan"
    status = ActionPlanStatus.DRAFT


class AdoptedActionPlanFactory(ActionPlanFactory):
    status = ActionPlanStatus.ADOPTED
    decision_body = "Kommunstyrelsen"
    decision_date = datetime.date(2024, 6, 10)
    decision_reference = "KS § 112"
    review_date = datetime.date(2025, 6, 30)


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlanGoal

    plan = factory.SubFactory(ActionPlanFactory)
    area = factory.LazyFunction(national_area)
    text = "Fler elever i årskurs 9 blir behöriga till gymnasiet."


class CalendarEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarEvent

    municipality = factory.SubFactory(MunicipalityFactory)
    title = "Valborg"
    start_date = datetime.date(2021, 4, 30)
    remind_days_before = 14
