from django import forms
from django.core.exceptions import ValidationError

from fagersta.forms import add_errors


class _Form(forms.Form):
    title = forms.CharField()


def _form():
    form = _Form({"title": "x"})
    assert form.is_valid()
    return form


def test_it_puts_a_service_error_next_to_its_field():
    form = _form()
    add_errors(form, ValidationError({"title": "Titeln finns redan."}))
    assert form.errors == {"title": ["Titeln finns redan."]}


def test_it_puts_errors_about_unknown_fields_and_no_field_at_the_top():
    form = _form()
    add_errors(form, ValidationError({"status": "Fel status."}))
    add_errors(form, ValidationError("Perioden är stängd."))
    assert form.non_field_errors() == ["Fel status.", "Perioden är stängd."]
