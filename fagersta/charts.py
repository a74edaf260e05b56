"""Server-rendered SVG charts.

The same markup is used on web pages and in the PDF report, so it relies on nothing but SVG
presentation attributes (no CSS, no script) and names its font explicitly: WeasyPrint would
otherwise fall back to a serif font. Every chart is shown together with a table of its numbers
(`templates/includes/chart.html`), so nothing is conveyed by the picture alone.

Text must stay readable (at least FONT_SIZE px) on a phone and in the PDF. An SVG that is scaled
down to fit shrinks its text with it, so each chart is drawn at two widths, WIDE (desktops and
the A4 page) and NARROW (phones), both meant to be shown at their natural size; the page shows
the one that fits its container. Sizes are laid out from an estimate of the text's width that
errs on the wide side, so labels wrap onto more lines instead of being cut or overlapping.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
FONT_SIZE = 12
LINE = 15  # distance between the baselines of a wrapped label
WIDE = 600
NARROW = 300
# Distinguishable for colour-blind readers and at least 3:1 against white.
PALETTE = ["#1d4f73", "#b35900", "#2e7d32", "#7b1fa2", "#a4161a", "#00695c"]
_ids = count(1)


@dataclass
class Series:
    name: str
    values: list[float | None]
    color: str | None = None


# -- text ------------------------------------------------------------------------------------
# Advance widths in em, rounded up from DejaVu Sans (the widest of the fonts named in FONT).
_NARROW_GLYPHS = frozenset("iIjl.,:;!|'()[]{} ")
_SEMI_GLYPHS = frozenset("frt-/–")
_WIDE_GLYPHS = frozenset("mwMW%@")
_BREAK_AFTER = re.compile(r"(?<=[/\-–])")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An upper estimate of how wide `text` is drawn at `size` px."""
    em = 0.0
    for char in text:
        if char in _NARROW_GLYPHS:
            em += 0.34
        elif char in _SEMI_GLYPHS:
            em += 0.5
        elif char in _WIDE_GLYPHS:
            em += 1.0
        elif char.isupper():
            em += 0.8
        else:
            em += 0.64
    return em * size


