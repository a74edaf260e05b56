"""The generated sections of the annual report, rendered as the PDF's HTML."""

import datetime
import re

import pytest

from measures.models import MeasureStatus
from municipalities.models import Area
from promises.models import Outcome, PromiseStatus
from reports import annual, pdf
from situations.models import MeetingKind
from surveys import services as survey_services
from surveys.models import FindingStatus, IndicatorValue, Response
from tests.measures.factories import (
    AdoptedActionPlanFactory,
    GoalFactory,
    MeasureFactory,
    PartnerFactory,
)
from tests.promises.factories import CommitmentFactory, DecidedPromiseFactory
from tests.situations.factories import (
    JudgementFactory,
    MeetingFactory,
    PeriodFactory,
    PictureFactory,
)
from tests.surveys.factories import FindingFactory, SeriesFactory, WalkFactory

pytestmark = pytest.mark.django_db


def _text(report) -> str:
    html = pdf.render_html(annual.build(report), for_pdf=True)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _ids(report) -> list[str]:
    return [s.id for s in annual.build(report)["sections"]]


def test_an_empty_year_has_only_the_written_sections(annual_report):
    assert _ids(annual_report) == ["inledning", "sammanfattning"]


def test_it_counts_the_meetings_of_the_year(annual_report, municipality):
    for week in range(21):
        day = datetime.date(2021, 1, 6) + datetime.timedelta(weeks=2 * week)
        MeetingFactory(municipality=municipality, date=day)
    for month in (2, 3, 5, 8, 10, 12):
        MeetingFactory(
            municipality=municipality, kind=MeetingKind.COUNCIL, date=datetime.date(2021, month, 9)
        )
    MeetingFactory(municipality=municipality, date=datetime.date(2020, 5, 5))
    text = _text(annual_report)
    assert "träffades 21 gånger under året" in text
    assert "höll sex möten" in text
    for area in Area.objects.national():
        assert area.name in text


def _year_of_judgements(municipality, year, statuses_by_code):
    areas = {a.code: a for a in Area.objects.national()}
    for week, start in enumerate(
        datetime.date(year, 1, 4) + datetime.timedelta(weeks=2 * i) for i in range(4)
    ):
        period = PeriodFactory(municipality=municipality, starts_on=start)
        picture = PictureFactory(period=period)
        for code, statuses in statuses_by_code.items():
            JudgementFactory(picture=picture, area=areas[code], status=statuses[week])


def test_a_year_without_recorded_meetings_does_not_say_none_were_held(annual_report, municipality):
    code = Area.objects.national().first().code
    _year_of_judgements(municipality, 2021, {code: ["red", "yellow", "green", "yellow"]})
    text = _text(annual_report)
    assert "Lägesbilder och möten" in text
    assert "träffades 0 gånger" not in text and "höll noll möten" not in text
    assert "– EST-möten" in text and "– möten i lokala Brå" in text


def test_it_shows_the_heat_map_and_what_stood_out(annual_report, municipality):
    code = Area.objects.national().first().code
    _year_of_judgements(municipality, 2021, {code: ["red", "yellow", "green", "yellow"]})
    report_html = pdf.render_html(annual.build(annual_report), for_pdf=True)
    assert 'class="heat-map"' in report_html
    assert report_html.count("■") >= 1 and report_html.count("▲") >= 2
    text = _text(annual_report)
    area = Area.objects.national().first().name
    assert f"{area}: gult eller rött 3 av 4 perioder, varav rött 1" in text


def test_it_says_more_green_than_last_year_when_it_is(annual_report, municipality):
    code = Area.objects.national().first().code
    _year_of_judgements(municipality, 2020, {code: ["red", "yellow", "green", "yellow"]})
    _year_of_judgements(municipality, 2021, {code: ["green", "green", "green", "yellow"]})
    text = _text(annual_report)
    assert "Lägesbilden var mer grön än förra året (2020)" in text
    assert "25 % 75 % mer grönt" in text


def test_it_does_not_claim_more_green_when_it_is_not(annual_report, municipality):
    code = Area.objects.national().first().code
    _year_of_judgements(municipality, 2020, {code: ["green", "green", "green", "green"]})
    _year_of_judgements(municipality, 2021, {code: ["green", "red", "green", "green"]})
    text = _text(annual_report)
    assert "var mer grön än förra året" not in text
    assert "var inte mer grön än förra året" in text


