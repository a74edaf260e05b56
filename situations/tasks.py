"""Periodic and queued jobs of the lägesbild. Each takes ids and calls a service."""

from __future__ import annotations

from celery import shared_task

from municipalities.models import Municipality

from . import services


@shared_task
def create_upcoming_periods() -> int:
    """Beat job: every municipality has its current period, and the next one ahead of time."""
    created = 0
    for municipality in Municipality.objects.all():
        created += len(services.periods_create_upcoming(municipality=municipality))
    return created


@shared_task
def close_finished_periods() -> int:
    """Beat job: reports can be changed until their period closes, some days after it ends."""
    return sum(
        services.periods_close_finished(municipality=municipality)
        for municipality in Municipality.objects.all()
    )


@shared_task
def send_report_reminders() -> int:
    """Beat job: remind reporters who have not reported, before the deadline, once a period."""
    return services.reminders_send()
