import pytest

from municipalities import demo as municipalities_demo
from surveys import demo, selectors
from surveys import results as survey_results
from surveys.models import Answer, Finding, IndicatorValue, Response, SafetyWalk, Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    municipalities = municipalities_demo.load()
    demo.load(municipalities)
    return municipalities


def snapshot():
    return (
        sorted(SafetyWalk.objects.values_list("area", "date")),
        sorted(Finding.objects.values_list("description", "status")),
        Response.objects.count(),
        sorted(
            (code, label or "", text)
            for code, label, text in Answer.objects.values_list(
                "question__code", "choice__label", "text"
            )
        ),
        sorted(IndicatorValue.objects.values_list("series__name", "period_label", "value")),
    )


def test_demo_is_idempotent(loaded):
    first = snapshot()
    demo.load(loaded)
    assert snapshot() == first


def test_demo_follows_fagersta_annual_report(loaded):
    fagersta = loaded["fagersta"]
    walks = SafetyWalk.objects.for_municipality(fagersta)
    assert sorted(w.area for w in walks) == ["Centrum", "Kolarbyområdet", "Västanfors"]
    assert {w.date.month for w in walks} == {10}
    assert Finding.objects.filter(place__name="Korsningen Försäkringskassan/Bragevägen").exists()
    survey = Survey.objects.for_municipality(fagersta).get()
    assert survey.is_example
    summary = survey_results.survey_summary(survey=survey)
    assert summary["answers"] == 187
    assert {label for label, _count in summary["top_wishes"][:2]} == {
        "Fler poliser",
        "Bättre belysning",
    }
    results = summary["results"]
    age = next(q for q in results.questions if q.question.code == "age_group")
    assert max(age.options, key=lambda o: o.count).label == "40–59 år"
    info = next(q for q in results.questions if q.question.code == "info_source")
    assert max(info.options, key=lambda o: o.count).label == "Vet inte var jag hittar information"


def test_demo_has_hagfors_ntu_figure(loaded):
    series = selectors.series_values(municipality=loaded["hagfors"])
    values = [(s.source, v.value) for s in series for v in s.values.all()]
    assert values == [("ntu", 12)]


def test_selectors_for_reports(loaded):
    counts = selectors.walk_counts_by_year(municipality=loaded["fagersta"])
    assert counts[2021]["walks"] == 3
    assert counts[2021]["findings"] == 6
    assert counts[2021]["fixed"] == 3
    assert counts[2021]["open"] == 2
    walks = list(selectors.walks_in_year(municipality=loaded["fagersta"], year=2021))
    assert [len(w.findings.all()) for w in walks] == [2, 2, 2]
    assert selectors.surveys_in_year(municipality=loaded["fagersta"], year=2021).count() == 1
    assert selectors.walk_counts_by_year(municipality=loaded["hagfors"]) == {}


def test_finding_export_rows(loaded, django_assert_num_queries):
    with django_assert_num_queries(1):
        header, rows = selectors.finding_export_rows(municipality=loaded["fagersta"], year=2021)
    assert len(header) == len(rows[0]) == 13
    assert len(rows) == 6
    crossing = next(r for r in rows if r[3] == "Korsningen Försäkringskassan/Bragevägen")
    assert crossing[10] == "Vidarebefordrad"
    assert selectors.finding_export_rows(municipality=loaded["fagersta"], year=2020)[1] == []
