from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Prefetch

from . import versions
from .models import (
    Area,
    EmailStatus,
    Membership,
    Municipality,
    Organisation,
    OutgoingEmail,
    Place,
)


def member_list(*, municipality: Municipality):
    """Users of a municipality with their roles there, in one query for users and one for roles."""
    User = get_user_model()
    memberships = Membership.objects.for_municipality(municipality).select_related("organisation")
    return (
        User.objects.filter(memberships__municipality=municipality)
        .distinct()
        .order_by("last_name", "first_name", "username")
        .prefetch_related(Prefetch("memberships", queryset=memberships, to_attr="roles_here"))
    )


def organisations(*, municipality: Municipality, reporting_only: bool = False):
    qs = Organisation.objects.for_municipality(municipality).filter(is_active=True)
    if reporting_only:
        qs = qs.filter(reports=True)
    return qs


def areas(*, municipality: Municipality):
    return Area.objects.available_to(municipality).filter(is_active=True).select_related("parent")


def places(*, municipality: Municipality):
    return Place.objects.for_municipality(municipality)


def place_list(*, municipality: Municipality) -> list[Place]:
    """The municipality's places, cached until one of them changes."""
    return versions.cached(
        municipality.pk, "places", lambda: list(places(municipality=municipality))
    )


def outbox_for(*, municipality: Municipality, sent_limit: int = 50):
    """The municipality's e-mails not yet sent (failed first), and the latest sent ones."""
    emails = OutgoingEmail.objects.for_municipality(municipality)
    waiting = emails.unsent().order_by("status", "next_attempt_at", "pk")
    sent = emails.filter(status=EmailStatus.SENT).order_by("-sent_at", "-pk")[:sent_limit]
    return list(waiting), list(sent)
