"""Work queued after a write, and the e-mail outbox every app sends through.

Background work is queued the same way everywhere: the write stores a row that describes the
work (an OutgoingEmail, a ReportJob) in its own transaction, and `queue_after_commit` hands the
row's id to Celery once that transaction has committed. If the broker is down the row simply
stays pending: `outbox_sweep` (run by beat every minute, and queued after any enqueue that
reaches the broker while rows are waiting) queues it again. A broker outage delays the work; it
neither loses it nor fails the write that asked for it.

E-mail goes out one recipient per row, so one refused address delays only that address, and
each row is retried with back-off until it is sent or has failed for good, which the
coordinators see on their outbox page.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as KombuOperationalError

from .models import EmailAttachment, EmailStatus, Municipality, OutgoingEmail

logger = logging.getLogger(__name__)

# Errors a publish raises when the broker is unreachable.
BROKER_ERRORS = (KombuOperationalError, ConnectionError, OSError, TimeoutError)
# Rows younger than this are still in the hands of the enqueue that created them.
SWEEP_GRACE = timedelta(seconds=5)
SWEEP_BATCH = 500


def queue_after_commit(task, *ids: int, on_unavailable=None) -> None:
    """Queue `task(*ids)` once the current transaction has committed.

    The caller has stored what the task needs in a row; the ids only point to it. A broker that
    is down is logged (and `on_unavailable()` called, to tell the user) and otherwise ignored:
    the periodic sweep of the owning app queues the row's work again.
    """

    def send():
        if not enqueue(task, *ids) and on_unavailable is not None:
            on_unavailable()

    transaction.on_commit(send)


def enqueue(task, *ids: int, sweep: bool = True, countdown: float | None = None) -> bool:
    """Send `task(*ids)` to the broker now (to run after `countdown` seconds); False if the
    broker could not be reached."""
    # In embedded (eager) mode the task runs here, and its own errors must show, not pass for
    # a broker outage; kombu reports a broker outage as its OperationalError.
    refused = KombuOperationalError if task.app.conf.task_always_eager else BROKER_ERRORS
    try:
        # No result is wanted (the row records the outcome), and asking for one would make
        # Celery subscribe to the result backend first, which hangs while Redis is down.
        task.apply_async(
            args=ids,
            countdown=countdown,
            ignore_result=True,
            retry=True,
            retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.2},
        )
    except refused as exc:
        logger.warning("Could not queue %s%s, left for the sweep: %s", task.name, ids, exc)
        return False
    if sweep and _waiting().exists():
        from .tasks import sweep_outbox

        enqueue(sweep_outbox, sweep=False)
    return True


def _waiting(now=None):
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.EMAIL_SENDING_STALE_SECONDS)
    due = Q(status=EmailStatus.PENDING, next_attempt_at__lte=now - SWEEP_GRACE) | Q(
        status=EmailStatus.SENDING, claimed_at__lt=stale
    )
    return OutgoingEmail.objects.filter(due)


def outbox_sweep(*, now=None) -> int:
    """Queue delivery of every e-mail that is due and not on its way; return how many."""
    from .tasks import deliver_email

    ids = list(_waiting(now).order_by("next_attempt_at").values_list("pk", flat=True)[:SWEEP_BATCH])
    queued = 0
    for email_id in ids:
        if not enqueue(deliver_email, email_id, sweep=False):
            break  # the broker is down again; the next sweep tries
        queued += 1
    return queued


def render_email(subject_template: str, body_template: str, context: dict) -> tuple[str, str]:
    subject = "".join(render_to_string(subject_template, context).splitlines()).strip()
    return subject, render_to_string(body_template, context)


def email_queue(
    *,
    key: str,
    to: Iterable[str] | str,
    subject: str,
    body: str,
    municipality: Municipality | None = None,
    reply_to: str = "",
    attachments: Iterable[tuple[str, bytes, str]] = (),
) -> list[OutgoingEmail]:
    """Store one e-mail per recipient and deliver each after commit.

    `key` names the message (e.g. "situations.feedback:17"); a recipient who already has a row
    for the key is skipped, so calling this twice never sends twice. Returns the new rows.
    """
    addresses = [to] if isinstance(to, str) else list(to)
    attachments = list(attachments)
    created = []
    from .tasks import deliver_email

    for address in dict.fromkeys(a.strip() for a in addresses if a and a.strip()):
        email = OutgoingEmail(
            municipality=municipality,
            key=key[:200],
            to=address,
            reply_to=reply_to,
            subject=subject[:300],
            body=body,
            next_attempt_at=timezone.now(),
        )
        try:
            with transaction.atomic():
                email.save()
        except IntegrityError:
            continue  # this recipient already has this message
        EmailAttachment.objects.bulk_create(
            EmailAttachment(email=email, filename=name, content=content, content_type=kind)
            for name, content, kind in attachments
        )
        queue_after_commit(deliver_email, email.pk)
        created.append(email)
    return created


def email_deliver(*, email_id: int, now=None) -> str:
    """Send one outbox row if it is due and nobody else is sending it; return its status.

    The conditional update claims the row, and the attempt number it sets fences the outcome:
    a worker that lost the row (it was taken over after going quiet) cannot record over it.
    """
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.EMAIL_SENDING_STALE_SECONDS)
    due = Q(status=EmailStatus.PENDING, next_attempt_at__lte=now) | Q(
        status=EmailStatus.SENDING, claimed_at__lt=stale
    )
    claimed = OutgoingEmail.objects.filter(due, pk=email_id).update(
        status=EmailStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    email = OutgoingEmail.objects.filter(pk=email_id).first()
    if email is None or not claimed:
        return email.status if email else "missing"
    mine = OutgoingEmail.objects.filter(
        pk=email_id, status=EmailStatus.SENDING, attempts=email.attempts
    )
    message = EmailMessage(
        email.subject,
        email.body,
        to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None,
    )
    for attachment in email.attachments.all():
        message.attach(attachment.filename, bytes(attachment.content), attachment.content_type)
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("E-mail %s failed (attempt %s): %s", email.pk, email.attempts, exc)
        error = _("Försök %(n)s misslyckades: %(error)s") % {"n": email.attempts, "error": exc}
        if email.attempts >= settings.EMAIL_MAX_ATTEMPTS:
            mine.update(status=EmailStatus.FAILED, error=error[:2000])
            return EmailStatus.FAILED
        delay = settings.EMAIL_RETRY_SECONDS * 3 ** (email.attempts - 1)
        mine.update(
            status=EmailStatus.PENDING,
            next_attempt_at=timezone.now() + timedelta(seconds=delay),
            error=error[:2000],
        )
        # The sweep would find it too; this only saves waiting for the next sweep. (Eager mode
        # cannot wait, so there the sweep alone retries.)
        from .tasks import deliver_email

        if not deliver_email.app.conf.task_always_eager:
            enqueue(deliver_email, email.pk, sweep=False, countdown=delay)
        return EmailStatus.PENDING
    mine.update(status=EmailStatus.SENT, sent_at=timezone.now(), error="")
    return EmailStatus.SENT


@transaction.atomic
def email_retry(*, actor, email: OutgoingEmail) -> OutgoingEmail:
    """Send a failed (or waiting) e-mail again now, with a fresh round of attempts."""
    from .tasks import deliver_email

    updated = OutgoingEmail.objects.filter(
        pk=email.pk, status__in=[EmailStatus.FAILED, EmailStatus.PENDING]
    ).update(status=EmailStatus.PENDING, attempts=0, next_attempt_at=timezone.now())
    if updated:
        logger.info("%s asked to resend e-mail %s", actor, email.pk)
        queue_after_commit(deliver_email, email.pk)
    email.refresh_from_db()
    return email
