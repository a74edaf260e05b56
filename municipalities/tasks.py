"""Background jobs of the outbox. Tasks take ids and call the outbox's services."""

from __future__ import annotations

from celery import shared_task

from . import outbox


@shared_task(acks_late=True)
def deliver_email(email_id: int) -> str:
    return outbox.email_deliver(email_id=email_id)


@shared_task
def sweep_outbox() -> int:
    """Beat job, and queued after an enqueue while rows wait: queue what the broker lost."""
    return outbox.outbox_sweep()
