"""The geometry of the team page's chart: conversion by model version, as SVG bars.

Computed here so the template only places shapes; the chart has a title, a description and a
``<title>`` per bar for screen readers, and the same figures are in a table below it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tools.learning.conversion import ConversionRow

WIDTH, BAR_HEIGHT, GAP, LABEL_WIDTH = 560, 28, 12, 200
"""Chart width, bar height, space between bars and the width of the label column (px)."""


@dataclass(frozen=True)
class Bar:
    """One model version's bar."""

    label: str
    y: int
    width: float
    text: str


def conversion_bars(rows: list[ConversionRow]) -> tuple[list[Bar], int]:
    """Return one bar per model version (scaled to the best rate) and the chart's height."""
    top = max((row.conversion for row in rows), default=0.0) or 1.0
    span = WIDTH - LABEL_WIDTH - 80
    bars = [
        Bar(
            label=row.group.get("model_version", "all"),
            y=index * (BAR_HEIGHT + GAP),
            width=round(span * row.conversion / top, 1),
            text=f"{row.conversion:.1%} ({row.conversions} of {row.offers} offers)",
        )
        for index, row in enumerate(sorted(rows, key=lambda r: r.group.get("model_version", "")))
    ]
    return bars, max(len(bars) * (BAR_HEIGHT + GAP), BAR_HEIGHT)
