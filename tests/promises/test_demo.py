from municipalities import demo as municipalities_demo
from promises import demo, selectors
from promises.models import Commitment, Promise, PromiseStatus, PromiseTransition


def _snapshot():
    return (
        sorted(Promise.objects.values_list("municipality__slug", "period_start", "status")),
        sorted(Commitment.objects.values_list("promise__period_start", "position", "outcome")),
        PromiseTransition.objects.count(),
    )


def test_demo_loads_twice_with_the_same_result(db):
    municipalities = municipalities_demo.load()
    demo.load(municipalities)
    first = _snapshot()
    demo.load(municipalities)
    assert _snapshot() == first


def test_demo_gives_fagersta_a_year_of_followed_up_periods(db):
    municipalities = municipalities_demo.load()
    demo.load(municipalities)
    fagersta, hagfors = municipalities["fagersta"], municipalities["hagfors"]
    rows = selectors.fulfilment_by_period(fagersta)
    assert [row.period.label for row in rows] == [
        "mars–maj 2021",
        "juni–augusti 2021",
        "september–november 2021",
        "december 2021–februari 2022",
    ]
    assert all(row.total for row in rows)
    proposals = Promise.objects.for_municipality(fagersta).filter(status=PromiseStatus.PROPOSED)
    assert proposals.count() == 1
    renewed = Promise.objects.for_municipality(fagersta).get(
        period_start__year=2021, period_start__month=6
    )
    assert renewed.previous.period_start.month == 3
    assert renewed.commitments.filter(continued_from__isnull=False).exists()
    torget = Promise.objects.for_municipality(hagfors).get()
    assert torget.status == PromiseStatus.ACTIVE
    assert "torget" in torget.text
    assert torget.decision_reference