def test_it_shows_each_promise_with_commitments_and_follow_up(annual_report, municipality):
    promise = DecidedPromiseFactory(
        municipality=municipality,
        period_start=datetime.date(2021, 3, 1),
        period_end=datetime.date(2021, 5, 31),
        title="Motorburen ungdom",
        status=PromiseStatus.FOLLOWED_UP,
        follow_up_summary="Dialogen med motorklubben kom igång.",
    )
    CommitmentFactory(promise=promise, action="Träff med trafikgruppen", outcome=Outcome.DONE)
    CommitmentFactory(promise=promise, action="Mötesplats på helger", outcome=Outcome.PARTLY)
    DecidedPromiseFactory(
        municipality=municipality,
        period_start=datetime.date(2021, 6, 1),
        period_end=datetime.date(2021, 8, 31),
        title="Utkast som aldrig beslutades",
        status=PromiseStatus.DRAFT,
    )
    text = _text(annual_report)
    assert "Mars–maj 2021: Motorburen ungdom" in text
    assert "Träff med trafikgruppen" in text and "Genomfört" in text
    assert "Dialogen med motorklubben kom igång." in text
    assert "genomfördes 1 av 2" in text
    assert "Utkast som aldrig beslutades" not in text


def test_it_groups_measures_by_area_with_partners_reach_and_outcome(annual_report, municipality):
    area = Area.objects.national().last()
    measure = MeasureFactory(
        municipality=municipality,
        title="ANT-informatörer",
        reach_number=4,
        reach_unit="unga anställda",
        outcome="Besökte skolor och fritidsgårdar.",
    )
    measure.areas.set([area])
    measure.partners.add(PartnerFactory(municipality=municipality, name="Tillväxtverket"))
    old = MeasureFactory(
        municipality=municipality,
        title="Avslutad 2019",
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2019, 6, 1),
        status=MeasureStatus.COMPLETED,
    )
    old.areas.set([area])
    text = _text(annual_report)
    assert f"{area.name} ANT-informatörer" in text
    assert "Samverkanspartner: Tillväxtverket" in text
    assert "Räckvidd: 4 unga anställda" in text
    assert "Resultat: Besökte skolor och fritidsgårdar." in text
    assert "Avslutad 2019" not in text


def test_it_shows_the_action_plan_and_its_follow_up(annual_report, municipality):
    plan = AdoptedActionPlanFactory(
        municipality=municipality, decision_date=datetime.date(2021, 2, 1), title="Åtgärdsplan 2021"
    )
    goal = GoalFactory(plan=plan, text="Färre unga provar narkotika.")
    goal.measures.add(
        MeasureFactory(municipality=municipality, title="Hundsvep", status=MeasureStatus.COMPLETED)
    )
    text = _text(annual_report)
    assert "Under året gällde Åtgärdsplan 2021" in text
    assert "Färre unga provar narkotika." in text
    assert "Hundsvep (genomförd)" in text
    assert "Av de 1 insatser som planen pekar ut är 1 genomförda" in text


def test_an_action_plan_adopted_after_the_year_is_left_out(annual_report, municipality):
    AdoptedActionPlanFactory(municipality=municipality, decision_date=datetime.date(2024, 6, 10))
    assert "atgardsplan" not in _ids(annual_report)


def test_it_shows_the_safety_walks_and_how_many_findings_were_fixed(annual_report, municipality):
    for name in ("Kolarbyområdet", "Centrum", "Västanfors"):
        walk = WalkFactory(municipality=municipality, area=name, date=datetime.date(2021, 10, 5))
        FindingFactory(walk=walk, status=FindingStatus.FIXED)
        FindingFactory(walk=walk, status=FindingStatus.OPEN)
    text = _text(annual_report)
    assert "Under året genomfördes tre trygghetsvandringar" in text
    assert "Kolarbyområdet, Centrum och Västanfors" in text
    assert "6 brister noterade 3 åtgärdade 3 fortfarande öppna" in text


