"""The citizen promises of the year: each period's promise, its commitments and follow-up."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from promises import charts as promise_charts
from promises import selectors as promise_selectors
from promises.models import Commitment, Promise
from promises.periods import Period

from ..models import AnnualReport
from .base import Section


def sections(report: AnnualReport) -> dict[str, list[Section]]:
    start = datetime.date(report.year, 1, 1)
    end = datetime.date(report.year, 12, 31)
    commitments = Commitment.objects.select_related("organisation").order_by("position", "pk")
    promises = list(
        Promise.objects.for_municipality(report.municipality)
        .public()
        .filter(period_start__lte=end, period_end__gte=start)
        .order_by("period_start")
        .prefetch_related("areas", Prefetch("commitments", queryset=commitments))
    )
    if not promises:
        return {}
    for promise in promises:
        promise.period_label = Period(promise.period_start, promise.period_end).label
    fulfilment = [
        row
        for row in promise_selectors.fulfilment_by_period(report.municipality)
        if row.period.start <= end and row.period.end >= start
    ]
    return {
        "promises": [
            Section(
                "medborgarloften",
                _("Medborgarlöften"),
                "reports/annual/_promises.html",
                {
                    "promises": promises,
                    "fulfilment": fulfilment,
                    "chart": promise_charts.fulfilment_chart(fulfilment) if fulfilment else None,
                    "done": sum(r.done for r in fulfilment),
                    "total": sum(r.total for r in fulfilment),
                },
            )
        ]
    }
