"""The lägesbild: reporters write their own organisation's report and read what is published;
the coordinator writes everything; council and politicians read."""

import datetime

from django.utils import timezone

from situations.models import PictureStatus
from tests.permissions.matrix import EVERY_MEMBER, STAFF, Row, members_only
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
    Row("situations:index", members_only(readers=EVERY_MEMBER)),
    Row("situations:schedule_edit", members_only("coordinator")),
    Row(
        "situations:period_open",
        members_only("coordinator"),
        method="post",
        data=lambda ctx, kw: {"day": "2021-03-03"},
    ),
    Row("situations:period_detail", members_only(readers=STAFF), setup=PERIOD),
    Row("situations:period_close", members_only("coordinator"), method="post", setup=PERIOD),
    Row("situations:period_reopen", members_only("coordinator"), method="post", setup=PERIOD),
    Row("situations:my_report", members_only("reporter"), setup=GUIDELINES),
    Row("situations:report", members_only("reporter", "coordinator", readers=STAFF), setup=REPORT),
    Row(
        "situations:report_nothing_new",
        members_only("reporter", "coordinator"),
        method="post",
        setup=REPORT,
    ),
    Row("situations:report_history", members_only("coordinator"), setup=REPORT),
    Row("situations:picture", members_only(readers=EVERY_MEMBER), setup=PUBLISHED),
    Row("situations:picture_edit", members_only("coordinator"), setup=PICTURE),
    Row("situations:picture_publish", members_only("coordinator"), method="post", setup=PICTURE),
    Row("situations:picture_history", members_only("coordinator"), setup=PICTURE),
    Row("situations:heat_map", members_only(readers=EVERY_MEMBER)),
    Row("situations:problem_list", members_only(readers=STAFF)),
    Row("situations:problem_detail", members_only(readers=STAFF), setup=PROBLEM),
    Row(
        "situations:problem_create",
        members_only("coordinator"),
        method="post",
        data=_problem_data,
    ),
    Row(
        "situations:problem_edit",
        members_only("coordinator"),
        method="post",
        setup=PROBLEM,
        data=_problem_data,
    ),
    Row("situations:meeting_list", members_only(readers=STAFF)),
    Row("situations:meeting_detail", members_only(readers=STAFF), setup=MEETING),
    Row(
        "situations:meeting_create",
        members_only("coordinator"),
        method="post",
        data=lambda ctx, kw: {"kind": "est", "date": "2021-03-10"},
    ),
    Row("situations:meeting_edit", members_only("coordinator"), setup=MEETING),
    Row("situations:guidelines", members_only(readers=EVERY_MEMBER), setup=GUIDELINES),
    Row("situations:guidelines_read", members_only(*EVERY_MEMBER), method="post"),
    Row("situations:guidelines_edit", members_only("coordinator")),
]