def test_it_shows_survey_answers_and_indicator_series(annual_report, municipality):
    survey = survey_services.survey_create(
        actor=None,
        municipality=municipality,
        title="Trygghetsenkät 2021",
        slug="trygghet-2021",
        opens_on=datetime.date(2021, 10, 1),
        closes_on=datetime.date(2021, 11, 30),
    )
    for _ in range(7):
        Response.objects.create(survey=survey, submitted_on=datetime.date(2021, 10, 9))
    series = SeriesFactory(municipality=municipality, name="Narkotika i avloppsvatten", unit="mg")
    for quarter, value in enumerate([1.5, 2.25], start=1):
        IndicatorValue.objects.create(
            series=series,
            period_label=f"2021 K{quarter}",
            period_start=datetime.date(2021, 3 * quarter - 2, 1),
            value=value,
        )
    IndicatorValue.objects.create(
        series=series, period_label="2023 K1", period_start=datetime.date(2023, 1, 1), value=9
    )
    text = _text(annual_report)
    assert "Totalt kom 7 svar in" in text
    assert "Narkotika i avloppsvatten" in text
    assert "2021 K2" in text and "2,2" in text  # the chart's numbers are in its table
    assert "2023 K1" not in text


def test_another_municipality_data_stays_out(annual_report, other_municipality):
    MeetingFactory(municipality=other_municipality, date=datetime.date(2021, 3, 3))
    WalkFactory(municipality=other_municipality, area="Torget", date=datetime.date(2021, 5, 5))
    assert _ids(annual_report) == ["inledning", "sammanfattning"]


def test_it_sets_the_key_figures_beside_last_years(annual_report, municipality):
    for day in (datetime.date(2020, 3, 3), datetime.date(2021, 3, 3), datetime.date(2021, 4, 4)):
        MeetingFactory(municipality=municipality, date=day)
    WalkFactory(municipality=municipality, date=datetime.date(2021, 10, 5))
    text = _text(annual_report)
    assert "Nyckeltal 2021 jämfört med 2020" in text
    assert "EST-möten 1 2" in text
    # No walk was ever recorded before 2021: 2020's count is unknown, not zero.
    assert "Trygghetsvandringar – 1" in text
    assert "Trygghetsvandringar 0 1" not in text


def test_a_year_without_records_of_a_kind_shows_a_dash_not_zero(annual_report, municipality):
    MeetingFactory(municipality=municipality, date=datetime.date(2020, 3, 3))
    MeetingFactory(municipality=municipality, date=datetime.date(2021, 3, 3))
    PeriodFactory(municipality=municipality, starts_on=datetime.date(2021, 3, 1))
    MeasureFactory(municipality=municipality, start_date=datetime.date(2021, 2, 1))
    WalkFactory(municipality=municipality, date=datetime.date(2021, 10, 5))
    text = _text(annual_report)
    assert "Insatser som pågick – 1" in text
    assert "Trygghetsvandringar – 1" in text
    assert not re.search(r"(Insatser som pågick|Trygghetsvandringar) 0", text)


def test_a_year_inside_the_records_keeps_its_real_zero(annual_report, municipality):
    MeetingFactory(municipality=municipality, date=datetime.date(2020, 3, 3))
    WalkFactory(municipality=municipality, date=datetime.date(2019, 10, 5))
    WalkFactory(municipality=municipality, date=datetime.date(2021, 10, 5))
    assert "Trygghetsvandringar 0 1" in _text(annual_report)


def test_without_last_years_data_there_is_no_comparison(annual_report, municipality):
    MeetingFactory(municipality=municipality, date=datetime.date(2021, 3, 3))
    assert "jamforelse" not in _ids(annual_report)


def test_it_agrees_in_number_with_how_many_problems_are_closed(annual_report, municipality):
    from situations.models import ProblemStatus
    from tests.situations.factories import ProblemFactory

    period = PeriodFactory(municipality=municipality, starts_on=datetime.date(2021, 3, 1))
    area = Area.objects.national().first()
    for status in (ProblemStatus.CLOSED, ProblemStatus.OPEN):
        ProblemFactory(municipality=municipality, period=period, area=area, status=status)
    text = _text(annual_report)
    assert "2 iakttagelser ur lägesbilden problem med ägare och plan. 1 av dem är avslutad." in text
