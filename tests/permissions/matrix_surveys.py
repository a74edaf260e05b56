"""Safety walks, findings, surveys and indicator series: coordinators write, the council and
politicians read, reporters are turned away; the public answers open surveys."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from municipalities.access import Action
from surveys import services
from surveys.models import Light, QuestionKind
from tests.factories import OrganisationFactory, PlaceFactory
from tests.permissions.matrix import Row, allowed, public


def write(**kwargs):
    return Row(expect=allowed(Action.MANAGE_SURVEYS), **kwargs)


def read(**kwargs):
    return Row(expect=allowed(Action.READ_SURVEYS), **kwargs)


def _walk(ctx):
    return services.walk_create(
        actor=None,
        municipality=ctx.municipality,
        date=datetime.date(2021, 10, 5),
        light=Light.DARK,
        area="Kolarbyområdet",
    )


def _finding(ctx):
    walk = _walk(ctx)
    place = PlaceFactory(municipality=ctx.municipality, name="Centrum")
    return services.finding_create(
        actor=None, walk=walk, place=place, category="lighting", description="Trasig lampa"
    )


def walk_pk(ctx):
    return {"pk": _walk(ctx).pk}


def with_finding(ctx):
    _finding(ctx)
    return {}


def finding_pk(ctx):
    return {"pk": _finding(ctx).pk}


def _jpeg(name="foto.jpg"):
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (90, 90, 90)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def photo_pk(ctx):
    finding = _finding(ctx)
    return {"pk": services.photo_add(actor=None, finding=finding, upload=_jpeg()).pk}


def _survey(ctx):
    today = timezone.localdate()
    PlaceFactory(municipality=ctx.municipality, name="Västanfors")
    return services.survey_create(
        actor=None,
        municipality=ctx.municipality,
        title="Trygghetsenkät",
        slug="trygghet",
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=30),
    )


def survey_pk(ctx):
    return {"pk": _survey(ctx).pk}


def own_question_pk(ctx):
    question = services.question_add(
        actor=None, survey=_survey(ctx), text="Egen fråga", kind=QuestionKind.TEXT, options=[]
    )
    return {"pk": question.pk}


def public_survey(ctx):
    return {"key": _survey(ctx).slug}


def _series(ctx, **fields):
    return services.series_create(
        actor=None,
        municipality=ctx.municipality,
        name="Avstår från att gå ut sent",
        source="ntu",
        unit="%",
        level="municipality",
        **fields,
    )


def series_pk(ctx):
    return {"pk": _series(ctx).pk}


def survey_and_series(ctx):
    survey = _survey(ctx)
    _series(ctx)
    question = survey.questions.get(code="feel_safe")
    services.response_submit(
        survey=survey, answers={question.pk: {"choices": [question.choices.last()]}}
    )
    return {"pk": survey.pk}


def published_survey(ctx):
    survey = _survey(ctx)
    question = survey.questions.get(code="feel_safe")
    services.response_submit(
        survey=survey, answers={question.pk: {"choices": [question.choices.first()]}}
    )
    services.survey_publish_results(actor=None, survey=survey, publish=True)
    return {"key": survey.slug}


ROWS = [
    read(name="surveys:overview"),
    read(name="surveys:walk_list"),
    write(name="surveys:walk_create"),
    write(name="surveys:walk_edit", setup=walk_pk),
    read(name="surveys:walk_detail", setup=walk_pk),
    write(name="surveys:finding_create", setup=lambda ctx: {"walk_pk": _walk(ctx).pk}),
    read(name="surveys:finding_list"),
    read(name="surveys:finding_map"),
    read(name="surveys:finding_export", setup=with_finding),
    write(
        name="surveys:walk_settings",
        method="post",
        data=lambda ctx, kw: {"overdue_days": "14"},
    ),
    read(name="surveys:finding_detail", setup=finding_pk),
    write(name="surveys:finding_edit", setup=finding_pk),
    write(
        name="surveys:finding_forward",
        method="post",
        setup=finding_pk,
        data=lambda ctx, kw: {
            "recipient_organisation": OrganisationFactory(
                municipality=ctx.municipality, email="fel@example.se"
            ).pk
        },
    ),
    write(
        name="surveys:finding_status",
        method="post",
        setup=finding_pk,
        data=lambda ctx, kw: {"status": "fixed"},
    ),
    write(
        name="surveys:photo_add",
        method="post",
        setup=finding_pk,
        data=lambda ctx, kw: {"photo": _jpeg()},
    ),
    read(name="surveys:photo", setup=photo_pk),
    read(name="surveys:survey_list"),
    write(name="surveys:survey_create"),
    read(name="surveys:survey_detail", setup=survey_pk),
    write(name="surveys:survey_edit", setup=survey_pk),
    write(
        name="surveys:question_add",
        method="post",
        setup=survey_pk,
        data=lambda ctx, kw: {"text": "Känner du till medborgarlöftena?", "kind": "text"},
    ),
    write(name="surveys:question_remove", method="post", setup=own_question_pk),
    read(name="surveys:survey_results", setup=survey_pk),
    read(name="surveys:survey_export", setup=survey_pk),
    write(
        name="surveys:survey_to_series",
        method="post",
        setup=survey_and_series,
        data=lambda ctx, kw: {
            "series": ctx.municipality.indicator_series.get().pk,
            "measure": "feel_safe",
            "period_label": "2026",
        },
    ),
    write(
        name="surveys:survey_publish",
        method="post",
        setup=survey_and_series,
        data=lambda ctx, kw: {"publish": "1"},
    ),
    read(name="surveys:series_list"),
    write(name="surveys:series_create"),
    read(name="surveys:series_detail", setup=series_pk),
    write(
        name="surveys:value_add",
        method="post",
        setup=series_pk,
        data=lambda ctx, kw: {"period_label": "2023", "period_start": "2023-01-01", "value": "12"},
    ),
    write(
        name="surveys:series_import",
        method="post",
        setup=series_pk,
        data=lambda ctx, kw: {
            "file": SimpleUploadedFile("v.csv", "period;värde\n2024;11\n".encode(), "text/csv")
        },
    ),
    Row("surveys_public:answer", public(), setup=public_survey),
    Row("surveys_public:thanks", public(), setup=public_survey),
    Row("surveys_public:results", public(), setup=published_survey),
]
