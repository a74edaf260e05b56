"""Form helpers every app uses."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def add_errors(form, exc: ValidationError) -> None:
    """Show a service's validation errors next to the fields they concern.

    An error about a field the form does not show, or about no field, goes to the top of the
    form, so that nothing a service refused is left unsaid.
    """
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
