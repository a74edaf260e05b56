"""Dates and numbers as every page, e-mail and PDF writes them, in one place.

Swedish style (Språkrådet): "1 dec. 2026", "31 maj 2021", month names in lower case, a decimal
comma, at most one decimal, "52,4 %". A period within one month is that month once ("juni
2021"), not "juni 2021–juni 2021". Other languages take Django's formats for the same shapes.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone, translation
from django.utils.formats import date_format, number_format

NOTHING = "–"

# Swedish abbreviations end with a full stop; the short names are written out.
SWEDISH_SHORT_MONTHS = {
    1: "jan.",
    2: "feb.",
    3: "mars",
    4: "apr.",
    5: "maj",
    6: "juni",
    7: "juli",
    8: "aug.",
    9: "sep.",
    10: "okt.",
    11: "nov.",
    12: "dec.",
}


def _swedish() -> bool:
    return (translation.get_language() or "sv").startswith("sv")


def _short_month(value: datetime.date) -> str:
    return SWEDISH_SHORT_MONTHS[value.month] if _swedish() else date_format(value, "N")


def day(value: datetime.date | datetime.datetime | None) -> str:
    """A day: "1 dec. 2026"."""
    if value in (None, ""):
        return NOTHING
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.day} {_short_month(value)} {value.year}"


def day_time(value: datetime.datetime | None) -> str:
    """A moment: "1 dec. 2026 14:05", in local time."""
    if value in (None, ""):
        return NOTHING
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{day(local)} {local:%H:%M}"


def month(value: datetime.date | None) -> str:
    """A month: "juni 2021"."""
    if value in (None, ""):
        return NOTHING
    return date_format(value, "F Y")


def month_range(start: datetime.date | None, end: datetime.date | None) -> str:
    """A span of months: "juni 2021", "mars–maj 2021", "december 2021–februari 2022"; from a
    start with no end, the start's month."""
    if start is None:
        return NOTHING
    if end is None or (start.year, start.month) == (end.year, end.month):
        return month(start)
    if start.year == end.year:
        return f"{date_format(start, 'F')}–{month(end)}"
    return f"{month(start)}–{month(end)}"


def decimal(value) -> str:
    """A number with at most one decimal and the language's decimal mark: "52,4", "50",
    "1 234"."""
    if value is None or value == "":
        return NOTHING
    try:
        rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return str(value)
    if rounded == rounded.to_integral_value():
        rounded = rounded.quantize(Decimal("1"))
    return number_format(rounded, force_grouping=True)


def measured(value) -> str:
    """A measured value as it was entered, without trailing zeros: "52,4" for 52.40, "0,05"
    (a figure that was measured is not rounded; a computed share is, with `decimal`)."""
    if value is None or value == "":
        return NOTHING
    text = format(Decimal(str(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return number_format(Decimal(text), force_grouping=True)


def percent(value) -> str:
    """A share in per cent: "52,4 %"; "–" when there is no figure."""
    if value is None or value == "":
        return NOTHING
    return f"{decimal(value)} %"
