"""What goes into the annual report: the coordinator's written sections and the sections
generated from the year's data, in the order of the model report (Fagersta 2021).

Each source app has a module here whose `sections(report)` returns the sections it has
something to say in, by slot; a section with no data is left out rather than printed empty.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from .. import charts, selectors
from ..models import AnnualReport
from . import comparison, measures, promises, situations, surveys
from .base import Section

__all__ = ["Section", "build"]

# The order of the slots in the report; the written sections sit between them.
SLOTS = [
    "introduction",
    "situation",
    "problems",
    "promises",
    "evaluation",
    "measures",
    "action_plan",
    "walks",
    "surveys",
    "indicators",
    "comparison",
    "results_and_challenges",
    "summary",
]
WRITTEN = {
    "introduction": ("inledning", N_("Inledning")),
    "evaluation": ("utvardering", N_("Utvärdering och utvecklingsarbete")),
    "results_and_challenges": ("resultat", N_("Positiva resultat och framtida utmaningar")),
    "summary": ("sammanfattning", N_("Sammanfattning")),
}


def _written(report: AnnualReport) -> dict[str, list[Section]]:
    result = {}
    for name, (section_id, title) in WRITTEN.items():
        text = getattr(report, name)
        result[name] = (
            [Section(section_id, _(title), "reports/annual/_written.html", {"text": text})]
            if text.strip()
            else []
        )
    return result


def _problems(report: AnnualReport) -> dict[str, list[Section]]:
    rows = selectors.problem_counts_by_area(municipality=report.municipality, year=report.year)
    if not any(r["raised"] for r in rows):
        return {}
    return {
        "problems": [
            Section(
                "problem",
                _("Problem som lägesbilden visat"),
                "reports/annual/_problems.html",
                {
                    "rows": rows,
                    "raised": sum(r["raised"] for r in rows),
                    "closed": sum(r["closed"] for r in rows),
                    "chart": charts.problem_chart(rows),
                },
            )
        ]
    }


# The generated parts, in the order they are built (and the job reports progress).
STEPS: list[tuple[str, Callable[[AnnualReport], dict[str, list[Section]]]]] = [
    (N_("Sammanställer lägesbilder, möten och värmekarta"), situations.sections),
    (N_("Sammanställer problem och uppföljning"), _problems),
    (N_("Sammanställer medborgarlöften och uppföljning"), promises.sections),
    (N_("Sammanställer insatser och åtgärdsplan"), measures.sections),
    (N_("Sammanställer trygghetsvandringar, enkäter och indikatorer"), surveys.sections),
    (N_("Jämför med föregående år"), comparison.sections),
]


def build(report: AnnualReport, on_step: Callable[[float, str], None] | None = None) -> dict:
    """Collect everything the report template needs. `on_step(fraction, text)` reports progress."""
    with translation.override("sv"):
        return _build(report, on_step)


def _build(report: AnnualReport, on_step: Callable[[float, str], None] | None) -> dict:
    slots: dict[str, list[Section]] = {slot: [] for slot in SLOTS}
    for i, (text, part) in enumerate(STEPS):
        if on_step:
            on_step(i / len(STEPS), _(text))
        for slot, found in part(report).items():
            slots[slot].extend(found)
    if on_step:
        on_step(1.0, _("Alla delar är sammanställda"))
    for slot, found in _written(report).items():
        slots[slot].extend(found)
    return {
        "report": report,
        "municipality": report.municipality,
        "year": report.year,
        "title": _("Brottsförebyggande och trygghetsskapande arbete år %(year)s")
        % {"year": report.year},
        "sections": [section for slot in SLOTS for section in slots[slot]],
        "generated_at": timezone.now(),
    }
