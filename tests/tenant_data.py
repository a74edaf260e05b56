"""Every kind of municipality data, found through the app registry, for tests that must cover
each model (a model added later is covered, or the test says which builder is missing)."""

from __future__ import annotations

import datetime
import itertools

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat, Left
from simple_history.models import registered_models

from municipalities.history import FIELD, is_recorded, municipality_path
from municipalities.models import Area, Municipality, Role
from tests.factories import MembershipFactory, UserFactory

PROJECT_APPS = {"municipalities", "situations", "promises", "measures", "surveys", "reports"}


def tenant_models() -> dict[type[models.Model], str]:
    """Every model of the project that holds a municipality's data, with its lookup to the
    municipality. The municipality itself (its name, code and population are public facts
    shown beside others on purpose) is the one model left out."""
    found = {}
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model is Municipality:
            continue
        path = municipality_path(model)
        if path is None and hasattr(model, f"{FIELD}_id"):
            path = FIELD
        if (
            path is None
            and hasattr(model, "_history_m2m_fields") is False
            and any(
                f.name == "history" and hasattr(f.related_model, f"{FIELD}_id")
                for f in model._meta.concrete_fields
            )
        ):
            path = f"history__{FIELD}"
        if path is None and any(
            f.name == "municipality" and f.related_model is Municipality
            for f in model._meta.concrete_fields
        ):
            path = "municipality"
        if path is None:
            raise AssertionError(f"{model._meta.label}: no way to its municipality")
        found[model] = path
    return found


def history_models() -> list[type[models.Model]]:
    """Every model whose changes are recorded."""
    return sorted(
        (m for m in registered_models.values() if is_recorded(m)), key=lambda m: m._meta.label
    )


def text_fields(model) -> list[models.Field]:
    """Fields a person can write text into: every character or text field without choices."""
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, CharField | models.TextField) and not f.choices and not f.primary_key
    ]


def stamp(municipality: Municipality, marker: str) -> dict[str, int]:
    """Write `marker` (followed by the row's id, so that unique fields stay unique) into every
    free-text field of every row of the municipality, its members' names included. Returns the
    number of rows stamped per model; raises if a field is too short to hold the marker."""
    stamped = {}
    for model, path in tenant_models().items():
        fields = text_fields(model)
        rows = model._base_manager.filter(**{path: municipality})
        if not fields:
            continue
        pk = model._meta.pk.attname
        values = {}
        for f in fields:
            if f.max_length is not None and f.max_length < len(marker) + 1:
                raise AssertionError(f"{model._meta.label}.{f.name} cannot hold the marker")
            text = Concat(Value(marker), Cast(F(pk), output_field=CharField()))
            values[f.attname] = Left(text, f.max_length) if f.max_length else text
        stamped[model._meta.label] = rows.update(**values)
    users = (
        get_user_model()
        .objects.filter(memberships__municipality=municipality)
        .exclude(memberships__municipality__in=Municipality.objects.exclude(pk=municipality.pk))
    )
    stamped["users"] = (
        get_user_model()
        .objects.filter(pk__in=users.values("pk"))
        .update(
            username=Concat(Value(marker), Cast(F("pk"), output_field=CharField())),
            first_name=Value(marker),
            last_name=Value(marker),
            email=Concat(Value(marker), Cast(F("pk"), output_field=CharField()), Value("@x.se")),
        )
    )
    return stamped


# -- one object of each recorded model ---------------------------------------------------------
_numbers = itertools.count(1)


def _area():
    return Area.objects.national().order_by("position").first()


def _membership(m):
    return MembershipFactory(municipality=m, user=UserFactory(), role=Role.COUNCIL)


def _report(m):
    from tests.factories import OrganisationFactory
    from tests.situations.factories import ReportFactory

    organisation = OrganisationFactory(municipality=m, name=f"Byggd organisation {next(_numbers)}")
    return ReportFactory(period__municipality=m, organisation=organisation)


def _assessment(m):
    from tests.situations.factories import AssessmentFactory

    return AssessmentFactory(report=_report(m), area=_area())


def _picture(m):
    from tests.situations.factories import PictureFactory

    return PictureFactory(period__municipality=m)


