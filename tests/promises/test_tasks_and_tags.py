import datetime

from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from municipalities.access import Rights
from promises import tasks
from promises.models import Promise, PromiseStatus
from tests.promises.factories import DecidedPromiseFactory


def test_the_daily_task_activates_started_promises(municipality):
    today = timezone.localdate()
    started = DecidedPromiseFactory(
        municipality=municipality,
        status=PromiseStatus.APPROVED,
        period_start=today - datetime.timedelta(days=1),
        period_end=today + datetime.timedelta(days=60),
    )
    later = DecidedPromiseFactory(
        municipality=municipality,
        status=PromiseStatus.APPROVED,
        period_start=today + datetime.timedelta(days=5),
        period_end=today + datetime.timedelta(days=90),
    )
    assert tasks.activate_started_promises.delay().get() == 1
    assert Promise.objects.get(pk=started.pk).status == PromiseStatus.ACTIVE
    assert Promise.objects.get(pk=later.pk).status == PromiseStatus.APPROVED
    assert started.transitions.get().actor is None


def test_the_task_is_scheduled():
    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "promises.tasks.activate_started_promises" in tasks_scheduled


def test_start_card_counts_proposals_for_politicians(municipality, django_assert_num_queries):
    DecidedPromiseFactory(municipality=municipality, status=PromiseStatus.PROPOSED)
    DecidedPromiseFactory(municipality=municipality, status=PromiseStatus.PROPOSED)
    template = Template('{% include "promises/_start.html" %}')
    request = RequestFactory().get("/")
    context = Context(
        {
            "m": municipality.slug,
            "can": Rights({"politician"}),
            "current_municipality": municipality,
            "request": request,
        }
    )
    with django_assert_num_queries(1):
        html = template.render(context)
    assert "2 förslag väntar på ditt beslut" in html
