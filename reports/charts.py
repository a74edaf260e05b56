"""Charts of the dashboard and the annual report, built from what the selectors read."""

from __future__ import annotations

from django.utils.translation import gettext as _

from fagersta.charts import Chart, Series


def problem_chart(rows: list[dict]) -> Chart:
    return Chart(
        _("Problem per område"),
        [r["area"].name for r in rows],
        [
            Series(_("Lyfta"), [r["raised"] for r in rows]),
            Series(_("Avslutade"), [r["closed"] for r in rows]),
        ],
    )
