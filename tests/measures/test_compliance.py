import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from measures import selectors
from municipalities.models import Membership, Role
from situations.models import PictureStatus, ProblemStatus
from tests.factories import member
from tests.measures.factories import (
    AdoptedActionPlanFactory,
    CauseAnalysisFactory,
    CauseFactory,
    ProblemFactory,
)
from tests.situations.factories import PeriodFactory, PictureFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
REVIEW = TODAY + datetime.timedelta(days=90)


def checks(municipality, today=TODAY):
    return {c.key: c for c in selectors.compliance(municipality=municipality, today=today)}


@pytest.fixture
def compliant(municipality, coordinator):
    """A municipality that meets every requirement on TODAY."""
    member(municipality, Role.COORDINATOR, username="ersattare")
    Membership.objects.filter(user__username="ersattare").update(is_deputy=True)
    AdoptedActionPlanFactory(
        municipality=municipality,
        decision_date=TODAY - datetime.timedelta(days=30),
        review_date=REVIEW,
    )
    problem = ProblemFactory(municipality=municipality, status=ProblemStatus.ESCALATED)
    CauseFactory(analysis=CauseAnalysisFactory(problem=problem))
    published_picture(municipality, ends_on=TODAY - datetime.timedelta(days=3))
    return municipality


def published_picture(municipality, *, ends_on, status=PictureStatus.PUBLISHED):
    period = PeriodFactory(
        municipality=municipality,
        starts_on=ends_on - datetime.timedelta(days=13),
        ends_on=ends_on,
        deadline=ends_on - datetime.timedelta(days=3),
    )
    return PictureFactory(period=period, status=status)


def test_everything_is_met(compliant):
    found = selectors.compliance(municipality=compliant, today=TODAY)
    assert [c.key for c in found if not c.met] == []
    assert selectors.compliance_met(municipality=compliant, today=TODAY)


def test_an_expired_review_date_is_not_met(compliant):
    assert checks(compliant, REVIEW)["action_plan"].met
    expired = checks(compliant, REVIEW + datetime.timedelta(days=1))["action_plan"]
    assert not expired.met
    assert REVIEW.isoformat() in expired.detail


def test_the_panel_shows_an_expired_review_date(client_for, coordinator, municipality):
    AdoptedActionPlanFactory(municipality=municipality, review_date=datetime.date(2020, 1, 1))
    response = client_for(coordinator).get(reverse("measures:compliance", args=["fagersta"]))
    row = response.content.decode().split('data-check="action_plan"')[1].split("</tr>")[0]
    assert "Inte uppfyllt" in row
    assert "skulle ha setts över 2020-01-01" in row


def test_a_missing_plan_is_not_met(municipality):
    assert not checks(municipality)["action_plan"].met


def test_a_prioritised_problem_without_analysis_is_not_met(compliant):
    ProblemFactory(municipality=compliant, title="Narkotika vid Torget")
    ProblemFactory(municipality=compliant, title="Avslutat", status=ProblemStatus.CLOSED)
    check = checks(compliant)["cause_analysis"]
    assert not check.met
    assert [p.title for p in check.items] == ["Narkotika vid Torget"]


def test_an_analysis_without_causes_does_not_count(compliant):
    problem = ProblemFactory(municipality=compliant)
    CauseAnalysisFactory(problem=problem)
    assert not checks(compliant)["cause_analysis"].met


def test_a_missing_deputy_is_not_met(compliant):
    Membership.objects.filter(is_deputy=True).delete()
    check = checks(compliant)["coordinator"]
    assert not check.met
    assert "ersättare" in check.detail


def test_a_stale_situation_picture_is_not_met(compliant):
    assert checks(compliant, TODAY + datetime.timedelta(days=28))["situation"].met
    stale = checks(compliant, TODAY + datetime.timedelta(days=29))["situation"]
    assert not stale.met
    assert (TODAY - datetime.timedelta(days=3)).isoformat() in stale.detail


def test_only_a_published_situation_picture_counts(municipality):
    published_picture(municipality, ends_on=TODAY, status=PictureStatus.DRAFT)
    assert not checks(municipality)["situation"].met
    published_picture(municipality, ends_on=TODAY - datetime.timedelta(days=14))
    assert checks(municipality)["situation"].met


def test_it_refuses_the_panel_to_reporters(client_for, reporter, municipality):
    response = client_for(reporter).get(reverse("measures:compliance", args=["fagersta"]))
    assert response.status_code == 403


def test_it_hides_the_panel_from_other_municipality(client_for, outsider, municipality):
    response = client_for(outsider).get(reverse("measures:compliance", args=["fagersta"]))
    assert response.status_code == 404