def _judgement(m):
    from tests.situations.factories import JudgementFactory

    return JudgementFactory(picture=_picture(m), area=_area())


def _guidelines(m):
    from tests.situations.factories import GuidelinesFactory

    return GuidelinesFactory(municipality=m)


def _problem(m):
    from tests.situations.factories import ProblemFactory

    return ProblemFactory(municipality=m, area=_area())


def _promise(m):
    from tests.promises.factories import PromiseFactory

    return PromiseFactory(municipality=m)


def _commitment(m):
    from tests.promises.factories import CommitmentFactory

    return CommitmentFactory(promise=_promise(m))


def _measure(m):
    from tests.measures.factories import MeasureFactory

    return MeasureFactory(municipality=m)


def _action_plan(m):
    from tests.measures.factories import ActionPlanFactory

    return ActionPlanFactory(municipality=m)


def _cause_analysis(m):
    from tests.measures.factories import CauseAnalysisFactory

    return CauseAnalysisFactory(problem=_problem(m))


def _walk(m):
    from tests.surveys.factories import WalkFactory

    return WalkFactory(municipality=m)


def _place_name() -> str:
    return f"Byggd plats {next(_numbers)}"


def _finding(m):
    from tests.factories import PlaceFactory
    from tests.surveys.factories import FindingFactory

    return FindingFactory(walk=_walk(m), place=PlaceFactory(municipality=m, name=_place_name()))


def _survey(m):
    from surveys import services

    today = datetime.date(2021, 5, 1)
    return services.survey_create(
        actor=None,
        municipality=m,
        title="Trygghetsenkät",
        slug=f"enkat-{next(_numbers)}",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=10),
    )


def _series(m):
    from tests.surveys.factories import SeriesFactory

    return SeriesFactory(municipality=m, name=f"Byggd serie {next(_numbers)}")


def _annual_report(m):
    from tests.reports.factories import AnnualReportFactory

    return AnnualReportFactory(municipality=m, year=2000 + next(_numbers))


RECORDED = {
    "municipalities.Membership": _membership,
    "situations.SituationReport": _report,
    "situations.Assessment": _assessment,
    "situations.CompiledPicture": _picture,
    "situations.AreaJudgement": _judgement,
    "situations.Guidelines": _guidelines,
    "situations.Problem": _problem,
    "promises.Promise": _promise,
    "promises.Commitment": _commitment,
    "measures.Measure": _measure,
    "measures.ActionPlan": _action_plan,
    "measures.CauseAnalysis": _cause_analysis,
    "surveys.SafetyWalk": _walk,
    "surveys.Finding": _finding,
    "surveys.Survey": _survey,
    "surveys.IndicatorSeries": _series,
    "reports.AnnualReport": _annual_report,
}


def build_recorded(model, municipality: Municipality):
    """A new object of a recorded model in the municipality."""
    builder = RECORDED.get(model._meta.label)
    if builder is None:
        raise AssertionError(f"add a builder for {model._meta.label} to tests/tenant_data.py")
    return builder(municipality)


