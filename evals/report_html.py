"""The eval run as one self-contained HTML page: verdicts, failing cases, inline SVG charts.

No script and no external file: the page opens from disk in any browser. Everything from a
dataset or a draft is autoescaped.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from evals.results import CaseResult, Series
from evals.runner import RunResult

_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
)
BAR_HEIGHT = 18
WIDTH = 560


def bar_chart(series: Series) -> dict[str, Any]:
    """Return the geometry of a horizontal bar chart (values scaled to the largest)."""
    top = max((abs(y) for _, y in series.points), default=1.0) or 1.0
    rows = [
        {
            "label": str(label),
            "value": value,
            "y": i * (BAR_HEIGHT + 6),
            "width": round(300 * abs(value) / top, 1),
        }
        for i, (label, value) in enumerate(series.points)
    ]
    return {"rows": rows, "height": len(rows) * (BAR_HEIGHT + 6) + 4, "bar": BAR_HEIGHT}


def line_chart(series: Series) -> dict[str, Any]:
    """Return the polyline(s) of an x-y chart scaled into the plot area."""
    points = [(float(x), y) for x, y in series.points]
    reference = series.reference or []
    xs = [x for x, _ in points + reference] or [0.0, 1.0]
    ys = [y for _, y in points + reference] or [0.0, 1.0]
    x0, x1 = min(xs), max(xs)
    y0, y1 = min(0.0, min(ys)), max(ys)
    width, height, pad = WIDTH - 60, 220, 30

    def scale(x: float, y: float) -> str:
        sx = pad + (x - x0) / ((x1 - x0) or 1) * width
        sy = pad + height - (y - y0) / ((y1 - y0) or 1) * height
        return f"{sx:.1f},{sy:.1f}"

    return {
        "line": " ".join(scale(x, y) for x, y in points),
        "reference": " ".join(scale(x, y) for x, y in reference),
        "x0": x0,
        "x1": x1,
        "y0": y0,
        "y1": y1,
        "width": width + 2 * pad,
        "height": height + 2 * pad,
        "pad": pad,
    }


def _number(value: float) -> str:
    if math.isnan(value):
        return "missing"
    return f"{value:.3f}" if abs(value) < 100 else f"{value:,.0f}"


def pass_rates(cases: list[CaseResult]) -> list[Series]:
    """Return the share of cases passed by tag and by language (when the cases have them)."""
    charts = []
    for title, keys in (
        ("Cases passed by tag", lambda c: c.tags),
        ("Cases passed by language", lambda c: [c.language] if c.language else []),
    ):
        groups: dict[str, list[bool]] = {}
        for case in cases:
            for key in keys(case):
                groups.setdefault(key, []).append(case.passed)
        if len(groups) > 1:
            points = [(k, sum(v) / len(v)) for k, v in sorted(groups.items())]
            charts.append(Series(title=title, kind="bar", y_label="share passed", points=points))
    return charts


def render_report(run: RunResult) -> str:
    """Return the run's HTML report."""
    _ENV.filters["number"] = _number
    _ENV.filters["pretty"] = lambda v: json.dumps(v, indent=2, ensure_ascii=False, default=str)
    template = _ENV.get_template("report.html")
    return template.render(
        run=run, bar_chart=bar_chart, line_chart=line_chart, pass_rates=pass_rates
    )
