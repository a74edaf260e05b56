import re

import pytest
from django.template import Context, Template

from fagersta.charts import FONT_SIZE, LINE, NARROW, WIDE, Chart, Series, value_axis, wrap

AREAS = [
    "Hot och våld",
    "Ordningsstörning och otrygghet",
    "Extremism och kriminella nätverk",
    "Ungdomar och skolor, ANDT",
    "Övrigt (t.ex. hot och hat på sociala medier)",
]


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
    assert chart.svg().count("<rect") == 3 + 2  # three bars and two legend keys


def test_the_page_gets_a_wide_and_a_narrow_drawing():
    chart = Chart(title="Problem", categories=AREAS, series=[Series("Lyfta", [3, 1, 0, 2, 1])])
    html = Template("{% load charts %}{% chart c %}").render(Context({"c": chart}))
    assert f'viewBox="0 0 {WIDE} ' in html and f'viewBox="0 0 {NARROW} ' in html
    # Two drawings, two different title ids for aria-labelledby.
    assert len(set(re.findall(r'<title id="([^"]+)"', html))) == 2


def test_line_chart_draws_one_point_per_value_and_breaks_at_missing_values():
    chart = Chart(
        title="Andel",
        categories=["Q1", "Q2", "Q3", "Q4", "Q5"],
        kind="line",
        unit=" %",
        series=[Series("Fagersta", [50, 75, None, 100, 90])],
        max_value=100,
    )
    svg = chart.svg()
    assert svg.count("<circle") == 4
    # No value is not zero: the line stops at Q3 instead of being drawn through it.
    assert svg.count("<polyline") == 2


@pytest.mark.parametrize(
    ("largest", "top", "ticks"),
    [
        (26, 30, [0, 10, 20, 30]),
        (4, 4, [0, 1, 2, 3, 4]),
        (7, 8, [0, 2, 4, 6, 8]),
        (11, 15, [0, 5, 10, 15]),
        (0, 1, [0, 1]),
        (13_000, 15_000, [0, 5_000, 10_000, 15_000]),
    ],
)
def test_a_count_axis_ends_just_above_the_largest_value_in_whole_steps(largest, top, ticks):
    axis = value_axis(largest, whole=True)
    assert axis.top == top
    assert axis.ticks == ticks
    assert all(float(t).is_integer() for t in axis.ticks)


def test_a_count_axis_never_has_fractional_ticks_even_when_small():
    for largest in range(1, 60):
        axis = value_axis(largest, whole=True)
        assert all(isinstance(t, int) for t in axis.ticks), largest
        assert largest <= axis.top < largest * 2 or axis.top - largest < axis.step
        assert len(axis.ticks) <= 6


def test_shares_keep_their_hundred_and_get_round_steps():
    assert value_axis(26, whole=True, top=100).ticks == [0, 20, 40, 60, 80, 100]
    assert value_axis(26, whole=True, top=100, intervals=2).ticks == [0, 50, 100]


def test_the_chart_axis_counts_in_whole_numbers():
    chart = Chart(
        title="Problem per område",
        categories=AREAS[:2],
        series=[Series("Lyfta", [26, 3]), Series("Avslutade", [20, 1])],
    )
    assert chart.axis().top == 30
    svg = chart.svg()
    tick_labels = re.findall(r'text-anchor="middle" fill="#222">([^<]*)</text>', svg)
    assert tick_labels == ["0", "10", "20", "30"]


def test_values_with_decimals_get_a_decimal_axis():
    axis = value_axis(3.7, whole=False)
    assert axis.top == 4


def test_labels_wrap_whole_instead_of_being_cut():
    lines = wrap("Ordningsstörning och otrygghet", 120)
    assert lines == ["Ordningsstörning", "och otrygghet"]
    for text in AREAS + ["Korsningen Försäkringskassan/Bragevägen"]:
        lines = wrap(text, 110)
        assert "".join(lines).replace("-", "").replace(" ", "") == text.replace(" ", "").replace(
            "-", ""
        )
        assert not any("…" in line for line in lines)


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_every_category_label_is_drawn_in_full_without_overlap(width):
    chart = Chart(
        title="Status per område",
        categories=AREAS,
        series=[Series("Grönt", [5, 3, 0, 2, 1]), Series("Rött", [1, 2, 0, 4, 6])],
        kind="stacked",
    )
    svg = chart.svg(width)
    label = r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="end"[^>]*>([^<]*)</text>'
    drawn = re.findall(label, svg)
    words = " ".join(text for _x, _y, text in drawn)
    for area in AREAS:
        for word in area.split():
            assert word in words or word.replace("(", "") in words
    baselines = sorted(float(y) for _x, y, _t in drawn)
    assert all(b - a >= LINE - 0.01 for a, b in zip(baselines, baselines[1:], strict=False))


@pytest.mark.parametrize("width", [WIDE, NARROW])
@pytest.mark.parametrize("kind", ["bar", "stacked", "line"])
def test_text_is_at_least_12_px_at_the_natural_size(width, kind):
    chart = Chart(
        title="Lägesbild",
        categories=[f"Sep–nov {year}" for year in range(2015, 2027)],
        series=[Series("Fagersta", list(range(12))), Series("Hagfors", list(range(12, 0, -1)))],
        kind=kind,
    )
    svg = chart.svg(width)
    # Drawn 1:1: the width in px is the width of the drawing, so no text is scaled down...
    assert f'width="{width}"' in svg and f'viewBox="0 0 {width} ' in svg
    # ...and no text anywhere is smaller than the chart's font size.
    sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)]
    assert sizes and min(sizes) >= FONT_SIZE >= 12
    assert "font-size" not in re.sub(r"<svg[^>]*>", "", svg)


def test_line_labels_that_do_not_fit_side_by_side_are_thinned_not_overlapped():
    categories = [f"Sep–nov {year}" for year in range(2015, 2027)]
    chart = Chart(title="Trend", categories=categories, series=[Series("A", [1] * 12)], kind="line")
    svg = chart.svg(NARROW)
    labels = re.findall(
        r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="middle"[^>]*>([^<]*)</text>', svg
    )
    first_lines = [(float(x), t) for x, y, t in labels if t.startswith("Sep")]
    assert 1 < len(first_lines) < len(categories)
    xs = [x for x, _t in first_lines]
    assert all(b - a >= 60 for a, b in zip(xs, xs[1:], strict=False))
