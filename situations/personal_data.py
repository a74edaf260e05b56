"""Refuse free text that looks like personal data.

Lägesrapporter are about places and phenomena, never about individuals, so text that contains
something that looks like a Swedish personal identity number (personnummer) or co-ordination
number (samordningsnummer), a phone number or an e-mail address is refused with the reason.

A personal identity number is only flagged when its check digit is right (the Luhn algorithm
over the ten digits YYMMDDNNNC), so years, dates, week numbers and counts in ordinary text
pass.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# YYYYMMDD-NNNN, YYMMDD-NNNN, YYMMDD+NNNN (100 years or older) or the same without separator.
_ID_NUMBER = re.compile(
    r"(?<![\d-])(?P<century>\d{2})?(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})[-+]?(?P<tail>\d{4})(?!\d)"
)
# Starts with 0, + or 00 (Swedish and international numbers); digits grouped by spaces,
# hyphens or brackets.
_PHONE = re.compile(r"(?<![\w+])(?:\+|00|0)[\d\s\-()/]{6,}\d")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)

ID_NUMBER_MESSAGE = _(
    "Texten innehåller något som ser ut som ett personnummer eller samordningsnummer. "
    "Lägesrapporter handlar om platser och företeelser, aldrig om enskilda personer – "
    "ta bort numret."
)
PHONE_MESSAGE = _(
    "Texten innehåller något som ser ut som ett telefonnummer. Skriv inte kontaktuppgifter "
    "till enskilda personer i lägesrapporten."
)
EMAIL_MESSAGE = _(
    "Texten innehåller en e-postadress. Skriv inte kontaktuppgifter till enskilda personer "
    "i lägesrapporten."
)


def luhn_ok(digits: str) -> bool:
    """The Luhn check used for Swedish identity numbers: weights 2,1,2,1… from the left."""
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return total % 10 == 0


def _is_id_number(match: re.Match) -> bool:
    century = match.group("century")
    if century is not None and century not in {"18", "19", "20"}:
        return False
    month = int(match.group("mm"))
    day = int(match.group("dd"))
    if not 1 <= month <= 12:
        return False
    # A co-ordination number has 60 added to the day of birth.
    if not (1 <= day <= 31 or 61 <= day <= 91):
        return False
    return luhn_ok(match.group("yy") + match.group("mm") + match.group("dd") + match.group("tail"))


def find_id_numbers(text: str) -> list[str]:
    return [m.group(0) for m in _ID_NUMBER.finditer(text) if _is_id_number(m)]


def find_phone_numbers(text: str) -> list[str]:
    found = []
    for match in _PHONE.finditer(text):
        candidate = match.group(0)
        digits = re.sub(r"\D", "", candidate)
        if 8 <= len(digits) <= 15 and not find_id_numbers(candidate):
            found.append(candidate.strip())
    return found


def find_emails(text: str) -> list[str]:
    return _EMAIL.findall(text)


def personal_data_problems(text: str) -> list[str]:
    """The reasons the text would be refused, empty if it is fine."""
    if not text:
        return []
    problems = []
    if find_id_numbers(text):
        problems.append(str(ID_NUMBER_MESSAGE))
    if find_emails(text):
        problems.append(str(EMAIL_MESSAGE))
    if find_phone_numbers(text):
        problems.append(str(PHONE_MESSAGE))
    return problems


def validate_no_personal_data(value: str) -> None:
    problems = personal_data_problems(value)
    if problems:
        raise ValidationError(problems, code="personal_data")
