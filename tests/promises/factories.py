import datetime

import factory

from promises.models import Commitment, Party, Promise, PromiseStatus
from tests.factories import MunicipalityFactory


class PromiseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Promise

    municipality = factory.SubFactory(MunicipalityFactory)
    # Long past, whatever the sequence number: tests that need today's period say so.
    period_start = factory.Sequence(lambda n: datetime.date(1000 + n, 3, 1))
    period_end = factory.LazyAttribute(
        lambda p: datetime.date(p.period_start.year, p.period_start.month + 2, 28)
    )
    title = factory.Sequence(lambda n: f"Medborgarlöfte {n}")
    situation = "Lägesbilden visar oro kring motorburen ungdom vid bensinstationen."
    text = "Polisen och kommunen finns på plats på kvällar och helger."
    status = PromiseStatus.DRAFT


class DecidedPromiseFactory(PromiseFactory):
    status = PromiseStatus.ACTIVE
    decision_body = "Kommunstyrelsen"
    decision_date = factory.LazyAttribute(lambda p: p.period_start - datetime.timedelta(days=10))
    decision_reference = "KS § 112"


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    promise = factory.SubFactory(PromiseFactory)
    party = Party.BOTH
    action = factory.Sequence(lambda n: f"Åtagande {n}: närvaro vid riskhelger")
    position = factory.Sequence(lambda n: n)
