from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from fagersta.site import site_url

from . import outbox
from .models import Membership, Municipality, Organisation, Role


@transaction.atomic
def membership_add(
    *,
    actor,
    municipality: Municipality,
    username: str,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    organisation: Organisation | None,
    is_deputy: bool = False,
) -> Membership:
    """Give a user a role in the municipality, creating the account if it is new.

    A new account gets no password; the person is e-mailed a link to choose one.
    """
    User = get_user_model()
    found = User.objects.filter(username__iexact=username).first()
    created = found is None
    if found is None:
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.full_clean()
        user.save()
    else:
        user = found
    if Membership.objects.filter(user=user, municipality=municipality, role=role).exists():
        raise ValidationError({"role": _("Personen har redan den rollen i kommunen.")})
    membership = Membership(
        user=user,
        municipality=municipality,
        role=role,
        organisation=organisation,
        is_deputy=is_deputy and role == Role.COORDINATOR,
    )
    membership.full_clean()
    membership.save()
    if created and user.email:
        _queue_welcome(user, municipality)
    return membership


def _queue_welcome(user, municipality: Municipality) -> None:
    # Django's password-reset form skips accounts without a usable password, which is exactly
    # what a new account is, so the link is built here with the same token generator. The link
    # comes from SITE_URL: a Host header chosen by whoever sent the request must never decide
    # where a password link points.
    context = {
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "site_url": site_url(),
    }
    subject, body = outbox.render_email(
        "registration/welcome_subject.txt", "registration/welcome_email.txt", context
    )
    outbox.email_queue(
        key=f"municipalities.welcome:{user.pk}",
        to=user.email,
        subject=subject,
        body=body,
        municipality=municipality,
    )


@transaction.atomic
def membership_remove(*, actor, membership: Membership) -> None:
    if membership.role == Role.COORDINATOR:
        # Two coordinators removing each other at once: the lock makes the second one see
        # the first removal, so the municipality never ends up without a coordinator.
        coordinators = list(
            Membership.objects.for_municipality(membership.municipality)
            .filter(role=Role.COORDINATOR)
            .select_for_update()
            .values_list("pk", flat=True)
        )
        if membership.pk not in coordinators:
            return
        if len(coordinators) < 2:
            raise ValidationError(_("Kommunen måste ha minst en samordnare."))
    membership.delete()
