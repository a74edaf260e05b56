import pytest
from django.core.exceptions import ValidationError

from situations.personal_data import (
    find_emails,
    find_id_numbers,
    find_phone_numbers,
    luhn_ok,
    personal_data_problems,
    validate_no_personal_data,
)


def with_check_digit(nine: str) -> str:
    """Complete nine digits YYMMDDNNN with the check digit that makes them valid."""
    for digit in "0123456789":
        if luhn_ok(nine + digit):
            return nine + digit
    raise AssertionError("no check digit found")


def test_luhn_accepts_known_valid_number():
    assert luhn_ok("8112189876")


def test_luhn_rejects_changed_check_digit():
    assert not luhn_ok("8112189875")


@pytest.mark.parametrize(
    "text",
    [
        "19811218-9876",
        "811218-9876",
        "8112189876",
        "198112189876",
        "811218+9876",
        "Eleven med nummer 19811218-9876 har synts vid torget.",
    ],
)
def test_it_finds_valid_personal_identity_numbers(text):
    assert find_id_numbers(text)


def test_it_finds_coordination_numbers_with_sixty_added_to_the_day():
    number = with_check_digit("811278987")  # day 18 + 60
    assert find_id_numbers(f"samordningsnummer {number[:6]}-{number[6:]}")
    assert find_id_numbers(f"19{number}")


@pytest.mark.parametrize(
    "text",
    [
        "19811218-9875",  # wrong check digit
        "811218-9871",
        "2021-12-18",
        "20211218",
        "Under år 2021 kom 187 svar från invånare i åldern 40–59 år.",
        "v. 12–14 2021",
        "45 unga kom, 2 000 visningar",
        "kl 18-22 på helger",
        "19811318-9876",  # month 13
    ],
)
def test_it_does_not_flag_dates_years_counts_or_invalid_numbers(text):
    assert not find_id_numbers(text)
    assert personal_data_problems(text) == []


def test_an_invalid_month_is_not_a_number_even_with_valid_luhn():
    nine = "811318987"
    assert not find_id_numbers(with_check_digit(nine))


@pytest.mark.parametrize(
    "text", ["070-123 45 67", "+46 70 123 45 67", "0223-123 45", "ring 08-123 456 78", "0701234567"]
)
def test_it_finds_phone_numbers(text):
    assert find_phone_numbers(text)


@pytest.mark.parametrize("text", ["rektor.namn@skola.fagersta.se", "kontakt: a_b+c@example.com"])
def test_it_finds_email_addresses(text):
    assert find_emails(text)


def test_the_validator_says_why_in_swedish():
    with pytest.raises(ValidationError) as caught:
        validate_no_personal_data("Ring 070-123 45 67 eller mejla a@b.se om 19811218-9876")
    text = " ".join(caught.value.messages)
    assert "personnummer eller samordningsnummer" in text
    assert "telefonnummer" in text
    assert "e-postadress" in text


def test_the_validator_accepts_ordinary_text():
    validate_no_personal_data(
        "Oro kring bensinstationen vid riksväg 66 på fredagskvällar, vecka 43 2021."
    )
