from django.template import Context, Template

from fagersta.charts import Chart, Series


def test_bar_chart_escapes_labels_and_lists_every_number():
    chart = Chart(
        title="Svar <per> område",
        categories=["Centrum", "Västanfors"],
        series=[Series("2021", [12, 7]), Series("2022", [None, 3.5])],
    )
    html = Template("{% load charts %}{% chart c %}").render(Context({"c": chart}))
    assert "<per>" not in html
    assert "Svar &lt;per&gt; område" in html
    assert 'font-family="DejaVu Sans' in html
    assert chart.rows() == [("Centrum", ["12", "–"]), ("Västanfors", ["7", "3,5"])]
    assert html.count("<rect") >= 3


def test_line_chart_draws_one_point_per_value():
    chart = Chart(
        title="Andel",
        categories=["Q1", "Q2", "Q3"],
        kind="line",
        unit=" %",
        series=[Series("Fagersta", [50, 75, 100])],
        max_value=100,
    )
    svg = chart.svg()
    assert svg.count("<circle") == 3
    assert "<polyline" in svg


def test_stacked_chart_scales_to_the_total():
    chart = Chart(
        title="Status",
        categories=["v1"],
        kind="stacked",
        series=[Series("grön", [3]), Series("röd", [1])],
    )
    assert chart._top() == 5
