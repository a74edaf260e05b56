"""Two-factor authentication with an authenticator app (TOTP) and one-time recovery codes."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
DEVICE_CACHE_SECONDS = 300


def _device_key(user_id: int) -> str:
    return f"two-factor:has-device:{user_id}"


def has_confirmed_device(user) -> bool:
    """Whether the user has an authenticator and so must give a code after the password.

    The middleware asks this on every request. With a cache that every process shares, the
    answer is kept per user and rewritten whenever one of the user's devices is saved or
    deleted (see `forget_devices`); with a cache per process it is read from the database
    each time, since another process would not learn of a new device.
    """
    if not settings.CACHE_SHARED:
        return user_has_device(user, confirmed=True)
    key = _device_key(user.pk)
    found = cache.get(key)
    if found is None:
        found = user_has_device(user, confirmed=True)
        # add(), not set(): if a device changed while this request read the database, the
        # answer written by that change stays.
        cache.add(key, found, DEVICE_CACHE_SECONDS)
    return found


def _store_devices(user_id: int) -> None:
    from django.contrib.auth import get_user_model

    user = get_user_model()(pk=user_id)
    cache.set(_device_key(user_id), user_has_device(user, confirmed=True), DEVICE_CACHE_SECONDS)


def forget_devices(sender, instance, **kwargs) -> None:
    """Signal receiver: a device of this user changed. The cached answer is replaced by the
    new one at once and again after the commit, so a request that read the database in the
    meantime cannot leave the old answer behind."""
    user_id = instance.user_id
    _store_devices(user_id)
    transaction.on_commit(lambda: _store_devices(user_id))


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


def _qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string(encoding="unicode")
    label = _("QR-kod för din autentiseringsapp")
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))  # noqa: S308


@transaction.atomic
def _issue_recovery_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@login_required
def setup(request):
    """Show the status, or set up an authenticator app and issue recovery codes."""
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if confirmed is not None:
        remaining = StaticToken.objects.filter(device__user=request.user).count()
        return render(
            request, "registration/two_factor_status.html", {"remaining_codes": remaining}
        )
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="app", confirmed=False)
    form = ConfirmForm(
        request.POST or None, user=request.user, device=device, submit_label=_("Aktivera")
    )
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _issue_recovery_codes(request.user)
        otp_login(request, device)
        return render(request, "registration/two_factor_codes.html", {"codes": codes})
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "qr": _qr_svg(device),
            "secret": _base32(device),
            "required": settings.TWO_FACTOR_REQUIRED,
        },
        status=400 if request.method == "POST" else 200,
    )


def _base32(device: TOTPDevice) -> str:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
def new_recovery_codes(request):
    if request.method != "POST" or not request.user.is_verified():
        return redirect("two_factor_setup")
    codes = _issue_recovery_codes(request.user)
    return render(request, "registration/two_factor_codes.html", {"codes": codes})


@login_required
def verify(request):
    """The second step of signing in for users with an authenticator."""
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    if not user_has_device(request.user, confirmed=True) or request.user.is_verified():
        cache.delete(_device_key(request.user.pk))
        return redirect(next_url or "home")
    form = TokenForm(request.POST or None, user=request.user, submit_label=_("Fortsätt"))
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        if isinstance(form.device, StaticDevice):
            messages.warning(
                request,
                _("Du loggade in med en reservkod. Den kan inte användas igen."),
            )
        return redirect(next_url or "home")
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": next_url},
        status=400 if request.method == "POST" else 200,
    )
