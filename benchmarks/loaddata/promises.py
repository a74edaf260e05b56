"""Load data: citizen promises for every three-month period, with commitments and follow-up."""

from __future__ import annotations

import datetime

from django.utils import timezone

from promises.models import (
    Commitment,
    Outcome,
    Party,
    Promise,
    PromisePeriodSettings,
)
from promises.models import (
    PromiseStatus as PS,
)

from .common import (
    BATCH_SIZE,
    Town,
    bulk,
)


def promises(town: Town) -> None:
    """Promises per three-month period."""
    areas = town.areas
    coordinator = town.coordinator
    first_day = town.first_day
    municipality = town.municipality
    organisations = town.organisations
    result = town.result
    rng = town.rng
    today = town.today
    users = town.users
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
    promises = bulk(Promise, promise_rows, result)
    for previous, promise in zip(promises, promises[1:], strict=False):
        promise.previous = previous
    Promise.objects.bulk_update(promises[1:], ["previous"], batch_size=BATCH_SIZE)
    bulk(
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
    bulk(Commitment, commitments, result)
