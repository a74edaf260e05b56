from celery import shared_task

from . import services


@shared_task
def activate_started_promises() -> int:
    """Daily: approved promises whose period has begun start to apply."""
    return services.activate_started_promises()
