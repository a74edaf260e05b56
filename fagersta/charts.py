"""Server-rendered SVG charts.

The same markup is used on web pages and in the PDF report, so it relies on nothing but SVG
presentation attributes (no CSS, no script) and names its font explicitly: WeasyPrint would
otherwise fall back to a serif font. Every chart is shown together with a table of its numbers
(`templates/includes/chart.html`), so nothing is conveyed by the picture alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
# Distinguishable for colour-blind readers and at least 3:1 against white.
PALETTE = ["#1d4f73", "#b35900", "#2e7d32", "#7b1fa2", "#a4161a", "#00695c"]
_ids = count(1)


@dataclass
class Series:
    name: str
    values: list[float | None]
    color: str | None = None


@dataclass
class Chart:
    """A bar or line chart: one value per category for every series."""

    title: str
    categories: list[str]
    series: list[Series]
    kind: str = "bar"  # "bar", "stacked" or "line"
    unit: str = ""
    max_value: float | None = None
    width: int = 640
    height: int = 280
    id: str = field(default_factory=lambda: f"chart-{next(_ids)}")

    def svg(self) -> SafeString:
        if self.kind == "line":
            return self._line()
        return self._bars(stacked=self.kind == "stacked")

    # -- helpers -------------------------------------------------------------------------
    def _top(self) -> float:
        if self.max_value is not None:
            return self.max_value or 1
        if self.kind == "stacked":
            totals = [
                sum(s.values[i] or 0 for s in self.series) for i in range(len(self.categories))
            ]
            top = max(totals, default=0)
        else:
            top = max((v for s in self.series for v in s.values if v is not None), default=0)
        return _nice(top)

    def _frame(self, body: list[str], top: float, left: int, bottom: int) -> SafeString:
        w, h = self.width, self.height
        plot_h = h - bottom - 30
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" '
            f'role="img" aria-labelledby="{self.id}-title" font-family="{FONT}" font-size="12">',
            f'<title id="{self.id}-title">{escape(self.title)}</title>',
        ]
        for step in range(5):
            value = top * step / 4
            y = 30 + plot_h - plot_h * step / 4
            parts.append(
                f'<line x1="{left}" y1="{y:.1f}" x2="{w - 10}" y2="{y:.1f}" stroke="#d0d0d0"/>'
                f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#333">'
                f"{escape(_fmt(value))}</text>"
            )
        parts.extend(body)
        parts.append(
            f'<line x1="{left}" y1="{30 + plot_h}" x2="{w - 10}" y2="{30 + plot_h}" stroke="#333"/>'
        )
        parts.extend(self._legend(left))
        parts.append("</svg>")
        return mark_safe("".join(parts))  # noqa: S308 - every text node above is escaped

    def _legend(self, left: int) -> list[str]:
        if len(self.series) < 2:
            return []
        out, x = [], left
        for i, s in enumerate(self.series):
            color = s.color or PALETTE[i % len(PALETTE)]
            out.append(
                f'<rect x="{x}" y="8" width="12" height="12" fill="{color}"/>'
                f'<text x="{x + 16}" y="18" fill="#222">{escape(s.name)}</text>'
            )
            x += 24 + 7 * len(s.name)
        return out

    def _label(self, x: float, y: float, text: str) -> str:
        short = text if len(text) <= 14 else text[:13] + "…"
        return (
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" fill="#222">{escape(short)}</text>'
        )

    def _bars(self, stacked: bool) -> SafeString:
        left, bottom = 48, 40
        plot_w = self.width - left - 10
        plot_h = self.height - bottom - 30
        top = self._top()
        n = max(len(self.categories), 1)
        slot = plot_w / n
        groups = 1 if stacked else max(len(self.series), 1)
        bar_w = max(slot * 0.7 / groups, 2)
        body = []
        for i, category in enumerate(self.categories):
            x0 = left + slot * i + slot * 0.15
            base = 30 + plot_h
            for j, s in enumerate(self.series):
                value = s.values[i] if i < len(s.values) else None
                if value is None:
                    continue
                color = s.color or PALETTE[j % len(PALETTE)]
                bar_h = plot_h * min(value, top) / top
                x = x0 if stacked else x0 + j * bar_w
                y = base - bar_h
                body.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{bar_h:.1f}" '
                    f'fill="{color}"><title>{escape(s.name)}, {escape(category)}: '
                    f"{escape(_fmt(value))}{escape(self.unit)}</title></rect>"
                )
                if stacked:
                    base = y
            body.append(self._label(left + slot * i + slot / 2, 30 + plot_h + 16, category))
        return self._frame(body, top, left, bottom)

    def _line(self) -> SafeString:
        left, bottom = 48, 40
        plot_w = self.width - left - 20
        plot_h = self.height - bottom - 30
        top = self._top()
        n = len(self.categories)
        step = plot_w / max(n - 1, 1)
        body = []
        for j, s in enumerate(self.series):
            color = s.color or PALETTE[j % len(PALETTE)]
            points = []
            for i, value in enumerate(s.values):
                if value is None:
                    continue
                x = left + 10 + step * i
                y = 30 + plot_h - plot_h * min(value, top) / top
                points.append((x, y, value, i))
            if len(points) > 1:
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _v, _i in points)
                body.append(
                    f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>'
                )
            for x, y, value, i in points:
                body.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{color}">'
                    f"<title>{escape(s.name)}, {escape(self.categories[i])}: "
                    f"{escape(_fmt(value))}{escape(self.unit)}</title></circle>"
                )
        for i, category in enumerate(self.categories):
            body.append(self._label(left + 10 + step * i, 30 + plot_h + 16, category))
        return self._frame(body, top, left, bottom)

    def rows(self) -> list[tuple[str, list[str]]]:
        """The numbers behind the chart, one row per category, for its table."""
        return [
            (
                category,
                [
                    "–" if i >= len(s.values) or s.values[i] is None else _fmt(s.values[i])
                    for s in self.series
                ],
            )
            for i, category in enumerate(self.categories)
        ]


def _nice(value: float) -> float:
    if value <= 0:
        return 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100):
        if value <= candidate:
            return candidate
    magnitude = 10 ** (len(str(int(value))) - 1)
    return (int(value / magnitude) + 1) * magnitude


def _fmt(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u00a0")
    return f"{value:.1f}".replace(".", ",")