def wrap(text: str, width: float, size: float = FONT_SIZE) -> list[str]:
    """Break `text` into lines no wider than `width`: at spaces, after a slash or a dash, and
    only as a last resort inside a word (with a hyphen). Nothing is left out."""
    pieces: list[tuple[str, str]] = []
    for word in text.split():
        for i, part in enumerate(p for p in _BREAK_AFTER.split(word) if p):
            pieces.append((part, " " if i == 0 else ""))
    lines: list[str] = []
    line = ""
    for piece, joiner in pieces:
        candidate = f"{line}{joiner}{piece}" if line else piece
        if text_width(candidate, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = piece
        while text_width(line, size) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and text_width(line[:cut] + "-", size) > width:
                cut -= 1
            lines.append(line[:cut] + "-")
            line = line[cut:]
    if line:
        lines.append(line)
    return lines or [""]


# -- the value axis --------------------------------------------------------------------------
@dataclass(frozen=True)
class Axis:
    """From zero to `top` in steps of `step`; `top` is a whole number of steps."""

    top: float
    step: float

    @property
    def ticks(self) -> list[float]:
        n = round(self.top / self.step)
        return [_round(self.step * i) for i in range(n + 1)]


def _round(value: float) -> float:
    rounded = round(value, 9)
    return int(rounded) if float(rounded).is_integer() else rounded


def _steps(smallest: float, whole: bool):
    """Round steps (1, 2, 2.5, 5 times a power of ten) from `smallest` upwards."""
    exponent = math.floor(math.log10(smallest)) if smallest > 0 else 0
    while True:
        for mantissa in (1, 2, 2.5, 5):
            step = _round(mantissa * 10**exponent)
            if step < smallest:
                continue
            if whole and not float(step).is_integer():
                continue
            if mantissa == 2.5 and step < 10:
                continue  # 0.25 or 2.5 would need more decimals than the numbers have
            yield step
        exponent += 1


def value_axis(
    largest: float, *, whole: bool, top: float | None = None, intervals: int = 5
) -> Axis:
    """The axis for values up to `largest`: it ends at the first round number at or above it
    (26 gives 30, not 50) in at most `intervals` steps, and counts (`whole`) get whole-number
    ticks. A fixed `top` (100 for shares) keeps its end and only gets round steps."""
    intervals = max(intervals, 1)
    if top is not None:
        for step in _steps(top / intervals, whole):
            if step >= top or float(_round(top / step)).is_integer():
                return Axis(top=top, step=min(step, top))
    largest = max(largest, 0)
    if largest == 0:
        return Axis(top=1, step=1)
    for step in _steps(largest / intervals, whole):
        return Axis(top=_round(math.ceil(round(largest / step, 9)) * step), step=step)
    raise AssertionError("unreachable")


def fmt(value: float) -> str:
    """A number as Swedish text: a space between thousands, a decimal comma, one decimal."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u00a0")
    return f"{value:,.1f}".replace(",", "\u00a0").replace(".", ",")


# -- charts ----------------------------------------------------------------------------------
@dataclass
class Chart:
    """A bar or line chart: one value per category for every series. Bars run sideways, one
    row per category, so that long category names have room to wrap."""

    title: str
    categories: list[str]
    series: list[Series]
    kind: str = "bar"  # "bar", "stacked" or "line"
    unit: str = ""
    max_value: float | None = None
    id: str = field(default_factory=lambda: f"chart-{next(_ids)}")

    def svg(self, width: int = WIDE) -> SafeString:
        drawing = _Drawing(self, width)
        if self.kind == "line":
            drawing.line()
        else:
            drawing.bars(stacked=self.kind == "stacked")
        return drawing.render()

    def whole(self) -> bool:
        """Whether every value is a whole number (a count), so the axis counts in whole steps."""
        return all(float(v).is_integer() for s in self.series for v in s.values if v is not None)

    def largest(self) -> float:
        if self.kind == "stacked":
            totals = [
                sum(s.values[i] or 0 for s in self.series if i < len(s.values))
                for i in range(len(self.categories))
            ]
            return max(totals, default=0)
        return max((v for s in self.series for v in s.values if v is not None), default=0)

    def axis(self, intervals: int = 5) -> Axis:
        return value_axis(
            self.largest(), whole=self.whole(), top=self.max_value or None, intervals=intervals
        )

    def tick_label(self, value: float) -> str:
        if float(value).is_integer() or abs(value) >= 0.1:
            text = fmt(value)
        else:  # steps of 0.01 and smaller need their own decimals to tell the ticks apart
            text = f"{value:.{-math.floor(math.log10(abs(value)))}f}".replace(".", ",")
        return text + ("\u00a0%" if self.unit.strip() == "%" else "")

    def rows(self) -> list[tuple[str, list[str]]]:
        """The numbers behind the chart, one row per category, for its table."""
        return [
            (
                category,
                [
                    "–" if i >= len(s.values) or s.values[i] is None else fmt(s.values[i])
                    for s in self.series
                ],
            )
            for i, category in enumerate(self.categories)
        ]


class _Drawing:
    """Lays out one chart at one width, top to bottom, and collects its SVG elements."""

    def __init__(self, chart: Chart, width: int):
        self.chart = chart
        self.width = width
        self.parts: list[str] = []
        self.y = 4.0
        self.legend()

    def color(self, index: int) -> str:
        return self.chart.series[index].color or PALETTE[index % len(PALETTE)]

    def text(self, x: float, y: float, text: str, anchor: str = "start", fill="#222") -> None:
        self.parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}">'
            f"{escape(text)}</text>"
        )

    def legend(self) -> None:
        if len(self.chart.series) < 2:
            return
        x, row_height = 0.0, 0.0
        for i, s in enumerate(self.chart.series):
            lines = wrap(s.name, self.width - 20)
            item = 18 + max(text_width(line) for line in lines)
            if x and x + item > self.width:
                x, self.y = 0.0, self.y + row_height + 4
                row_height = 0.0
            self.parts.append(
                f'<rect x="{x:.1f}" y="{self.y + 1:.1f}" width="12" height="12" '
                f'fill="{self.color(i)}"/>'
            )
            for n, line in enumerate(lines):
                self.text(x + 16, self.y + 11 + n * LINE, line)
            x += item + 14
            row_height = max(row_height, len(lines) * LINE)
        self.y += row_height + 10

    def value_axis(self, length: float) -> Axis:
        """As many steps as fit `length` with their labels apart."""
        chart = self.chart
        widest = text_width(chart.tick_label(max(chart.max_value or 0, chart.largest() * 2)))
        return chart.axis(intervals=min(5, max(1, int(length // (widest + 10)))))

    def bars(self, stacked: bool) -> None:
        chart = self.chart
        label_w = round(self.width * 0.38)
        x0 = label_w + 8
        right = text_width(chart.tick_label(max(chart.max_value or 0, chart.largest() * 2)))
        plot_w = self.width - x0 - right / 2 - 4
        axis = self.value_axis(plot_w)
        groups = 1 if stacked else max(len(chart.series), 1)
        bar_h = 18 if groups == 1 else 13
        top_y = self.y
        grid_at = len(self.parts)
        for i, category in enumerate(chart.categories):
            lines = wrap(category, label_w)
            row_h = max(len(lines) * LINE, groups * bar_h) + 10
            middle = self.y + row_h / 2
            first = middle - (len(lines) - 1) * LINE / 2 + 4
            for n, line in enumerate(lines):
                self.text(label_w, first + n * LINE, line, anchor="end")
            base = x0
            block_top = middle - groups * bar_h / 2
            for j, s in enumerate(chart.series):
                value = s.values[i] if i < len(s.values) else None
                if value is None:
                    continue
                length = plot_w * min(value, axis.top) / axis.top
                y = block_top if stacked else block_top + j * bar_h
                x = base if stacked else x0
                self.parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{length:.1f}" '
                    f'height="{bar_h - 1}" fill="{self.color(j)}"><title>'
                    f"{escape(s.name)}, {escape(category)}: {escape(fmt(value))}"
                    f"{escape(chart.unit)}</title></rect>"
                )
                if stacked:
                    base += length
            self.y += row_h
        grid = []
        for tick in axis.ticks:
            x = x0 + plot_w * tick / axis.top
            grid.append(
                f'<line x1="{x:.1f}" y1="{top_y:.1f}" x2="{x:.1f}" y2="{self.y:.1f}" '
                f'stroke="{"#333" if tick == 0 else "#d0d0d0"}"/>'
            )
        self.parts[grid_at:grid_at] = grid
        for tick in axis.ticks:
            self.text(x0 + plot_w * tick / axis.top, self.y + 16, chart.tick_label(tick), "middle")
        self.y += 22

    def line(self) -> None:
        chart = self.chart
        plot_h = 180 if self.width >= WIDE else 150
        axis = chart.axis()  # five steps of a line's height always keep their labels apart
        x0 = max(text_width(chart.tick_label(t)) for t in axis.ticks) + 10
        inset, right = 30.0, 8.0
        n = len(chart.categories)
        step = (self.width - x0 - 2 * inset - right) / max(n - 1, 1)
        top_y = self.y + 6
        bottom = top_y + plot_h
        for tick in axis.ticks:
            y = bottom - plot_h * tick / axis.top
            self.parts.append(
                f'<line x1="{x0:.1f}" y1="{y:.1f}" x2="{self.width - right:.1f}" y2="{y:.1f}" '
                f'stroke="{"#333" if tick == 0 else "#d0d0d0"}"/>'
            )
            self.text(x0 - 6, y + 4, chart.tick_label(tick), anchor="end", fill="#333")
        for j, s in enumerate(chart.series):
            points = []
            for i, value in enumerate(s.values[:n]):
                if value is None:
                    points.append(None)  # a gap in the line: no value is not zero
                    continue
                x = x0 + inset + step * i
                y = bottom - plot_h * min(value, axis.top) / axis.top
                points.append((x, y, value, i))
            for segment in _segments(points):
                if len(segment) > 1:
                    path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _v, _i in segment)
                    self.parts.append(
                        f'<polyline points="{path}" fill="none" stroke="{self.color(j)}" '
                        f'stroke-width="2"/>'
                    )
            for x, y, value, i in (p for p in points if p is not None):
                self.parts.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{self.color(j)}">'
                    f"<title>{escape(s.name)}, {escape(chart.categories[i])}: "
                    f"{escape(fmt(value))}{escape(chart.unit)}</title></circle>"
                )
        every, labels = self.category_labels(step, inset + right)
        deepest = 0
        for i in range(0, n, every):
            for k, line in enumerate(labels[i]):
                self.text(x0 + inset + step * i, bottom + 16 + k * LINE, line, anchor="middle")
            deepest = max(deepest, len(labels[i]))
        self.y = bottom + 6 + deepest * LINE + 6

    def category_labels(self, step: float, edge: float) -> tuple[int, list[list[str]]]:
        """Label every `every`th point, as often as the labels fit side by side in two lines
        at most; the table under the chart names every point."""
        categories = self.chart.categories
        for every in range(1, len(categories) + 1):
            room = min(step * every - 8, 2 * edge) if len(categories) > 1 else 2 * edge
            labels = [wrap(c, room) for c in categories]
            shown = labels[::every]
            if all(len(lines) <= 2 and not _broken(lines) for lines in shown):
                return every, labels
        return len(categories) or 1, [wrap(c, 2 * edge) for c in categories]

    def render(self) -> SafeString:
        w, h = self.width, math.ceil(self.y + 4)
        title_id = f"{self.chart.id}-{w}-title"
        return mark_safe(  # noqa: S308 - every text node is escaped
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" '
            f'height="{h}" role="img" aria-labelledby="{title_id}" font-family="{FONT}" '
            f'font-size="{FONT_SIZE}"><title id="{title_id}">{escape(self.chart.title)}</title>'
            + "".join(self.parts)
            + "</svg>"
        )


def _segments(points):
    segment = []
    for point in points:
        if point is None:
            if segment:
                yield segment
            segment = []
        else:
            segment.append(point)
    if segment:
        yield segment


def _broken(lines: list[str]) -> bool:
    """Whether a word had to be split to fit."""
    return any(line.endswith("-") and not line.endswith(" -") for line in lines[:-1])
