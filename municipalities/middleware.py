"""Two-factor enforcement.

A user who has set up an authenticator must confirm a code after the password. When
TWO_FACTOR_REQUIRED is on, coordinators and politicians must set one up before they can use the
service. Sign-out, the two-factor pages themselves and public pages stay reachable.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .access import memberships_of
from .two_factor import has_confirmed_device

OPEN_PREFIXES = (
    "/static/",
    "/healthz",
    "/i18n/",
    "/offentlig/",
    "/tillganglighet/",
    "/accounts/tvafaktor/",
)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect_to = self._redirect(request)
        return redirect(redirect_to) if redirect_to else self.get_response(request)

    def _redirect(self, request) -> str | None:
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        path = request.path
        if path.startswith(OPEN_PREFIXES) or path in (reverse("logout"), reverse("login")):
            return None
        if has_confirmed_device(user):
            return f"{reverse('two_factor_verify')}?next={request.get_full_path()}"
        if settings.TWO_FACTOR_REQUIRED and self._role_requires(request):
            return reverse("two_factor_setup")
        return None

    @staticmethod
    def _role_requires(request) -> bool:
        return any(m.role in settings.TWO_FACTOR_ROLES for m in memberships_of(request))
