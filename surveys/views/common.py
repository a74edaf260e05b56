"""Helpers shared by the member views: who may read and write, and form errors from
services."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from municipalities.models import Role

READ = [Role.COORDINATOR, Role.COUNCIL, Role.POLITICIAN]
WRITE = [Role.COORDINATOR]


def add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def can_write(request) -> bool:
    return Role.COORDINATOR in request.roles
