import datetime

import pytest

from promises.models import PromisePeriodSettings
from promises.periods import Period, next_period, period_containing, settings_for, upcoming_periods

FAGERSTA = PromisePeriodSettings(length_months=3, first_month=3)


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (datetime.date(2021, 3, 1), datetime.date(2021, 3, 1), datetime.date(2021, 5, 31)),
        (datetime.date(2021, 8, 31), datetime.date(2021, 6, 1), datetime.date(2021, 8, 31)),
        (datetime.date(2021, 10, 15), datetime.date(2021, 9, 1), datetime.date(2021, 11, 30)),
        (datetime.date(2021, 12, 24), datetime.date(2021, 12, 1), datetime.date(2022, 2, 28)),
        (datetime.date(2022, 1, 10), datetime.date(2021, 12, 1), datetime.date(2022, 2, 28)),
        (datetime.date(2024, 2, 29), datetime.date(2023, 12, 1), datetime.date(2024, 2, 29)),
    ],
)
def test_it_finds_fagerstas_period_containing_a_date(day, start, end):
    assert period_containing(FAGERSTA, day) == Period(start, end)


def test_it_steps_from_winter_period_into_spring():
    winter = Period(datetime.date(2021, 12, 1), datetime.date(2022, 2, 28))
    assert next_period(FAGERSTA, winter) == Period(
        datetime.date(2022, 3, 1), datetime.date(2022, 5, 31)
    )


def test_it_labels_periods_in_swedish():
    assert Period(datetime.date(2021, 3, 1), datetime.date(2021, 5, 31)).label == "mars–maj 2021"
    winter = Period(datetime.date(2021, 12, 1), datetime.date(2022, 2, 28))
    assert winter.label == "december 2021–februari 2022"
    assert winter.short_label == "dec–feb 21/22"


def test_it_uses_half_years_from_july():
    settings = PromisePeriodSettings(length_months=6, first_month=7)
    assert period_containing(settings, datetime.date(2025, 3, 3)) == Period(
        datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)
    )
    assert period_containing(settings, datetime.date(2025, 7, 1)) == Period(
        datetime.date(2025, 7, 1), datetime.date(2025, 12, 31)
    )


def test_it_defaults_to_quarters_from_january(municipality):
    settings = settings_for(municipality)
    assert settings.pk is None
    assert period_containing(settings, datetime.date(2025, 5, 5)) == Period(
        datetime.date(2025, 4, 1), datetime.date(2025, 6, 30)
    )


def test_it_lists_the_current_and_coming_periods():
    periods = upcoming_periods(FAGERSTA, datetime.date(2021, 11, 2), count=3)
    assert [p.start for p in periods] == [
        datetime.date(2021, 9, 1),
        datetime.date(2021, 12, 1),
        datetime.date(2022, 3, 1),
    ]
