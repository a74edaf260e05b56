from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from fagersta.site import site_url

from . import outbox, selectors
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
        max_length=254,
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


# The longest password accepted: far beyond any passphrase, short enough that hashing and the
# password validators (which compare it with the user's name) stay quick.
MAX_PASSWORD_LENGTH = 1024


def _bound(field: forms.Field, max_length: int) -> None:
    """Give a field of one of Django's forms a maximum length that is enforced.

    Django sets the user name's maximum length on these forms after the field is built, so it
    reaches the widget but not the validators; and their password fields have none."""
    field.max_length = max_length
    field.validators.append(MaxLengthValidator(max_length))
    field.widget.attrs["maxlength"] = str(max_length)


class SignInForm(AuthenticationForm):
    """Sign-in with its lengths enforced before anything is looked up: a user name longer than
    the lock-out's column (255 characters) used to reach it and fail there."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bound(self.fields["username"], self.username_field.max_length or 150)
        _bound(self.fields["password"], MAX_PASSWORD_LENGTH)


class AdminSignInForm(AdminAuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bound(self.fields["username"], self.username_field.max_length or 150)
        _bound(self.fields["password"], MAX_PASSWORD_LENGTH)


class NewPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("new_password1", "new_password2"):
            _bound(self.fields[name], MAX_PASSWORD_LENGTH)


class ChangePasswordForm(PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("old_password", "new_password1", "new_password2"):
            _bound(self.fields[name], MAX_PASSWORD_LENGTH)


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the link from SITE_URL and the e-mail sent via the outbox."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        context = {**context, "site_url": site_url()}
        subject, body = outbox.render_email(subject_template_name, email_template_name, context)
        outbox.email_queue(
            key=f"municipalities.password_reset:{context['uid']}:{context['token']}",
            to=to_email,
            subject=subject,
            body=body,
        )
