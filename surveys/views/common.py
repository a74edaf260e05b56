"""CSV for the member views."""

from __future__ import annotations

import csv

from django.http import HttpResponse


def neutralise(cell: str) -> str:
    """Keep spreadsheet programs from reading a cell as a formula."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def csv_response(filename: str, header: list, rows: list) -> HttpResponse:
    """CSV that Excel opens as UTF-8 (byte order mark, semicolons as in Swedish Excel)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    for row in [header, *rows]:
        writer.writerow([neutralise(str(cell)) for cell in row])
    return response
