"""The bounds every input is held to before it reaches a validator, a computation or a column.

In one place, so that every form refuses the same impossible values with the same words: the
date range, the length of free text, the range of counts and amounts. The tests in
tests/security/test_input_bounds.py check that every form field uses them.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# Dates the service has any business with: far back enough for history, far ahead enough for
# any plan, and far from the ends of Python's dates, where adding a period or a year overflows.
MIN_DATE = datetime.date(1900, 1, 1)
MAX_DATE = datetime.date(2200, 12, 31)

# The longest free text a form takes: an analysis, a section of the annual report. Shorter
# fields say so themselves.
LONG_TEXT = 10_000
# A description, a comment, a note.
TEXT = 4_000

# Counts (participants, reach, days) and amounts in whole kronor: enough for any municipality,
# and within every integer column.
MAX_COUNT = 32_767
MAX_AMOUNT = 2_147_483_647


def date_in_range(day: datetime.date) -> bool:
    return MIN_DATE <= day <= MAX_DATE


def validate_date_in_range(value: datetime.date | None) -> None:
    if value is not None and not date_in_range(value):
        raise ValidationError(
            _("Ange ett datum mellan %(min)s och %(max)s."),
            code="date_range",
            params={"min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()},
        )


class DateInput(forms.DateInput):
    """The browser's date picker, in ISO format, limited to the range."""

    input_type = "date"

    def __init__(self, attrs=None, **kwargs):
        attrs = {"min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat(), **(attrs or {})}
        super().__init__(attrs=attrs, format="%Y-%m-%d", **kwargs)


class DateField(forms.DateField):
    """A date within MIN_DATE–MAX_DATE: every date field of every form is one."""

    widget = DateInput
    default_validators = [validate_date_in_range]


class ModelDateField(models.DateField):
    """A date column whose forms get DateField, and whose model validation checks the range."""

    default_validators = [validate_date_in_range]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": DateField, **kwargs})
