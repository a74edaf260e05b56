"""Citizen promises: council and coordinator write, politicians decide, everyone reads the
public pages."""

import datetime

from django.utils import timezone

from municipalities.access import Action
from promises.models import Outcome, PromiseStatus
from tests.permissions.matrix import Row, allowed, public
from tests.promises.factories import CommitmentFactory, DecidedPromiseFactory, PromiseFactory


def _promise(status, factory=PromiseFactory, outcome=""):
    def setup(ctx):
        first = timezone.localdate().replace(day=1)
        promise = factory(
            municipality=ctx.municipality,
            status=status,
            period_start=first,
            period_end=first + datetime.timedelta(days=80),
        )
        CommitmentFactory(promise=promise, outcome=outcome)
        return {"pk": promise.pk}

    return setup


DRAFT = _promise(PromiseStatus.DRAFT)
PROPOSED = _promise(PromiseStatus.PROPOSED)
ACTIVE = _promise(PromiseStatus.ACTIVE, DecidedPromiseFactory)
FOLLOWED_UP = _promise(PromiseStatus.FOLLOWED_UP, DecidedPromiseFactory, Outcome.CONTINUES)

ROWS = [
    Row("promises:list", allowed(Action.READ_PROMISES)),
    Row("promises:create", allowed(Action.WRITE_PROMISES)),
    Row("promises:settings", allowed(Action.MANAGE_MUNICIPALITY)),
    Row(
        "promises:register_past",
        allowed(Action.MANAGE_MUNICIPALITY),
        method="post",
        data=lambda ctx, kw: {
            "c-TOTAL_FORMS": "1",
            "c-INITIAL_FORMS": "0",
            "c-0-party": "police",
            "c-0-action": "Kvällspass",
            "start_month": "9",
            "start_year": "2020",
            "length_months": "3",
            "title": "Hösten 2020",
            "situation": "Oro på torget.",
            "text": "Vi finns på torget.",
            "decision_body": "Kommunstyrelsen",
            "decision_date": "2020-08-20",
            "decision_reference": "KS § 98",
        },
    ),
    Row("promises:detail", allowed(Action.READ_PROMISES), setup=DRAFT),
    Row("promises:edit", allowed(Action.WRITE_PROMISES), setup=DRAFT),
    Row("promises:propose", allowed(Action.WRITE_PROMISES), method="post", setup=DRAFT),
    Row("promises:decide", allowed(Action.DECIDE), setup=PROPOSED),
    Row(
        "promises:approve",
        allowed(Action.DECIDE),
        method="post",
        setup=PROPOSED,
        data=lambda ctx, kw: {
            "decision_body": "Kommunstyrelsen",
            "decision_date": timezone.localdate().isoformat(),
            "decision_reference": "KS § 112",
        },
    ),
    Row(
        "promises:return",
        allowed(Action.DECIDE),
        method="post",
        setup=PROPOSED,
        data=lambda ctx, kw: {"comment": "Förtydliga."},
    ),
    Row("promises:follow_up", allowed(Action.WRITE_PROMISES), setup=ACTIVE),
    Row("promises:close", allowed(Action.WRITE_PROMISES), method="post", setup=FOLLOWED_UP),
    Row("promises:renew", allowed(Action.WRITE_PROMISES), method="post", setup=FOLLOWED_UP),
    Row("promises_public:index", public()),
    Row("promises_public:detail", public(), setup=ACTIVE),
]
