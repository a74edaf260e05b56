"""CSV exports of a municipality's data, for the coordinator.

The files are UTF-8 with a byte order mark so that Excel shows å, ä and ö correctly, separated
by semicolons as Swedish Excel expects. A cell that starts with =, +, - or @ would be run as a
formula by a spreadsheet, so such text is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import StreamingHttpResponse
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality
from situations.models import Problem

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(value) -> str:
    """Text a spreadsheet would take for a formula becomes plain text; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


class _Echo:
    def write(self, value: str) -> str:
        return value


def _lines(header: list[str], rows: Iterable[Iterable]):
    writer = csv.writer(_Echo(), delimiter=";")
    yield BOM + writer.writerow([neutralise(h) for h in header])
    for row in rows:
        yield writer.writerow([neutralise(v) for v in row])


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable]):
    response = StreamingHttpResponse(_lines(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@dataclass(frozen=True)
class Export:
    slug: str
    title: str
    header: list
    rows: Callable[[Municipality], Iterable[Iterable]]


def _date(value) -> str:
    return value.isoformat() if value else ""


def _problems(municipality: Municipality):
    problems = (
        Problem.objects.for_municipality(municipality)
        .select_related("area", "place", "owner")
        .order_by("created_at")
    )
    for p in problems.iterator(chunk_size=500):
        yield [
            p.pk,
            p.created_at.date().isoformat(),
            p.area.name,
            p.place.name if p.place else "",
            p.title,
            p.description,
            p.get_status_display(),
            p.owner.get_username() if p.owner else "",
            _date(p.due_date),
            p.resolution,
        ]


EXPORTS: dict[str, Export] = {
    e.slug: e
    for e in [
        Export(
            "problem",
            _("Problem"),
            [
                _("Nr"),
                _("Skapat"),
                _("Område"),
                _("Plats"),
                _("Rubrik"),
                _("Beskrivning"),
                _("Status"),
                _("Ägare"),
                _("Klart senast"),
                _("Hur det löstes"),
            ],
            _problems,
        ),
    ]
}
