"""The lägesbild: reporters write their own organisation's report and read what is published;
the coordinator writes everything; council and politicians read."""

import datetime

from django.utils import timezone

from municipalities.access import Action
from situations.models import PictureStatus
from tests.permissions.matrix import Row, allowed
from tests.situations.factories import (
    GuidelinesFactory,
    MeetingFactory,
    PeriodFactory,
    PictureFactory,
    ProblemFactory,
    ReportFactory,
)


def _period(ctx):
    today = timezone.localdate()
    start = today - datetime.timedelta(days=today.weekday())
    return PeriodFactory(
        municipality=ctx.municipality,
        starts_on=start,
        ends_on=start + datetime.timedelta(days=13),
        deadline=start + datetime.timedelta(days=10),
    )


def PERIOD(ctx):
    return {"pk": _period(ctx).pk}


def REPORT(ctx):
    period = _period(ctx)
    ReportFactory(period=period, organisation=ctx.organisation, status="submitted")
    return {"period_pk": period.pk, "organisation_pk": ctx.organisation.pk}


def PICTURE(ctx):
    period = _period(ctx)
    PictureFactory(period=period)
    return {"pk": period.pk}


def PUBLISHED(ctx):
    period = _period(ctx)
    PictureFactory(period=period, status=PictureStatus.PUBLISHED)
    return {"pk": period.pk}


def PROBLEM(ctx):
    from municipalities.models import Area

    return {"pk": ProblemFactory(municipality=ctx.municipality, area=Area.objects.first()).pk}


def MEETING(ctx):
    return {"pk": MeetingFactory(municipality=ctx.municipality).pk}


def GUIDELINES(ctx):
    GuidelinesFactory(municipality=ctx.municipality)
    return {}


def _problem_data(ctx, kwargs):
    from municipalities.models import Area

    return {
        "title": "Klotter",
        "area": Area.objects.first().pk,
        "description": "Klotter vid busstationen.",
        "status": "open",
    }


ROWS = [
    Row("situations:index", allowed(Action.READ_LAGESBILD)),
    Row("situations:schedule_edit", allowed(Action.COMPILE_LAGESBILD)),
    Row(
        "situations:period_open",
        allowed(Action.COMPILE_LAGESBILD),
        method="post",
        data=lambda ctx, kw: {"day": "2021-03-03"},
    ),
    Row("situations:period_detail", allowed(Action.READ_ALL_REPORTS), setup=PERIOD),
    Row("situations:period_close", allowed(Action.COMPILE_LAGESBILD), method="post", setup=PERIOD),
    Row("situations:period_reopen", allowed(Action.COMPILE_LAGESBILD), method="post", setup=PERIOD),
    Row("situations:my_report", allowed(Action.FILE_OWN_REPORT), setup=GUIDELINES),
    Row("situations:report", allowed(Action.FILE_REPORTS, Action.READ_ALL_REPORTS), setup=REPORT),
    Row(
        "situations:report_nothing_new",
        allowed(Action.FILE_REPORTS),
        method="post",
        setup=REPORT,
    ),
    Row("situations:report_history", allowed(Action.COMPILE_LAGESBILD), setup=REPORT),
    Row("situations:picture", allowed(Action.READ_LAGESBILD), setup=PUBLISHED),
    Row("situations:picture_edit", allowed(Action.COMPILE_LAGESBILD), setup=PICTURE),
    Row(
        "situations:picture_publish",
        allowed(Action.COMPILE_LAGESBILD),
        method="post",
        setup=PICTURE,
    ),
    Row("situations:picture_history", allowed(Action.COMPILE_LAGESBILD), setup=PICTURE),
    Row("situations:heat_map", allowed(Action.READ_LAGESBILD)),
    Row("situations:proposed_places", allowed(Action.COMPILE_LAGESBILD)),
    Row("situations:problem_list", allowed(Action.READ_PROBLEMS)),
    Row("situations:problem_detail", allowed(Action.READ_PROBLEMS), setup=PROBLEM),
    Row(
        "situations:problem_create",
        allowed(Action.MANAGE_PROBLEMS),
        method="post",
        data=_problem_data,
    ),
    Row(
        "situations:problem_edit",
        allowed(Action.MANAGE_PROBLEMS),
        method="post",
        setup=PROBLEM,
        data=_problem_data,
    ),
    Row("situations:meeting_list", allowed(Action.READ_PROBLEMS)),
    Row("situations:meeting_detail", allowed(Action.READ_PROBLEMS), setup=MEETING),
    Row(
        "situations:meeting_create",
        allowed(Action.MANAGE_PROBLEMS),
        method="post",
        data=lambda ctx, kw: {"kind": "est", "date": "2021-03-10"},
    ),
    Row("situations:meeting_edit", allowed(Action.MANAGE_PROBLEMS), setup=MEETING),
    Row("situations:guidelines", allowed(Action.READ_LAGESBILD), setup=GUIDELINES),
    Row("situations:guidelines_read", allowed(Action.READ_LAGESBILD), method="post"),
    Row("situations:guidelines_edit", allowed(Action.COMPILE_LAGESBILD)),
]
