"""Promise periods: which period a date falls in, and the one after it.

A municipality's periods have a fixed length that divides the year and start in a given month
(Fagersta: three months from March). Months are counted from year 0 so that periods crossing a
new year (December–February) need no special case.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.dates import MONTHS, MONTHS_3

from municipalities.models import Municipality

from .models import PromisePeriodSettings


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @property
    def label(self) -> str:
        """ "mars–maj 2021", "december 2021–februari 2022" or "mars 2021"."""
        first, last = str(MONTHS[self.start.month]), str(MONTHS[self.end.month])
        if self.start.year != self.end.year:
            return f"{first} {self.start.year}–{last} {self.end.year}"
        if self.start.month == self.end.month:
            return f"{first} {self.start.year}"
        return f"{first}–{last} {self.end.year}"

    @property
    def short_label(self) -> str:
        """ "mar–maj 2021" or "dec–feb 21/22": short enough for a chart axis."""
        first, last = str(MONTHS_3[self.start.month]), str(MONTHS_3[self.end.month])
        if self.start.year != self.end.year:
            return f"{first}–{last} {self.start.year % 100:02d}/{self.end.year % 100:02d}"
        if self.start.month == self.end.month:
            return f"{first} {self.start.year}"
        return f"{first}–{last} {self.end.year}"

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    @property
    def months(self) -> int:
        """Whole months from the first day to the day after the last."""
        return _month_index(self.end + datetime.timedelta(days=1)) - _month_index(self.start)


def settings_for(municipality: Municipality) -> PromisePeriodSettings:
    """The municipality's settings, or the defaults (unsaved) if it has none yet."""
    found = PromisePeriodSettings.objects.for_municipality(municipality).first()
    return found or PromisePeriodSettings(municipality=municipality)


def _month_index(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def _first_of(index: int) -> datetime.date:
    return datetime.date(index // 12, index % 12 + 1, 1)


def period_containing(settings: PromisePeriodSettings, day: datetime.date) -> Period:
    length = settings.length_months
    offset = settings.first_month - 1
    start = offset + (_month_index(day) - offset) // length * length
    end = _first_of(start + length) - datetime.timedelta(days=1)
    return Period(_first_of(start), end)


def period_from(start: datetime.date, months: int) -> Period:
    """`months` months from the first of `start`'s month: a promise with its own length."""
    first = _month_index(start)
    return Period(_first_of(first), _first_of(first + months) - datetime.timedelta(days=1))


def next_period(settings: PromisePeriodSettings, period: Period) -> Period:
    """The period after `period`: the municipality's next period, or one of the same length
    when the promise had a length of its own (a one-year promise is followed by a year)."""
    after = period.end + datetime.timedelta(days=1)
    if period.months != settings.length_months:
        return period_from(after, period.months)
    return period_containing(settings, after)


def upcoming_periods(
    settings: PromisePeriodSettings, today: datetime.date, count: int = 4
) -> list[Period]:
    """The current period and the `count - 1` after it, for choosing a new promise's period."""
    periods = [period_containing(settings, today)]
    while len(periods) < count:
        periods.append(next_period(settings, periods[-1]))
    return periods
