"""Citizen promises: council and coordinator write, politicians decide, everyone reads the
public pages."""

import datetime

from django.utils import timezone

from promises.models import Outcome, PromiseStatus
from tests.permissions.matrix import Row, members_only, public
from tests.promises.factories import CommitmentFactory, DecidedPromiseFactory, PromiseFactory

STAFF = ("coordinator", "council", "politician")
WRITERS = ("coordinator", "council")


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
    Row("promises:list", members_only(readers=STAFF)),
    Row("promises:create", members_only(*WRITERS)),
    Row("promises:settings", members_only("coordinator")),
    Row("promises:detail", members_only(readers=STAFF), setup=DRAFT),
    Row("promises:edit", members_only(*WRITERS), setup=DRAFT),
    Row("promises:propose", members_only(*WRITERS), method="post", setup=DRAFT),
    Row("promises:decide", members_only("politician"), setup=PROPOSED),
    Row(
        "promises:approve",
        members_only("politician"),
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
        members_only("politician"),
        method="post",
        setup=PROPOSED,
        data=lambda ctx, kw: {"comment": "Förtydliga."},
    ),
    Row("promises:follow_up", members_only(*WRITERS), setup=ACTIVE),
    Row("promises:close", members_only(*WRITERS), method="post", setup=FOLLOWED_UP),
    Row("promises:renew", members_only(*WRITERS), method="post", setup=FOLLOWED_UP),
    Row("promises_public:index", public()),
    Row("promises_public:detail", public(), setup=ACTIVE),
]
