from celery import shared_task

from . import services


@shared_task
def send_finding(finding_id: int, sender_id: int | None, base_url: str = "") -> None:
    services.finding_send(finding_id=finding_id, sender_id=sender_id, base_url=base_url)


@shared_task
def flag_overdue_findings() -> int:
    return services.findings_flag_overdue()
