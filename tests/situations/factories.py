"""Factories for the lägesbild."""

import datetime

import factory

from situations.models import (
    AreaJudgement,
    Assessment,
    CompiledPicture,
    Guidelines,
    Meeting,
    MeetingKind,
    Problem,
    ReportingPeriod,
    SituationReport,
)
from tests.factories import MunicipalityFactory, OrganisationFactory


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingPeriod

    municipality = factory.SubFactory(MunicipalityFactory)
    # Counting backwards from 2021 keeps factory periods clear of the current one.
    starts_on = factory.Sequence(
        lambda n: datetime.date(2021, 1, 4) - datetime.timedelta(weeks=2 * n)
    )
    ends_on = factory.LazyAttribute(lambda p: p.starts_on + datetime.timedelta(days=13))
    deadline = factory.LazyAttribute(lambda p: p.starts_on + datetime.timedelta(days=10))


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SituationReport

    period = factory.SubFactory(PeriodFactory)
    organisation = factory.LazyAttribute(
        lambda r: OrganisationFactory(municipality=r.period.municipality)
    )


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    report = factory.SubFactory(ReportFactory)
    area = None
    status = "green"


class PictureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompiledPicture

    period = factory.SubFactory(PeriodFactory)


class JudgementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaJudgement

    picture = factory.SubFactory(PictureFactory)
    area = None
    status = "green"


class ProblemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Problem

    municipality = factory.SubFactory(MunicipalityFactory)
    area = None
    title = factory.Sequence(lambda n: f"Problem {n}")
    description = "Nedskräpning vid bensinstationen på kvällarna."


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = MeetingKind.EST
    date = datetime.date(2021, 3, 10)


class GuidelinesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guidelines

    municipality = factory.SubFactory(MunicipalityFactory)
    mission = "EST-gruppen tar fram en gemensam lägesbild varannan vecka."
    guidelines = "Skriv om platser och företeelser, aldrig om enskilda personer."
