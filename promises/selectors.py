"""Reads of promises, always scoped to one municipality, with their related rows fetched up
front so that a page's query count does not grow with the number of promises."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from municipalities.models import Municipality

from .models import (
    FOLLOWED_UP_STATUSES,
    Commitment,
    Outcome,
    Phase,
    Promise,
    PromiseQuerySet,
    PromiseStatus,
    PromiseTransition,
    phase_conditions,
)
from .periods import Period


def _commitments() -> QuerySet:
    return Commitment.objects.select_related("organisation")


def promise_list(
    *, municipality: Municipality, today: datetime.date | None = None
) -> QuerySet[Promise]:
    return (
        Promise.objects.for_municipality(municipality)
        .with_phase(today or timezone.localdate())
        .annotate(
            commitment_count=Count("commitments"),
            done_count=Count("commitments", filter=Q(commitments__outcome=Outcome.DONE)),
        )
        .order_by("-period_start", "period_end")
    )


def promise_detail(
    *, municipality: Municipality, pk: int, today: datetime.date | None = None
) -> Promise:
    """One promise with everything its page shows; raises Promise.DoesNotExist for a promise
    of another municipality."""
    return (
        Promise.objects.for_municipality(municipality)
        .with_phase(today or timezone.localdate())
        .select_related("decided_by", "followed_up_by", "previous", "created_by")
        .prefetch_related(
            Prefetch("commitments", queryset=_commitments()),
            Prefetch(
                "previous__commitments",
                queryset=Commitment.objects.select_related("organisation"),
            ),
            Prefetch("transitions", queryset=PromiseTransition.objects.select_related("actor")),
            "areas",
            "problems",
        )
        .get(pk=pk)
    )


def start_summary(*, municipality: Municipality, today: datetime.date | None = None) -> dict:
    """Bounded counts for the start page card: a single query."""
    phases = phase_conditions(today or timezone.localdate())
    return Promise.objects.for_municipality(municipality).aggregate(
        proposed=Count("pk", filter=Q(status=PromiseStatus.PROPOSED)),
        returned=Count("pk", filter=Q(status=PromiseStatus.RETURNED)),
        drafts=Count("pk", filter=Q(status=PromiseStatus.DRAFT)),
        to_follow_up=Count("pk", filter=phases[Phase.AWAITING_FOLLOW_UP]),
        current=Count("pk", filter=phases[Phase.CURRENT]),
    )


# -- public pages -------------------------------------------------------------------------------


def _public(municipality: Municipality) -> PromiseQuerySet:
    return (
        Promise.objects.for_municipality(municipality)
        .public()
        .prefetch_related(
            Prefetch("commitments", queryset=Commitment.objects.select_related("organisation")),
            "areas",
        )
    )


# Earlier periods shown with their whole follow-up on the public page (two years of quarters);
# older ones are listed with a link, so the page does not grow with every year of history.
EARLIER_WITH_FOLLOW_UP = 8


@dataclass
class PublicPromises:
    current: list[Promise]
    upcoming: list[Promise]
    earlier: list[Promise]

    @property
    def recent(self) -> list[Promise]:
        return self.earlier[:EARLIER_WITH_FOLLOW_UP]

    @property
    def older(self) -> list[Promise]:
        return self.earlier[EARLIER_WITH_FOLLOW_UP:]


def public_promises(
    *, municipality: Municipality, today: datetime.date | None = None
) -> PublicPromises:
    """Decided promises only: those in force today (a one-year promise may run beside a
    three-month one), decided ones for coming periods, and earlier periods with their
    follow-up. Drafts and returned proposals never appear."""
    today = today or timezone.localdate()
    promises = list(_public(municipality).with_phase(today).order_by("-period_start", "period_end"))
    by_phase: dict[str, list[Promise]] = {phase: [] for phase in Phase.values}
    for promise in promises:
        by_phase[promise.phase].append(promise)
    return PublicPromises(
        current=by_phase[Phase.CURRENT][::-1],
        upcoming=by_phase[Phase.UPCOMING][::-1],
        earlier=[p for p in promises if p.phase in (Phase.AWAITING_FOLLOW_UP, Phase.FOLLOWED_UP)],
    )


def public_promise(
    *, municipality: Municipality, pk: int, today: datetime.date | None = None
) -> Promise:
    return _public(municipality).with_phase(today or timezone.localdate()).get(pk=pk)


# -- fulfilment over time -----------------------------------------------------------------------


@dataclass
class FulfilmentRow:
    period: Period
    title: str
    total: int
    done: int
    partly: int
    not_done: int
    continues: int

    @property
    def share_done(self) -> int | None:
        """Per cent of the period's commitments that were done, rounded."""
        if not self.total:
            return None
        return round(100 * self.done / self.total)


def fulfilment_by_period(municipality: Municipality) -> list[FulfilmentRow]:
    """Followed-up promises, oldest first, with how their commitments turned out. Only
    aggregate numbers, so it can also be shown beside other municipalities. One query."""
    rows = (
        Promise.objects.for_municipality(municipality)
        .filter(status__in=FOLLOWED_UP_STATUSES)
        .order_by("period_start")
        .annotate(
            total=Count("commitments"),
            **{
                outcome: Count("commitments", filter=Q(commitments__outcome=outcome))
                for outcome in Outcome.values
            },
        )
        .values("period_start", "period_end", "title", "total", *Outcome.values)
    )
    return [
        FulfilmentRow(
            period=Period(row["period_start"], row["period_end"]),
            title=row["title"],
            total=row["total"],
            done=row[Outcome.DONE],
            partly=row[Outcome.PARTLY],
            not_done=row[Outcome.NOT_DONE],
            continues=row[Outcome.CONTINUES],
        )
        for row in rows
    ]
