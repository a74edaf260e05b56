"""Access helpers every app uses, and the rights table of the product.

A view of municipality data is wrapped in `municipality_view(action)`. A municipality the user
is not a member of answers 404, indistinguishable from one that does not exist; a member whose
roles do not grant the action gets 403. Views and templates ask `can(request, action)` (in
templates `{% if can.manage_measures %}`), never for a role by name, so that who may do what is
written here once.
"""

from __future__ import annotations

from enum import StrEnum
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Membership, Municipality, Role

EVERY_MEMBER = frozenset(Role)
STAFF = frozenset({Role.COORDINATOR, Role.COUNCIL, Role.POLITICIAN})
COORDINATORS = frozenset({Role.COORDINATOR})
REPORTERS = frozenset({Role.REPORTER})
POLITICIANS = frozenset({Role.POLITICIAN})
PROMISE_AUTHORS = frozenset({Role.COORDINATOR, Role.COUNCIL})


class Action(StrEnum):
    """What a member may do within their own municipality (the rights table of DESIGN.md §2)."""

    SEE_MUNICIPALITY = "see_municipality"
    FILE_OWN_REPORT = "file_own_report"
    FILE_REPORTS = "file_reports"
    FILE_ALL_REPORTS = "file_all_reports"
    READ_ALL_REPORTS = "read_all_reports"
    READ_LAGESBILD = "read_lagesbild"
    COMPILE_LAGESBILD = "compile_lagesbild"
    READ_PROBLEMS = "read_problems"
    MANAGE_PROBLEMS = "manage_problems"
    READ_PROMISES = "read_promises"
    WRITE_PROMISES = "write_promises"
    DECIDE = "decide"
    READ_MEASURES = "read_measures"
    MANAGE_MEASURES = "manage_measures"
    READ_SURVEYS = "read_surveys"
    MANAGE_SURVEYS = "manage_surveys"
    READ_REPORTS = "read_reports"
    MANAGE_REPORTS = "manage_reports"
    MANAGE_MUNICIPALITY = "manage_municipality"


RIGHTS: dict[Action, frozenset[Role]] = {
    Action.SEE_MUNICIPALITY: EVERY_MEMBER,
    # A reporter files for their own organisations; the coordinator for all of them.
    Action.FILE_OWN_REPORT: REPORTERS,
    Action.FILE_REPORTS: REPORTERS | COORDINATORS,
    Action.FILE_ALL_REPORTS: COORDINATORS,
    # Every organisation's reports and the lägesbild before it is published.
    Action.READ_ALL_REPORTS: STAFF,
    # Reporters read what is published (periods, the published lägesbild, the guidelines).
    Action.READ_LAGESBILD: EVERY_MEMBER,
    Action.COMPILE_LAGESBILD: COORDINATORS,
    Action.READ_PROBLEMS: STAFF,
    Action.MANAGE_PROBLEMS: COORDINATORS,
    Action.READ_PROMISES: STAFF,
    Action.WRITE_PROMISES: PROMISE_AUTHORS,
    # Approving or returning promises and the action plan.
    Action.DECIDE: POLITICIANS,
    Action.READ_MEASURES: STAFF,
    Action.MANAGE_MEASURES: COORDINATORS,
    Action.READ_SURVEYS: STAFF,
    Action.MANAGE_SURVEYS: COORDINATORS,
    # Dashboards, comparisons and the annual report download.
    Action.READ_REPORTS: STAFF,
    # Generating the annual report, exports.
    Action.MANAGE_REPORTS: COORDINATORS,
    # Members, the audit log, period settings.
    Action.MANAGE_MUNICIPALITY: COORDINATORS,
}


def roles_for(action: Action | str) -> frozenset[Role]:
    """The roles that grant `action`; an unknown action is a programming error."""
    return RIGHTS[Action(action)]


def can(request, action: Action | str) -> bool:
    """Whether the signed-in user may do `action` in the municipality of this request."""
    roles: frozenset[str] | set[str] = getattr(request, "roles", frozenset())
    return bool(roles & roles_for(action))


def require(request, action: Action | str) -> None:
    """403 unless `can(request, action)`: for views that many roles read and few may change."""
    if not can(request, action):
        raise PermissionDenied


class UnknownAction(RuntimeError):
    """Raised, not swallowed, when a template asks for an action that does not exist."""


class Rights:
    """`can` for templates: `{% if can.manage_measures %}`.

    A misspelt action raises instead of being read as false by the template engine, which
    would hide a button without anyone noticing.
    """

    def __init__(self, roles):
        self._roles = frozenset(roles)

    def __getitem__(self, action: str) -> bool:
        try:
            allowed = RIGHTS[Action(action)]
        except ValueError:
            raise UnknownAction(action) from None
        return bool(self._roles & allowed)


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
    seen: dict[int, Municipality] = {}
    for membership in memberships_of(request):
        seen.setdefault(membership.municipality_id, membership.municipality)
    return list(seen.values())


def municipality_view(action: Action = Action.SEE_MUNICIPALITY):
    """Resolve the `municipality` URL argument for the signed-in user and check the right.

    The view receives the Municipality object instead of the slug; `request.municipality`
    and `request.roles` are set for templates and forms.
    """
    allowed = roles_for(action)

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

        wrapper.action = Action(action)  # type: ignore[attr-defined]
        return wrapper

    return decorator


def get_scoped_or_404(queryset, municipality: Municipality, **lookup):
    """Fetch one object of `municipality` or 404, whatever exists in other municipalities."""
    return get_object_or_404(queryset.for_municipality(municipality), **lookup)


def public_municipality_or_404(slug: str) -> Municipality:
    municipality = Municipality.objects.filter(slug=slug).first()
    if municipality is None:
        raise Http404
    return municipality