# -- one row of every other model, where a data set lacks it ------------------------------------
def _other_builders(m) -> dict:
    """Builders of rows that the recorded builders do not make; each returns nothing."""
    from measures.models import ActionPlanDecision, CalendarReminder, DecisionOutcome
    from promises.models import PromiseStatus, PromiseTransition
    from reports.models import ReportVersion
    from situations.models import GuidelinesReading, Notification, ReportingSchedule
    from surveys.models import FindingPhoto, IndicatorValue, WalkSettings
    from tests.factories import OrganisationFactory, PlaceFactory
    from tests.measures.factories import (
        CalendarEventFactory,
        CauseFactory,
        GoalFactory,
        PartnerFactory,
    )
    from tests.reports.factories import ReportJobFactory
    from tests.situations.factories import MeetingFactory, PeriodFactory

    def email():
        from django.utils import timezone

        from municipalities.models import EmailAttachment, OutgoingEmail

        sent = OutgoingEmail.objects.create(
            municipality=m,
            key=f"byggt-{next(_numbers)}",
            to="mottagare@example.se",
            subject="x",
            body="x",
            next_attempt_at=timezone.now(),
        )
        EmailAttachment.objects.create(
            email=sent, filename="x.txt", content_type="text/plain", content=b"x"
        )

    def version():
        job = ReportJobFactory(report=_annual_report(m))
        ReportVersion.objects.create(
            municipality=m,
            report=job.report,
            job=job,
            number=1,
            file="x.pdf",
            size=1,
            sha256="0" * 64,
            generated_at=job.report.updated_at,
        )

    return {
        "municipalities.Organisation": lambda: OrganisationFactory(
            municipality=m, name=f"Byggd organisation {next(_numbers)}"
        ),
        "municipalities.Place": lambda: PlaceFactory(municipality=m, name=_place_name()),
        "municipalities.Area": lambda: Area.objects.create(
            municipality=m, parent=_area(), code=f"eget-{next(_numbers)}", name="Eget område"
        ),
        "situations.ReportingSchedule": lambda: ReportingSchedule.objects.get_or_create(
            municipality=m
        ),
        "situations.ReportingPeriod": lambda: PeriodFactory(municipality=m),
        "situations.GuidelinesReading": lambda: GuidelinesReading.objects.create(
            municipality=m, user=_membership(m).user
        ),
        "situations.Notification": lambda: Notification.objects.create(
            period=PeriodFactory(municipality=m), user=_membership(m).user, kind="reminder"
        ),
        "situations.Meeting": lambda: MeetingFactory(municipality=m),
        "promises.PromiseTransition": lambda: PromiseTransition.objects.create(
            promise=_promise(m),
            from_status=PromiseStatus.DRAFT,
            to_status=PromiseStatus.PROPOSED,
            comment="x",
        ),
        "measures.Partner": lambda: PartnerFactory(
            municipality=m, name=f"Byggd partner {next(_numbers)}"
        ),
        "measures.ActionPlanGoal": lambda: GoalFactory(plan=_action_plan(m)),
        "measures.ActionPlanDecision": lambda: ActionPlanDecision.objects.create(
            plan=_action_plan(m), outcome=DecisionOutcome.values[0], comment="x"
        ),
        "measures.Cause": lambda: CauseFactory(analysis=_cause_analysis(m)),
        "measures.CalendarEvent": lambda: CalendarEventFactory(municipality=m),
        "measures.CalendarReminder": lambda: CalendarReminder.objects.create(
            event=CalendarEventFactory(municipality=m), occurrence=datetime.date(2021, 4, 30)
        ),
        "surveys.FindingPhoto": lambda: FindingPhoto.objects.create(
            finding=_finding(m), image="x.jpg", content_type="image/jpeg"
        ),
        "surveys.WalkSettings": lambda: WalkSettings.objects.get_or_create(municipality=m),
        "surveys.IndicatorValue": lambda: IndicatorValue.objects.create(
            series=_series(m),
            period_label="2021",
            period_start=datetime.date(2021, 1, 1),
            value=1,
        ),
        "reports.ReportJob": lambda: ReportJobFactory(report=_annual_report(m)),
        "reports.ReportVersion": version,
        "municipalities.OutgoingEmail": email,
        "municipalities.EmailAttachment": email,
        "situations.Assessment_places": lambda: _assessment(m).places.set(
            [PlaceFactory(municipality=m, name=_place_name())]
        ),
    }


def complete(municipality: Municipality) -> None:
    """Give the municipality at least one row of every tenant model (raises, naming it, for a
    model nobody wrote a builder for)."""
    builders = {**{k: (lambda b=b: b(municipality)) for k, b in RECORDED.items()}}
    builders.update(_other_builders(municipality))
    for model, path in tenant_models().items():
        if model._base_manager.filter(**{path: municipality}).exists():
            continue
        label = model._meta.label
        recorded = getattr(model, "instance_type", None)
        if recorded is not None:  # a history table: the recorded model's builder fills it
            label = recorded._meta.label
        builder = builders.get(label)
        if builder is None:
            raise AssertionError(f"add a builder for {label} to tests/tenant_data.py")
        builder()
    missing = [
        model._meta.label
        for model, path in tenant_models().items()
        if not model._base_manager.filter(**{path: municipality}).exists()
    ]
    assert not missing, f"still without rows: {missing}"
