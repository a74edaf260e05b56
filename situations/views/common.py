"""What the lägesbild views share: form errors, the guidelines check."""

from __future__ import annotations

from municipalities.access import Action, can

from .. import selectors


def all_valid(forms_) -> bool:
    # Every form is validated, so that all errors show at once, not only the first.
    results = [f.is_valid() for f in forms_]
    return all(results)


def needs_guidelines(request, municipality) -> bool:
    """A reporter who has not yet read the group's guidelines is shown them first."""
    # Whether the reporter has read them is asked first: for nearly everyone it settles it.
    return (
        not can(request, Action.READ_ALL_REPORTS)
        and not selectors.has_read_guidelines(user=request.user, municipality=municipality)
        and selectors.guidelines_for(municipality=municipality) is not None
    )


def year_param(request, default: int) -> int:
    """The year asked for in `?ar=`, or the default for anything that is not a sensible year."""
    try:
        year = int(request.GET.get("ar", default))
    except ValueError:
        return default
    return year if 1990 <= year <= 2200 else default
