"""Pages of two-factor authentication: set up an authenticator app, give a code at sign-in,
get new recovery codes.

Nothing is stored before the user posts the first code: the key of the app being set up waits
in the session, so that opening the page (or a crawler or prefetch doing so) creates no device.
"""

from __future__ import annotations

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from fagersta.redirects import safe_next

from .two_factor import forget_cached_answer, issue_recovery_codes
from .two_factor_forms import ConfirmForm, TokenForm

PENDING_KEY = "two-factor-pending-key"


def _qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string(encoding="unicode")
    label = _("QR-kod för din autentiseringsapp")
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))  # noqa: S308


def _base32(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _device_being_set_up(request) -> TOTPDevice:
    """The app the user is setting up: unsaved until the first code is posted.

    An unconfirmed device left from before is reused so that an app already scanned keeps
    working.
    """
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is not None:
        return device
    key = request.session.get(PENDING_KEY)
    if not isinstance(key, str):
        key = default_key()
        request.session[PENDING_KEY] = key
    return TOTPDevice(user=request.user, name="app", key=key, confirmed=False)


@login_required
def setup(request):
    """Show the status, or set up an authenticator app and issue recovery codes."""
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if confirmed is not None:
        remaining = StaticToken.objects.filter(device__user=request.user).count()
        return render(
            request, "registration/two_factor_status.html", {"remaining_codes": remaining}
        )
    device = _device_being_set_up(request)
    if request.method == "POST" and device.pk is None:
        # Saved now, so that wrong codes are throttled like those of any device.
        device.save()
    form = ConfirmForm(
        request.POST or None, user=request.user, device=device, submit_label=_("Aktivera")
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = issue_recovery_codes(request.user)
        request.session.pop(PENDING_KEY, None)
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


@login_required
def new_recovery_codes(request):
    if request.method != "POST" or not request.user.is_verified():
        return redirect("two_factor_setup")
    codes = issue_recovery_codes(request.user)
    return render(request, "registration/two_factor_codes.html", {"codes": codes})


@login_required
def verify(request):
    """The second step of signing in for users with an authenticator."""
    next_url = safe_next(request, request.GET.get("next") or request.POST.get("next"))
    if not user_has_device(request.user, confirmed=True) or request.user.is_verified():
        forget_cached_answer(request.user.pk)
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
