"""Access helpers every app uses.

A view of municipality data is wrapped in `municipality_view(...)`. A municipality the user is
not a member of answers 404, indistinguishable from one that does not exist; a member without
one of the required roles gets 403.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Membership, Municipality, Role

READ_ROLES = frozenset(Role.values)
STAFF_ROLES = frozenset({Role.COORDINATOR, Role.COUNCIL, Role.POLITICIAN})


def memberships_of(request) -> list[Membership]:
    """The signed-in user's memberships with their municipalities, read once per request.

    The access check, the role check, the municipality switcher and the two-factor rule all
    answer from this one query.
    """
    found = getattr(request, "_memberships", None)
    if found is None:
        found = list(
            Membership.objects.filter(user=request.user)
            .select_related("municipality")
            .order_by("municipality__name", "municipality_id")
        )
        request._memberships = found
    return found


def organisation_ids_of(request, municipality: Municipality, role: str) -> set[int]:
    """The organisations the signed-in user holds `role` for in `municipality`."""
    return {
        m.organisation_id
        for m in memberships_of(request)
        if m.municipality_id == municipality.pk and m.role == role and m.organisation_id
    }


def municipalities_of(request) -> list[Municipality]:
    """The municipalities the signed-in user belongs to, by name, each once."""
    seen = {}
    for membership in memberships_of(request):
        seen.setdefault(membership.municipality_id, membership.municipality)
    return list(seen.values())


def municipality_view(roles: Iterable[str] = READ_ROLES):
    """Resolve the `municipality` URL argument for the signed-in user and check the role.

    The view receives the Municipality object instead of the slug; `request.municipality`
    and `request.roles` are set for templates and forms.
    """
    allowed = frozenset(roles)

    def decorator(view):
        @wraps(view)
        def wrapper(request, municipality: str, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            here = [m for m in memberships_of(request) if m.municipality.slug == municipality]
            if not here:
                raise Http404
            found = here[0].municipality
            user_roles = {m.role for m in here}
            if not user_roles & allowed:
                raise PermissionDenied
            request.municipality = found
            request.roles = user_roles
            return view(request, found, *args, **kwargs)

        wrapper.allowed_roles = allowed
        return wrapper

    return decorator


def get_scoped_or_404(queryset, municipality: Municipality, **lookup):
    """Fetch one object of `municipality` or 404, whatever exists in other municipalities."""
    return get_object_or_404(queryset.for_municipality(municipality), **lookup)


def require_role(request, *roles: str) -> None:
    """For views that allow reading to many roles but writing to few."""
    if not request.roles & set(roles):
        raise PermissionDenied


def public_municipality_or_404(slug: str) -> Municipality:
    municipality = Municipality.objects.filter(slug=slug).first()
    if municipality is None:
        raise Http404
    return municipality
