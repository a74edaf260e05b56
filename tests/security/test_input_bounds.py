"""Every input is bounded before a validator, a computation or a database column sees it.

- Every text field of every form has a maximum length, and the personal-data check never reads
  more than the longest of them.
- Every date field of every form is the shared one (1900-01-01 to 2200-12-31); impossible and
  out-of-range dates are refused at the field with a Swedish message.
- Sign-in: a user name longer than the lock-out's column (255) answered 500 on PostgreSQL.
- The request body has a size limit, answered 400/413 with a page in Swedish.

The same bounds are swept over every URL by test_hostile_input.
"""

from __future__ import annotations

import pytest
from django import forms
from django.apps import apps
from django.contrib.auth import forms as auth_forms
from django.db import models
from django.urls import reverse

from fagersta import bounds
from situations.personal_data import MAX_SCANNED_LENGTH, validate_no_personal_data
from tests.security.test_hostile_input import PROJECT_APPS, _form_classes

pytestmark = pytest.mark.django_db


def _form_fields():
    """The fields of every form of the project; Django's sign-in and password forms set their
    lengths when they are built, so those are looked at built."""
    from municipalities import forms as account_forms

    for form in _form_classes():
        if not form.__module__.startswith(tuple(PROJECT_APPS)):
            continue  # Django's own, imported to be subclassed
        if issubclass(form, auth_forms.AuthenticationForm):
            fields = form().fields
        elif issubclass(form, auth_forms.SetPasswordForm):
            fields = form(user=None).fields
        else:
            fields = form.base_fields
        for name, field in fields.items():
            yield f"{form.__module__}.{form.__name__}.{name}", field
    assert account_forms.SignInForm in set(_form_classes())


def test_every_text_field_of_every_form_has_a_maximum_length():
    unbounded = [
        name
        for name, field in _form_fields()
        if isinstance(field, forms.CharField) and field.max_length is None
    ]
    assert not unbounded, f"text fields without a maximum length: {unbounded}"


def test_every_text_filter_has_a_maximum_length(municipality):
    from measures.filters import MeasureFilter
    from measures.models import Measure

    filters = MeasureFilter(municipality=municipality, queryset=Measure.objects.none()).form.fields
    unbounded = [
        name
        for name, field in filters.items()
        if isinstance(field, forms.CharField) and field.max_length is None
    ]
    assert not unbounded, f"filters without a maximum length: {unbounded}"


def test_every_text_column_that_a_form_writes_has_a_maximum_length():
    unbounded = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label
        in ("municipalities", "situations", "promises", "measures", "surveys", "reports")
        and not model.__name__.startswith("Historical")
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField)
        and field.editable
        and field.max_length is None
        # Written by the service itself, never from a form.
        and f"{model.__name__}.{field.name}"
        not in {
            "ReportJob.error",
            "CalendarReminder.recipients",
            "OutgoingEmail.body",
            "OutgoingEmail.error",
        }
    ]
    assert not unbounded, f"text columns without a maximum length: {unbounded}"


def test_the_personal_data_check_only_guards_fields_shorter_than_what_it_scans():
    guarded = [
        (name, field.max_length)
        for name, field in _form_fields()
        if validate_no_personal_data in field.validators
    ]
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if validate_no_personal_data in getattr(field, "validators", []):
                guarded.append((f"{model.__name__}.{field.name}", field.max_length))
    assert guarded
    too_long = [
        (name, length) for name, length in guarded if not length or length > MAX_SCANNED_LENGTH
    ]
    assert not too_long, f"fields the check would not scan: {too_long}"


def test_every_date_field_of_every_form_is_the_bounded_one():
    plain = [
        name
        for name, field in _form_fields()
        if isinstance(field, forms.DateField) and not isinstance(field, bounds.DateField)
    ]
    assert not plain, f"date fields without the shared range: {plain}"


def test_every_date_column_checks_the_range():
    plain = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if type(field) is models.DateField
        and model._meta.app_label in ("situations", "promises", "measures", "surveys")
    ]
    assert not plain, f"date columns without the shared range: {plain}"


