import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagersta.settings")

app = Celery("fagersta")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="fagersta.ping")
def ping(value: int) -> int:
    """Round trip used by the health check and the broker integration test."""
    return value + 1
