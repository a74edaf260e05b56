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

from fagersta.bounds import LONG_TEXT

# Every pattern here runs in time linear in the length of the text, whatever the text (a
# report field is posted by anyone with a reporter's account, see docs/security.md):
# - a scan may start at any position, so no start may be followed by an unbounded run that the
#   next start would read again: runs are bounded, or only tried from the start of their run;
# - each pattern begins with a plain character class or literal, so the engine skips ahead to
#   a possible start instead of trying every position; the look-behind that says "this is the
#   start of a run" therefore comes after the first character;
# - digits are ASCII: identity and phone numbers are written so, and `\d` (every script's
#   digits) would defeat the skipping.

# YYYYMMDD-NNNN, YYMMDD-NNNN, YYMMDD+NNNN (100 years or older) or the same without separator,
# not inside a longer number.
_ID_NUMBER = re.compile(r"[0-9](?<![0-9-][0-9])(?:[0-9]{2})?[0-9]{5}[-+]?[0-9]{4}(?![0-9])")
# Starts with 0, + or 00 (Swedish and international numbers), not inside a word; digits grouped
# by spaces, hyphens or brackets. A number has at most 15 digits, so the run is bounded.
_PHONE = re.compile(r"[+0](?<![\w+][+0])[0-9\s\-()/]{6,40}[0-9]")
# An @ with a word character before it and a domain of at least two labels after it. The local
# part is read back from the @ only for a match, and at most 64 characters (the most an address
# may have), from the start of its run; the labels are matched possessively.
_EMAIL = re.compile(r"@(?<=[\w.+-]@)[\w-]++(?:\.[\w-]++)+")
_NOT_LOCAL = re.compile(r"[^\w.+-]")
_NOT_DIGIT = re.compile(r"[^0-9]")

# Longer texts are not scanned: every field this validator guards is shorter, and its own
# maximum length refuses them (tests/security/test_input_bounds.py checks that it is so).
MAX_SCANNED_LENGTH = LONG_TEXT

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
    digits = match.group(0).replace("-", "").replace("+", "")
    if len(digits) == 12:
        if digits[:2] not in {"18", "19", "20"}:
            return False
        digits = digits[2:]
    month = int(digits[2:4])
    day = int(digits[4:6])
    if not 1 <= month <= 12:
        return False
    # A co-ordination number has 60 added to the day of birth.
    if not (1 <= day <= 31 or 61 <= day <= 91):
        return False
    return luhn_ok(digits)


def find_id_numbers(text: str) -> list[str]:
    return [m.group(0) for m in _ID_NUMBER.finditer(text) if _is_id_number(m)]


def _is_phone_number(candidate: str) -> bool:
    digits = len(_NOT_DIGIT.sub("", candidate))
    return 8 <= digits <= 15 and not find_id_numbers(candidate)


def find_phone_numbers(text: str) -> list[str]:
    return [m.group(0).strip() for m in _PHONE.finditer(text) if _is_phone_number(m.group(0))]


def _address(text: str, match: re.Match) -> str:
    start = match.start()
    before = text[max(0, start - 64) : start][::-1]
    end = _NOT_LOCAL.search(before)
    return before[: end.start() if end else len(before)][::-1] + match.group(0)


def find_emails(text: str) -> list[str]:
    return [_address(text, m) for m in _EMAIL.finditer(text)]


def personal_data_problems(text: str) -> list[str]:
    """The reasons the text would be refused, empty if it is fine."""
    if not text or len(text) > MAX_SCANNED_LENGTH:
        return []
    problems = []
    if any(_is_id_number(m) for m in _ID_NUMBER.finditer(text)):
        problems.append(str(ID_NUMBER_MESSAGE))
    if _EMAIL.search(text):
        problems.append(str(EMAIL_MESSAGE))
    if any(_is_phone_number(m.group(0)) for m in _PHONE.finditer(text)):
        problems.append(str(PHONE_MESSAGE))
    return problems


def validate_no_personal_data(value: str) -> None:
    problems = personal_data_problems(value)
    if problems:
        raise ValidationError(problems, code="personal_data")
