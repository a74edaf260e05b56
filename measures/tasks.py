from celery import shared_task

from . import services


@shared_task
def send_calendar_reminders() -> int:
    """Daily: remind coordinators of the annual calendar's coming dates and risk periods."""
    return services.calendar_reminders_send()
