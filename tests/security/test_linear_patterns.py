"""Every pattern that reads user text runs in time linear in its length.

A pattern that backtracks quadratically let one reporter freeze the site: the e-mail pattern of
the personal-data check took 1 s on 20 000 characters and 27 s on 100 000. Here every scanner
gets 1 MB of the inputs that make such patterns slow (long runs of letters, digits, dots, `@`,
spaces, and their mixtures) and must finish in under 50 ms. The patterns are found, not
listed: every compiled pattern at module level in the project's code and every pattern
validator on a model or form field is run as well.

Text that is nothing but candidates (an address or a number every few characters) costs a
check per candidate, however the pattern is written; there the time must grow linearly.
"""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
import random
import re
import time

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, RegexValidator

from situations import personal_data
from surveys import services as survey_services
from tests.security.test_hostile_input import PROJECT_APPS, _form_classes

SIZE = 1024 * 1024
LIMIT_SECONDS = 0.05


def _fill(unit: str) -> str:
    return (unit * (SIZE // len(unit) + 1))[:SIZE]


def _mixture(alphabet: str, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(alphabet) for _ in range(SIZE))


ADVERSARIAL = {
    "letters": _fill("a"),
    "swedish letters": _fill("å"),
    "digits": _fill("1"),
    "zeros": _fill("0"),
    "dots": _fill("."),
    "at signs": _fill("@"),
    "spaces": _fill(" "),
    "plus signs": _fill("+"),
    "letter-at": _fill("a@"),
    "letter-dot": _fill("a."),
    "address without a dot": _fill("a")[: SIZE // 2] + "@" + _fill("b")[: SIZE // 2],
    "addresses without a domain": _fill("a@a"),
    "dates with hyphen": _fill("19811218-"),
    "quarters": _fill("2021 K"),
    "quotes and commas": _fill(',"'),
    "mixture": _mixture("a1.@ 0+-()", seed=1),
    "word mixture": _mixture("aå0.@-_+", seed=2),
}
# An address, a number with a wrong check digit, a phone number, digits grouped like one:
# each a candidate to check.
DENSE = {
    "addresses": "a@a.",
    "numbers with a wrong check digit": "811218-9875 ",
    "phone numbers": "070-123 45 67 ",
    "zero-space": "0 ",
    "zero-hyphen": "0-",
    "zero-bracket": "0(",
}


def _project_patterns() -> dict[str, re.Pattern]:
    """Every compiled pattern at module level in the project's own code."""
    found = {}
    for label in PROJECT_APPS + ["fagersta"]:
        package = importlib.import_module(label)
        for info in pkgutil.walk_packages(package.__path__, f"{label}."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern):
                    found[f"{info.name}.{name}"] = value
    return found


def _field_validators() -> dict[str, object]:
    """Every pattern validator on a model or form field (Django's e-mail validator included)."""
    found = {}
    kinds = (RegexValidator, EmailValidator)
    for model in apps.get_models():
        for field in model._meta.get_fields():
            for validator in getattr(field, "validators", []):
                if isinstance(validator, kinds):
                    found[f"{model.__name__}.{field.name}"] = validator
    for form in _form_classes():
        for name, field in form.base_fields.items():
            for validator in field.validators:
                if isinstance(validator, kinds):
                    found[f"{form.__name__}.{name}"] = validator
    found["forms.EmailField"] = forms.EmailField().validators[0]
    return found


def _run_validator(validator):
    def run(text):
        with contextlib.suppress(ValidationError):
            validator(text)

    return run


def _search(pattern: re.Pattern):
    # How the pattern is used is not known here; a search that finds nothing tries every
    # position, which is where a backtracking pattern shows.
    return lambda text: pattern.search(text)


def _in_pieces(text: str) -> None:
    # The validator scans no text longer than MAX_SCANNED_LENGTH; over the whole megabyte in
    # pieces of that size it does all the scanning a megabyte of fields can cause.
    step = personal_data.MAX_SCANNED_LENGTH
    for start in range(0, len(text), step):
        personal_data.personal_data_problems(text[start : start + step])


def _period_labels(text: str) -> None:
    with contextlib.suppress(ValueError):
        survey_services._period_start(text, "")


def _csv(text: str) -> None:
    with contextlib.suppress(ValidationError):
        survey_services._read_rows("period;värde\n" + text)


SCANNERS = {
    "find_id_numbers": personal_data.find_id_numbers,
    "find_phone_numbers": personal_data.find_phone_numbers,
    "find_emails": personal_data.find_emails,
    "personal_data_problems": personal_data.personal_data_problems,
    "period label of an import": _period_labels,
    "delimiter of an import": survey_services._delimiter,
    "rows of an import": _csv,
}
SCANNERS |= {f"pattern {name}": _search(pattern) for name, pattern in _project_patterns().items()}
SCANNERS |= {
    f"validator of {name}": _run_validator(validator)
    for name, validator in _field_validators().items()
}


def _seconds(scanner, text: str, clock=time.perf_counter) -> float:
    """The best of three runs: the cost of the scan itself, not of what else the machine is
    busy with at that moment."""
    best = float("inf")
    for _ in range(3):
        started = clock()
        scanner(text)
        best = min(best, clock() - started)
        if best < LIMIT_SECONDS:
            break
    return best


def test_the_personal_data_patterns_and_the_import_are_among_the_scanners():
    names = set(SCANNERS)
    assert "pattern situations.personal_data._EMAIL" in names
    assert "pattern surveys.services._QUARTER" in names
    assert "validator of Municipality.code" in names


@pytest.mark.parametrize("scanner", sorted(SCANNERS))
def test_each_scanner_takes_under_50_ms_on_a_megabyte_of_hostile_text(scanner):
    slow = {}
    for name, text in ADVERSARIAL.items():
        seconds = _seconds(SCANNERS[scanner], text)
        if seconds >= LIMIT_SECONDS:
            slow[name] = f"{seconds * 1000:.0f} ms"
    assert not slow, f"{scanner} is slow on 1 MB of: {slow}"


@pytest.mark.parametrize("scanner", sorted(SCANNERS | {"in pieces": _in_pieces}))
def test_each_scanner_takes_linear_time_on_text_of_nothing_but_candidates(scanner):
    """Ten times the text takes about ten times as long (a quadratic scan: a hundred). Counted
    in processor time, which other work on the machine does not inflate."""
    run = SCANNERS.get(scanner, _in_pieces)
    slow = {}
    for name, unit in DENSE.items():
        small = _seconds(run, _fill(unit)[: SIZE // 10], clock=time.thread_time)
        large = _seconds(run, _fill(unit), clock=time.thread_time)
        if large > 0.01 and large > 25 * small:
            slow[name] = f"{small * 1000:.1f} ms for 100 kB, {large * 1000:.0f} ms for 1 MB"
    assert not slow, f"{scanner} grows faster than the text: {slow}"


def test_the_validator_refuses_nothing_it_did_not_scan():
    """Texts longer than the scanned length are left to the field's own maximum length, which
    test_input_bounds checks is always shorter."""
    assert personal_data.personal_data_problems("x" * (personal_data.MAX_SCANNED_LENGTH + 1)) == []
    assert personal_data.personal_data_problems("ring 070-123 45 67") != []
