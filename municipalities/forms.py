from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import Role


class MembershipForm(forms.Form):
    username = forms.CharField(
        label=_("Användarnamn"), max_length=150, validators=[UnicodeUsernameValidator()]
    )
    first_name = forms.CharField(label=_("Förnamn"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-post"),
        required=False,
        help_text=_("En ny användare får ett mejl med en länk för att välja lösenord."),
    )
    role = forms.ChoiceField(label=_("Roll"), choices=Role.choices)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False)
    is_deputy = forms.BooleanField(label=_("Ersättare för samordnaren"), required=False)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = selectors.organisations(municipality=municipality)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Lägg till")))
