"""Project-wide URLs and the municipalities app."""

from municipalities.access import Action
from municipalities.models import EmailStatus, Membership, OutgoingEmail, Role
from tests.permissions.matrix import (
    ALLOW,
    EVERY_MEMBER,
    LOGIN,
    ROLES,
    Row,
    allowed,
    public,
)


def _membership(ctx):
    return {"pk": Membership.objects.get(user=ctx.users["politician"], role=Role.POLITICIAN).pk}


def _failed_email(ctx):
    from django.utils import timezone

    email = OutgoingEmail.objects.create(
        municipality=ctx.municipality,
        key="matrix",
        to="matrix@example.se",
        subject="Matris",
        body="…",
        status=EmailStatus.FAILED,
        next_attempt_at=timezone.now(),
    )
    return {"pk": email.pk}


ROWS = [
    Row("home", public()),
    Row("accessibility", public()),
    Row("set_language", public(), method="post", data=lambda ctx, kw: {"language": "sv"}),
    Row("login", public()),
    # Signing out always ends on the sign-in page.
    Row("logout", dict.fromkeys(ROLES, LOGIN), method="post"),
    Row("password_reset", public()),
    Row("password_reset_done", public()),
    Row("password_reset_complete", public()),
    Row(
        "password_reset_confirm",
        public(),
        setup=lambda ctx: {"uidb64": "MQ", "token": "set-password"},
    ),
    Row(
        "password_change",
        {**dict.fromkeys(EVERY_MEMBER + ("outsider",), ALLOW), "anonymous": LOGIN},
    ),
    Row(
        "password_change_done",
        {**dict.fromkeys(EVERY_MEMBER + ("outsider",), ALLOW), "anonymous": LOGIN},
    ),
    Row("healthz", public()),
    Row("public_start", public()),
    Row(
        "two_factor_setup",
        {**dict.fromkeys(EVERY_MEMBER + ("outsider",), ALLOW), "anonymous": LOGIN},
    ),
    Row(
        "two_factor_verify",
        {**dict.fromkeys(EVERY_MEMBER + ("outsider",), ALLOW), "anonymous": LOGIN},
    ),
    Row(
        "two_factor_recovery_codes",
        {**dict.fromkeys(EVERY_MEMBER + ("outsider",), ALLOW), "anonymous": LOGIN},
        method="post",
    ),
    Row("municipality_home", allowed(Action.SEE_MUNICIPALITY)),
    Row("member_list", allowed(Action.MANAGE_MUNICIPALITY)),
    Row("audit_log", allowed(Action.MANAGE_MUNICIPALITY)),
    Row("outbox", allowed(Action.MANAGE_MUNICIPALITY)),
    Row(
        "outbox_retry",
        allowed(Action.MANAGE_MUNICIPALITY),
        method="post",
        setup=_failed_email,
    ),
    Row(
        "member_add",
        allowed(Action.MANAGE_MUNICIPALITY),
        method="post",
        data=lambda ctx, kw: {"username": "matrix-new", "role": Role.COUNCIL},
    ),
    Row("member_remove", allowed(Action.MANAGE_MUNICIPALITY), method="post", setup=_membership),
]