@pytest.mark.parametrize(
    "value, message",
    [
        ("2021-02-30", "Fyll i ett giltigt datum."),
        ("10000-01-01", "Fyll i ett giltigt datum."),
        ("31/12/2021", "Fyll i ett giltigt datum."),
        ("0001-01-01", "Ange ett datum mellan 1900-01-01 och 2200-12-31."),
        ("9999-12-31", "Ange ett datum mellan 1900-01-01 och 2200-12-31."),
        ("1899-12-31", "Ange ett datum mellan 1900-01-01 och 2200-12-31."),
        ("2201-01-01", "Ange ett datum mellan 1900-01-01 och 2200-12-31."),
    ],
)
def test_the_shared_date_field_refuses_impossible_and_distant_dates(value, message):
    field = bounds.DateField()
    with pytest.raises(forms.ValidationError) as caught:
        field.clean(value)
    assert caught.value.messages == [message]


def test_the_shared_date_field_takes_the_ends_of_the_range():
    field = bounds.DateField()
    assert field.clean("1900-01-01") == bounds.MIN_DATE
    assert field.clean("2200-12-31") == bounds.MAX_DATE


# Sign-in ----------------------------------------------------------------------------------


def test_a_256_character_user_name_is_refused_at_the_field(client):
    from axes.models import AccessAttempt

    response = client.post(reverse("login"), {"username": "x" * 256, "password": "hemligt"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Säkerställ att detta värde har som mest 150 tecken (den har 256)." in page
    assert 'maxlength="150"' in page
    assert not AccessAttempt.objects.filter(username__startswith="xxxx").exists()


def test_a_huge_password_is_refused_at_the_field(client):
    response = client.post(reverse("login"), {"username": "rapportor", "password": "p" * 100_000})
    assert response.status_code == 200
    assert "har som mest 1024 tecken" in response.content.decode()


def test_the_admin_sign_in_bounds_the_user_name_too(client):
    response = client.post(
        reverse("admin:login"), {"username": "x" * 256, "password": "hemligt", "next": "/admin/"}
    )
    assert response.status_code == 200
    assert "har som mest 150 tecken" in response.content.decode()


def test_a_long_but_allowed_user_name_is_an_ordinary_failed_sign_in(client):
    from axes.models import AccessAttempt

    response = client.post(reverse("login"), {"username": "x" * 150, "password": "hemligt"})
    assert response.status_code == 200
    assert AccessAttempt.objects.filter(username="x" * 150).exists()


def test_new_passwords_are_bounded(client_for, reporter):
    response = client_for(reporter).post(
        reverse("password_change"),
        {"old_password": "o" * 2000, "new_password1": "n" * 2000, "new_password2": "n" * 2000},
    )
    assert response.status_code == 200
    assert response.content.decode().count("har som mest 1024 tecken") == 3


# Request bodies ---------------------------------------------------------------------------


def test_a_body_over_the_field_limit_is_answered_400_in_swedish(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post(reverse("login"), {"username": "x" * 20_000, "password": "y"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Felaktig begäran" in page
    assert 'lang="sv"' in page


def test_too_many_fields_are_answered_400(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    response = client.post(reverse("login"), {f"f{n}": "x" for n in range(100)})
    assert response.status_code == 400
    assert "Felaktig begäran" in response.content.decode()


def test_a_body_over_the_request_limit_is_answered_413_before_it_is_read(client, settings):
    settings.REQUEST_MAX_BYTES = 1000
    response = client.post(
        reverse("login"),
        data=b"x" * 2000,
        content_type="application/octet-stream",
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "För mycket data" in page
    assert "högst 1 MB åt gången" in page


def test_the_default_limits_hold_a_whole_annual_report_but_not_a_flood(settings):
    # Four sections of the longest text, every character escaped as three bytes in a URL.
    assert 4 * bounds.LONG_TEXT * 9 < settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2 * 1024 * 1024
    assert settings.SURVEYS_PHOTO_MAX_BYTES < settings.REQUEST_MAX_BYTES <= 16 * 1024 * 1024


def test_a_posted_form_count_builds_no_more_commitment_forms_than_a_promise_can_have(
    municipality,
):
    """TOTAL_FORMS is the client's to set: unbounded, 2 000 forms were built for one post."""
    from promises.forms import MAX_COMMITMENTS, commitment_formset

    data = {"c-TOTAL_FORMS": "99999", "c-INITIAL_FORMS": "0"}
    formset = commitment_formset(data, municipality=municipality)
    assert len(formset.forms) == MAX_COMMITMENTS
    assert not formset.is_valid()
