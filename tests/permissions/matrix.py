"""The permission matrix: what every URL answers to every role, declared in one table per app.

Each app lists its URLs in `tests/permissions/matrix_<app>.py` as `ROWS = [Row(...), ...]`.
`test_matrix.py` walks the URL configuration; a URL without a row fails the test.

A cell is one of:
- ALLOW  – the view does its work (any status but 403/404/5xx and no redirect to sign-in);
- DENY   – 403, a member without the right role;
- HIDDEN – 404, the object or municipality is not the user's;
- LOGIN  – redirect to the sign-in page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from municipalities.access import Action, roles_for

ALLOW = "allow"
DENY = "deny"
HIDDEN = "hidden"
LOGIN = "login"

ROLES = ("anonymous", "reporter", "coordinator", "council", "politician", "outsider")


@dataclass
class Context:
    """What a row's `setup` gets: the municipality under test, its reporting organisation and
    one user per role (`users["reporter"]` reports for `organisation`)."""

    municipality: Any
    organisation: Any
    users: dict[str, Any]


@dataclass
class Row:
    name: str
    expect: dict[str, str]
    method: str = "get"
    setup: Callable[[Context], dict[str, Any]] = field(default=lambda ctx: {})
    data: Callable[[Context, dict[str, Any]], dict[str, Any]] = field(
        default=lambda ctx, kwargs: {}
    )

    def __post_init__(self):
        missing = set(ROLES) - set(self.expect)
        if missing:
            raise ValueError(f"{self.name}: no expectation for {sorted(missing)}")


def members_only(*writers: str, readers: tuple[str, ...] = ()) -> dict[str, str]:
    """Expectations for a view under /k/<municipality>/: `writers` and `readers` are allowed,
    other members are denied, outsiders see 404 and anonymous users are sent to sign in."""
    allowed = set(writers) | set(readers)
    cells = {
        role: ALLOW if role in allowed else DENY
        for role in ("reporter", "coordinator", "council", "politician")
    }
    return {"anonymous": LOGIN, "outsider": HIDDEN, **cells}


def allowed(*actions: Action) -> dict[str, str]:
    """Expectations for a view under /k/<municipality>/ that is open to the roles the rights
    table (`municipalities.access.RIGHTS`) grants any of `actions`; what that table says is
    itself stated, role by role, in `tests/municipalities/test_access.py`."""
    roles = set().union(*(roles_for(action) for action in actions))
    return members_only(*sorted(role.value for role in roles))


def public() -> dict[str, str]:
    return dict.fromkeys(ROLES, ALLOW)


EVERY_MEMBER = ("reporter", "coordinator", "council", "politician")
