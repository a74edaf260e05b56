"""Dates and numbers are written one way everywhere (fagersta.formats)."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from fagersta import formats


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (datetime.date(2026, 12, 1), "1 dec. 2026"),
        (datetime.date(2021, 5, 31), "31 maj 2021"),
        (datetime.date(2021, 6, 7), "7 juni 2021"),
        (datetime.date(2021, 3, 1), "1 mars 2021"),
        (None, "–"),
    ],
)
def test_a_day_is_written_the_swedish_way(value, shown):
    assert formats.day(value) == shown


def test_a_moment_is_written_in_local_time():
    moment = datetime.datetime(2026, 12, 1, 13, 5, tzinfo=datetime.UTC)
    assert formats.day_time(moment) == "1 dec. 2026 14:05"  # Europe/Stockholm


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        (datetime.date(2021, 6, 1), datetime.date(2021, 6, 30), "juni 2021"),
        (datetime.date(2021, 6, 1), None, "juni 2021"),
        (datetime.date(2021, 3, 1), datetime.date(2021, 5, 31), "mars–maj 2021"),
        (datetime.date(2021, 12, 1), datetime.date(2022, 2, 28), "december 2021–februari 2022"),
        (None, None, "–"),
    ],
)
def test_a_span_of_months_names_a_month_once(start, end, shown):
    assert formats.month_range(start, end) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (52.4, "52,4"),
        (52.44, "52,4"),
        (52.45, "52,5"),
        (50.0, "50"),
        (Decimal("52.40"), "52,4"),
        (1234.5, "1\xa0234,5"),
        (None, "–"),
    ],
)
def test_a_number_has_one_decimal_at_most(value, shown):
    assert formats.decimal(value) == shown


def test_a_share_is_written_with_a_decimal_comma():
    assert formats.percent(52.4) == "52,4 %"
    assert formats.percent(100) == "100 %"
    assert formats.percent(None) == "–"


def test_a_measured_value_is_not_rounded():
    assert formats.measured(Decimal("0.05")) == "0,05"
    assert formats.measured(Decimal("52.40")) == "52,4"


def test_english_takes_djangos_month_names():
    with translation.override("en"):
        assert formats.day(datetime.date(2026, 12, 1)) == "1 Dec. 2026"
        assert formats.month(datetime.date(2021, 6, 1)) == "June 2021"


def test_the_filters_are_in_every_template():
    page = Template("{{ d|day }} · {{ d|month_range:e }} · {{ x|percent }}").render(
        Context({"d": datetime.date(2021, 5, 3), "e": datetime.date(2021, 5, 20), "x": 52.44})
    )
    assert page == "3 maj 2021 · maj 2021 · 52,4 %"


def test_no_template_writes_dates_or_shares_its_own_way():
    """Django's "M" writes "Maj" and "Dec" with a capital, floatformat keeps trailing decimals:
    every template goes through the filters of fagersta.formats instead."""
    roots = [*settings.TEMPLATES[0]["DIRS"], *Path(settings.BASE_DIR).glob("*/templates")]
    offenders = []
    for root in roots:
        for path in Path(root).rglob("*.*"):
            text = path.read_text(encoding="utf-8")
            for match in re.finditer(r'\|date:"([^"]*)"', text):
                if re.search(r"(?<!\\)M", match.group(1)):
                    offenders.append(f"{path}: {match.group(0)}")
            for match in re.finditer(r"\|floatformat(:\"?[^ }|]*)?", text):
                if "6u" not in match.group(0):  # coordinates keep their six decimals
                    offenders.append(f"{path}: {match.group(0)}")
    assert offenders == []


# Day formats the filters cannot write, each with the reason it stays.
RAW_DAY_FORMATS_ALLOWED = {
    "j F": "a day within a period or year already named beside it: the year would repeat",
    "l j F": "a deadline or event named by its weekday, within the current period",
    "l j F Y": "a walk or reminder named by its weekday, which the filters do not write",
    "j F H:i": "a submission time within the period already named on the page",
    "j F Y H:i:s": "a job's timings, where seconds tell how long it ran",
}


def _raw_day_formats(text):
    """The |date: formats in a template that write a day and are not allowed."""
    found = []
    for match in re.finditer(r"\|date:[\"']([^\"']*)[\"']", text):
        shape = match.group(1)
        if re.search(r"(?<!\\)[jd]", shape) and shape not in RAW_DAY_FORMATS_ALLOWED:
            found.append(match.group(0))
    return found


def test_the_guard_catches_a_raw_day_format():
    text = '{{ a|date:"j F Y" }} {{ b|date:\'d/m\' }} {{ c|date:"l j F" }} {{ d|date:"W" }}'
    assert _raw_day_formats(text) == ['|date:"j F Y"', "|date:'d/m'"]


def test_no_template_writes_a_day_with_a_raw_date_format():
    """A day is written by |day or |day_time ("1 dec. 2026"); a raw |date: format for a day is
    only allowed where the filters cannot say it (RAW_DAY_FORMATS_ALLOWED, with the reason)."""
    roots = [*settings.TEMPLATES[0]["DIRS"], *Path(settings.BASE_DIR).glob("*/templates")]
    offenders = []
    for root in roots:
        for path in Path(root).rglob("*.*"):
            offenders += [
                f"{path}: {f}" for f in _raw_day_formats(path.read_text(encoding="utf-8"))
            ]
    assert offenders == []


def test_an_empty_value_is_written_as_nothing():
    page = Template("{{ missing|day }} {{ missing|day_time }} {{ missing|month }}").render(
        Context({})
    )
    assert page == "– – –"
