"""What goes into the annual report: the coordinator's written sections and the sections
generated from the year's data, in the order of the model report (Fagersta 2021).

Each generated section is built by a function that returns the sections it has something to
say in; a section with no data is left out rather than printed empty.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from .. import selectors
from ..models import AnnualReport


@dataclass
class Section:
    id: str
    title: str
    template: str
    data: dict = field(default_factory=dict)
    # Sub-headings shown in the table of contents.
    children: list[tuple[str, str]] = field(default_factory=list)


def _written(report: AnnualReport, name: str, section_id: str, title: str) -> list[Section]:
    text = getattr(report, name)
    if not text.strip():
        return []
    return [Section(section_id, title, "reports/annual/_written.html", {"text": text})]


def _problems(report: AnnualReport) -> list[Section]:
    rows = selectors.problem_counts_by_area(municipality=report.municipality, year=report.year)
    if not any(r["raised"] for r in rows):
        return []
    return [
        Section(
            "problem",
            _("Problem som lägesbilden visat"),
            "reports/annual/_problems.html",
            {
                "rows": rows,
                "raised": sum(r["raised"] for r in rows),
                "closed": sum(r["closed"] for r in rows),
                "chart": selectors.problem_chart(rows),
            },
        )
    ]


# The generated parts, in the order they are built (and the job reports progress).
STEPS: list[tuple[str, Callable[[AnnualReport], list[Section]]]] = [
    (N_("Sammanställer problem och uppföljning"), _problems),
]


def build(report: AnnualReport, on_step: Callable[[float, str], None] | None = None) -> dict:
    """Collect everything the report template needs. `on_step(fraction, text)` reports progress."""
    with translation.override("sv"):
        return _build(report, on_step)


def _build(report: AnnualReport, on_step: Callable[[float, str], None] | None) -> dict:
    generated: dict[str, list[Section]] = {}
    for i, (text, function) in enumerate(STEPS):
        if on_step:
            on_step(i / len(STEPS), _(text))
        generated[function.__name__] = function(report)
    if on_step:
        on_step(1.0, _("Alla delar är sammanställda"))

    sections = [
        *_written(report, "introduction", "inledning", _("Inledning")),
        *generated["_problems"],
        *_written(report, "evaluation", "utvardering", _("Utvärdering och utvecklingsarbete")),
        *_written(
            report,
            "results_and_challenges",
            "resultat",
            _("Positiva resultat och framtida utmaningar"),
        ),
        *_written(report, "summary", "sammanfattning", _("Sammanfattning")),
    ]
    municipality = report.municipality
    return {
        "report": report,
        "municipality": municipality,
        "year": report.year,
        "title": _("Brottsförebyggande och trygghetsskapande arbete år %(year)s")
        % {"year": report.year},
        "sections": sections,
        "generated_at": timezone.now(),
    }
