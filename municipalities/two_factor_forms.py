"""Forms of two-factor authentication: a code at sign-in, and the first code of a new app."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Kod"),
        max_length=16,
        help_text=gettext_lazy("Sex siffror från appen, eller en av dina reservkoder."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, user, submit_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", submit_label))

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        self.device = match_token(self.user, token)
        if self.device is None:
            raise forms.ValidationError(_("Koden stämmer inte. Försök igen med en ny kod."))
        return token


class ConfirmForm(TokenForm):
    def __init__(self, *args, device: TOTPDevice, **kwargs):
        super().__init__(*args, **kwargs)
        self.totp = device

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not self.totp.verify_token(token):
            raise forms.ValidationError(_("Koden stämmer inte. Försök igen med en ny kod."))
        return token
