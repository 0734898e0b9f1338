"""Figures are written as each language writes them and read back by the gate unchanged."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from copilot.compliance.figures import extract_figures
from copilot.drafting.formatting import (
    STYLES,
    format_date,
    format_eur,
    format_number,
    format_percent,
    price_range,
)


def test_each_language_writes_its_own_separators() -> None:
    assert format_eur(2_100_000, "en") == "EUR 2,100,000"
    assert format_eur(2_100_000, "sv") == "2\u00a0100\u00a0000 euro"
    assert format_eur(2_100_000, "da") == "2.100.000 euro"
    assert format_eur(1790, "fi") == "1\u00a0790 euroa"
    assert format_eur(1790, "is") == "1.790 evrur"
    assert format_percent(42.9, "en") == "42.9%"
    assert format_percent(42.9, "sv") == "42,9 %"
    assert format_percent(42.9, "is") == "42,9%"


def test_nothing_is_rounded_into_a_new_figure() -> None:
    assert format_number(0.08, "sv") == "0,08"
    assert format_number(3600.0, "en") == "3,600"
    assert format_number(1234.5, "da") == "1.234,5"


def test_dates_use_the_long_form_except_finnish() -> None:
    day = date(2027, 1, 21)
    assert format_date(day, "sv") == "21 januari 2027"
    assert format_date(day, "nb") == "21. januar 2027"
    assert format_date(day, "is") == "21. janúar 2027"
    assert format_date(date(2026, 11, 22), "fi") == "22.11.2026"


@pytest.mark.parametrize("language", list(STYLES))
def test_the_gate_reads_every_written_figure_back_to_the_tool_value(language: str) -> None:
    text = " ".join(
        [
            price_range(1790, 2180, language),
            format_eur(2_100_000, language),
            format_percent(42.9, language),
            format_date(date(2026, 11, 22), language),
        ]
    )

    values = [sorted(map(str, f.values)) for f in extract_figures(text, language)]

    assert sorted(values) == sorted([["2026-11-22"], ["1790"], ["2180"], ["2100000"], ["42.9"]]), (
        values
    )


def test_a_range_with_equal_ends_is_one_amount() -> None:
    assert price_range(950, 950, "sv") == "950 euro"
    assert price_range(950, 1170, "en") == "EUR 950 to EUR 1,170"
    assert Decimal("1170") in extract_figures(price_range(950, 1170, "nb"), "nb")[1].values
