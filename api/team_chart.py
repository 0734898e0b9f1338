"""The geometry of the team page's chart: conversion by model version, as SVG bars.

Computed here so the template only places shapes; the chart has a title, a description and a
``<title>`` per bar for screen readers, and the same figures are in a table below it. Each
model version's name sits on its own line above its bar, so a long version id stays readable
in the 400 px side panel (the chart is drawn at that width and scaled from it).
"""

from __future__ import annotations

from dataclasses import dataclass

from tools.learning.conversion import ConversionRow

WIDTH, BAR_HEIGHT, GAP, LABEL_HEIGHT, VALUE_WIDTH = 360, 18, 12, 17, 52
"""Chart width, bar height, space between versions, label line and value text (px)."""
ROW = LABEL_HEIGHT + BAR_HEIGHT + GAP


@dataclass(frozen=True)
class Bar:
    """One model version's bar."""

    label: str
    y: int
    """Top of the version's label line; the bar starts ``LABEL_HEIGHT`` below."""
    width: float
    text: str


def conversion_bars(rows: list[ConversionRow]) -> tuple[list[Bar], int]:
    """Return one bar per model version (scaled to the best rate) and the chart's height."""
    top = max((row.conversion for row in rows), default=0.0) or 1.0
    span = WIDTH - VALUE_WIDTH
    bars = [
        Bar(
            label=row.group.get("model_version", "all"),
            y=index * ROW,
            width=round(span * row.conversion / top, 1),
            text=f"{row.conversion:.1%} ({row.conversions} of {row.offers} offers)",
        )
        for index, row in enumerate(sorted(rows, key=lambda r: r.group.get("model_version", "")))
    ]
    return bars, max(len(bars) * ROW - GAP, ROW)
