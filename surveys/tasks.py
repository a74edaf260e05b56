from celery import shared_task

from . import services


@shared_task
def flag_overdue_findings() -> int:
    return services.findings_flag_overdue()
