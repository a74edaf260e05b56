"""Charts of citizen promises, built from what the selectors read."""

from __future__ import annotations

from django.utils.translation import gettext as _

from fagersta.charts import Chart, Series

from .selectors import FulfilmentRow


def fulfilment_chart(rows: list[FulfilmentRow], *, title: str | None = None) -> Chart:
    return Chart(
        title=title or _("Andel genomförda åtaganden per period"),
        categories=[row.period.short_label for row in rows],
        series=[Series(_("Genomförda"), [row.share_done for row in rows])],
        kind="bar",
        unit=" %",
        max_value=100,
    )
