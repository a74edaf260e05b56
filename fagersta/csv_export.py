"""The one CSV writer: every export of the service goes through `csv_response`.

The files are UTF-8 with a byte order mark so that Excel shows å, ä and ö correctly, separated
by semicolons as Swedish Excel expects. A cell that a spreadsheet would run as a formula is
prefixed with an apostrophe, which makes it text.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator

from django.http import HttpResponse, StreamingHttpResponse

BOM = "\ufeff"
# Full-width forms are included: spreadsheet programs fold them to their ASCII meaning.
FORMULA_START = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
# Characters a spreadsheet skips before it looks for a formula: they do not make a cell safe.
# Tab and carriage return are whitespace, so a cell starting with them is checked like the
# others, and neutralised whatever follows (below).
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")
CONTROL_START = ("\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


def _looks_like_formula(text: str) -> bool:
    if text.startswith(CONTROL_START):
        return True
    start = 0
    while start < len(text) and (text[start].isspace() or text[start] in INVISIBLE):
        start += 1
    rest = text[start:]
    return rest[:1] in FORMULA_START and PLAIN_NUMBER.fullmatch(rest) is None


def neutralise(value) -> str:
    """One cell as text a spreadsheet shows and never runs; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return "'" + text if _looks_like_formula(text) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable, rows: Iterable[Iterable]) -> Iterator[str]:
    """The file line by line, so that a long export is never held in memory."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield BOM + writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        yield writer.writerow([neutralise(cell) for cell in row])


def csv_response(filename: str, header: Iterable, rows: Iterable[Iterable], *, streaming=True):
    """The file as a download. A long export streams; one whose rows are already in memory
    (`streaming=False`) is sent in one piece."""
    content_type = "text/csv; charset=utf-8"
    if streaming:
        response = StreamingHttpResponse(csv_lines(header, rows), content_type=content_type)
    else:
        response = HttpResponse("".join(csv_lines(header, rows)), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
