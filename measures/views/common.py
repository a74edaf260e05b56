from __future__ import annotations

from django.core.exceptions import ValidationError


def add_errors(form, exc: ValidationError) -> None:
    """Show a service's validation errors next to the fields they concern."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
