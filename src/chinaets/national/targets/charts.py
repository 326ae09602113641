"""Small, dependency-free SVG charts (line and bar) for the targets report.

matplotlib is not a dependency of chinaets; these charts need nothing but the standard library
and open in any browser. ``series`` are named lists of (x, y) points; ``marks`` are target
points drawn as labelled diamonds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from chinaets.national.targets.indicators import Observation

WIDTH, HEIGHT = 720, 400
LEFT, RIGHT, TOP, BOTTOM = 70, 220, 50, 50
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")

Point = tuple[float, float]


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    label: str


def index_points(steps: Sequence[Observation], base_year: int, base: float = 100.0) -> list[Point]:
    """An intensity index (base year = 100) from the chained steps of a progress row."""
    points: list[Point] = [(base_year, base)]
    level = base
    for step in steps:
        level *= step.factor
        points.append((step.year, level))
    return points


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    span = (high - low) or 1.0
    raw = span / count
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 0.1
    step = min((m * magnitude for m in (1, 2, 2.5, 5, 10)), key=lambda s: abs(span / s - count))
    start = (low // step) * step
    return [
        start + i * step
        for i in range(int((high - start) / step) + 2)
        if low - 1e-9 <= start + i * step <= high + 1e-9
    ]


class _Frame:
    """Maps data to pixels inside the plot area."""

    def __init__(self, xs: Sequence[float], ys: Sequence[float], zero: bool) -> None:
        self.x0, self.x1 = min(xs), max(xs)
        low, high = min(ys), max(ys)
        low = min(low, 0.0) if zero else low - 0.08 * ((high - low) or abs(high) or 1)
        self.y0, self.y1 = low, high + 0.08 * ((high - low) or abs(high) or 1)

    def px(self, x: float) -> float:
        span = (self.x1 - self.x0) or 1
        return LEFT + (x - self.x0) / span * (WIDTH - LEFT - RIGHT)

    def py(self, y: float) -> float:
        return HEIGHT - BOTTOM - (y - self.y0) / (self.y1 - self.y0) * (HEIGHT - TOP - BOTTOM)


def _axes(frame: _Frame, title: str, unit: str, integer_x: bool) -> list[str]:
    out = [
        f'<text x="{WIDTH / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">{escape(title)}</text>',
        f'<text x="14" y="{TOP - 14}" font-size="12">{escape(unit)}</text>',
    ]
    for y in _ticks(frame.y0, frame.y1):
        py = frame.py(y)
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{py:.1f}" y2="{py:.1f}" stroke="#ddd"/>'
        )
        out.append(
            f'<text x="{LEFT - 6}" y="{py + 4:.1f}" text-anchor="end" font-size="11">{y:g}</text>'
        )
    if integer_x:
        years = range(int(frame.x0), int(frame.x1) + 1)
        stride = max(1, -(-len(years) // 8))
        for x in list(years)[::stride]:
            out.append(
                f'<text x="{frame.px(x):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" font-size="11">{x}</text>'
            )
    out.append(
        f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" stroke="#333"/>'
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}" stroke="#333"/>'
    )
    return out


def _svg(body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif">'
        f'<rect width="100%" height="100%" fill="white"/>{"".join(body)}</svg>\n'
    )


def line_chart(
    title: str, unit: str, series: dict[str, list[Point]], marks: Sequence[Mark] = ()
) -> str:
    points = [p for pts in series.values() for p in pts] + [(m.x, m.y) for m in marks]
    frame = _Frame([p[0] for p in points], [p[1] for p in points], zero=False)
    body = _axes(frame, title, unit, integer_x=True)
    for i, (name, pts) in enumerate(series.items()):
        colour = COLOURS[i % len(COLOURS)]
        path = " ".join(f"{frame.px(x):.1f},{frame.py(y):.1f}" for x, y in pts)
        body.append(
            f'<polyline class="series" fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>'
        )
        body += [
            f'<circle cx="{frame.px(x):.1f}" cy="{frame.py(y):.1f}" r="3" fill="{colour}"><title>{x:g}: {y:.4g}</title></circle>'
            for x, y in pts
        ]
        ly = TOP + 16 * i
        body.append(
            f'<rect x="{WIDTH - RIGHT + 10}" y="{ly}" width="12" height="3" fill="{colour}"/>'
            f'<text x="{WIDTH - RIGHT + 26}" y="{ly + 5}" font-size="11">{escape(name)}</text>'
        )
    for m in marks:
        x, y = frame.px(m.x), frame.py(m.y)
        body.append(
            f'<path class="target" d="M{x:.1f},{y - 6:.1f} l6,6 l-6,6 l-6,-6 z" fill="none" stroke="#000"/>'
            f'<text x="{x + 8:.1f}" y="{y - 6:.1f}" font-size="10">{escape(m.label)}</text>'
        )
    return _svg(body)


def bar_chart(title: str, unit: str, bars: Sequence[tuple[str, float]]) -> str:
    frame = _Frame([0, max(1, len(bars))], [v for _, v in bars] or [0.0], zero=True)
    body = _axes(frame, title, unit, integer_x=False)
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(bars))
    for i, (label, value) in enumerate(bars):
        x = LEFT + i * slot + slot * 0.15
        top, base = frame.py(value), frame.py(0)
        body.append(
            f'<rect class="bar" x="{x:.1f}" y="{min(top, base):.1f}" width="{slot * 0.7:.1f}" '
            f'height="{abs(base - top):.1f}" fill="{COLOURS[0]}"><title>{escape(label)}: {value:.4g}</title></rect>'
            f'<text x="{x + slot * 0.35:.1f}" y="{min(top, base) - 4:.1f}" text-anchor="middle" font-size="11">{value:.3g}</text>'
            f'<text x="{x + slot * 0.35:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="10">{escape(label[:22])}</text>'
        )
    return _svg(body)
