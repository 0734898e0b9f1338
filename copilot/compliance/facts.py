"""Collect the figures the tools produced, and decide whether a text figure equals one of them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from copilot.compliance.dates import date_matches
from copilot.compliance.figures import Figure, extract_figures
from copilot.compliance.models import Finding

if TYPE_CHECKING:
    from copilot.compliance.check_input import CheckInput

_HUNDRED = Decimal(100)


@dataclass
class GroundTruth:
    """Every number, date and clock time found anywhere in the facts."""

    numbers: set[Decimal] = field(default_factory=set)
    dates: set[date] = field(default_factory=set)
    times: set[str] = field(default_factory=set)

    def add_figure(self, figure: Figure) -> None:
        """Add the values of a figure read from a fact string."""
        for value in figure.values:
            if isinstance(value, Decimal):
                self.numbers.add(abs(value))
            elif isinstance(value, date):
                self.dates.add(value)
                self.numbers.add(Decimal(value.year))
            elif isinstance(value, str):
                self.times.add(value)

    def grounds(self, figure: Figure) -> bool:
        """Return whether any reading of a text figure equals a fact (dates by calendar day).

        A percentage also matches its fraction (15 % and 0.15); nothing else is derived:
        sums, differences and roundings of facts are not grounded.
        """
        for value in figure.values:
            if isinstance(value, Decimal):
                value = abs(value)
                if value in self.numbers:
                    return True
                if figure.kind == "percent" and value / _HUNDRED in self.numbers:
                    return True
            elif isinstance(value, str):
                if value in self.times:
                    return True
            elif date_matches(value, self.dates):
                return True
        return False


def collect_facts(facts: object, truth: GroundTruth | None = None) -> GroundTruth:
    """Walk any JSON-like value and collect every number, date and time in it.

    Numbers count as they are; strings are read with the same figure reader as the text
    (so "EUR 3,000", "2025-12-15T09:00:00Z" and "15 %" all count); dates and datetimes
    count by calendar day. Keys of mappings are labels, not facts.
    """
    truth = truth if truth is not None else GroundTruth()
    if isinstance(facts, bool) or facts is None:
        return truth
    if isinstance(facts, int | float | Decimal):
        number = Decimal(str(facts))
        if number.is_finite():
            truth.numbers.add(abs(number))
    elif isinstance(facts, datetime):
        truth.dates.add(facts.date())
        truth.times.add(facts.strftime("%H:%M"))
    elif isinstance(facts, date):
        truth.dates.add(facts)
    elif isinstance(facts, str):
        _collect_string(facts, truth)
    elif isinstance(facts, Mapping):
        for value in facts.values():
            collect_facts(value, truth)
    elif isinstance(facts, list | tuple | set | frozenset):
        for item in facts:
            collect_facts(item, truth)
    elif hasattr(facts, "model_dump"):
        collect_facts(facts.model_dump(), truth)
    return truth


@lru_cache(maxsize=65536)
def string_facts(text: str) -> tuple[tuple[Figure, ...], str | None]:
    """Return the figures in one fact string and the time of day it states (if a timestamp).

    Cached: tool outputs repeat the same strings (reasons, dates, names) turn after turn.
    """
    try:
        clock: str | None = datetime.fromisoformat(text.strip()).strftime("%H:%M")
    except ValueError:
        clock = None
    return tuple(extract_figures(text)), clock


def _collect_string(text: str, truth: GroundTruth) -> None:
    figures, clock = string_facts(text)
    for figure in figures:
        truth.add_figure(figure)
    if clock is not None:
        truth.times.add(clock)


def check_grounded_figures(check: CheckInput) -> list[Finding]:
    """Block every figure in the subject or body that equals no figure the tools produced."""
    return [
        Finding(
            rule="figures.ungrounded",
            severity="block",
            message=f"The {figure.kind} {figure.text!r} is not in the facts the tools produced;"
            " use the tool's figure or remove it.",
            excerpt=figure.text,
        )
        for figure in extract_figures(check.text, check.language)
        if not check.truth.grounds(figure)
    ]
