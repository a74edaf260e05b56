import pytest

from measures import demo, selectors
from measures.models import ActionPlan, ActionPlanStatus, CalendarEvent, Measure, Partner
from municipalities import demo as municipalities_demo
from situations.models import Problem

pytestmark = pytest.mark.django_db


def counts():
    return (
        Measure.objects.count(),
        Partner.objects.count(),
        CalendarEvent.objects.count(),
        ActionPlan.objects.count(),
    )


def test_the_demo_loads_the_seeds_and_is_idempotent():
    municipalities = municipalities_demo.load()
    demo.load(municipalities)
    first = counts()
    demo.load(municipalities)
    assert counts() == first

    fagersta, hagfors = municipalities["fagersta"], municipalities["hagfors"]
    club = Measure.objects.get(municipality=fagersta, title__startswith="Motorburen ungdom")
    assert (club.reach_number, club.reach_unit) == (45, "unga")
    assert [p.name for p in club.partners.all()] == ["Fagersta Motorklubb"]
    assert Measure.objects.filter(municipality=fagersta).count() == 20
    assert CalendarEvent.objects.get(municipality=fagersta, title="Valborg").measures.exists()

    plan = selectors.adopted_action_plan(municipality=hagfors)
    assert plan.status == ActionPlanStatus.ADOPTED
    assert plan.decision_body == "Kommunstyrelsen"
    assert plan.decision_date.year == 2024 and plan.decision_date.month == 6
    assert plan.goals.count() == 4
    assert all(goal.measures.exists() for goal in plan.goals.all())


def test_the_load_demo_command_includes_measures(settings):
    import io

    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    assert Measure.objects.filter(municipality__slug="hagfors").count() == 4
    drugs = Problem.objects.get(municipality__slug="fagersta", title__startswith="Narkotika")
    assert drugs.measures.count() == 4
    assert drugs.cause_analysis.causes.count() == 3
    call_command("load_demo", stdout=io.StringIO())
    assert drugs.cause_analysis.causes.count() == 3
