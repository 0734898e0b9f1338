from __future__ import annotations

from datetime import date

import pytest

from copilot.compliance import check_draft
from copilot.compliance.dates import find_dates
from tests.copilot.compliance.conftest import make_context, make_draft

NATIVE_LONG_DATES = [
    ("21 January 2027", "en"),
    ("January 21, 2027", "en"),
    ("21 januari 2027", "sv"),
    ("21. januar 2027", "nb"),
    ("21. januar 2027", "da"),
    ("21. tammikuuta 2027", "fi"),
    ("21. janúar 2027", "is"),
]


@pytest.mark.parametrize(("text", "language"), NATIVE_LONG_DATES)
def test_native_long_dates_read_as_the_calendar_day(text: str, language: str) -> None:
    assert [match.values for match in find_dates(text)] == [frozenset({date(2027, 1, 21)})]


@pytest.mark.parametrize(
    "text", ["1. maaliskuuta 2027", "1. mars 2027", "1 mars 2027", "1. marts 2027"]
)
def test_other_months_read_natively_too(text: str) -> None:
    assert [match.values for match in find_dates(text)] == [frozenset({date(2027, 3, 1)})]


@pytest.mark.parametrize(("text", "language"), NATIVE_LONG_DATES)
def test_a_native_date_is_grounded_by_the_tools_iso_date(text: str, language: str) -> None:
    draft = make_draft(f"Renewal: {text}.", channel="talking_points", language="en")
    report = check_draft(
        draft, {"renewal_date": "2027-01-21"}, make_context(channel="talking_points")
    )
    assert "figures.ungrounded" not in {finding.rule for finding in report.findings}


def test_a_native_date_one_day_off_is_ungrounded() -> None:
    draft = make_draft("Fornyelse: 22. januar 2027.", channel="talking_points", language="da")
    report = check_draft(
        draft,
        {"renewal_date": "2027-01-21"},
        make_context(channel="talking_points", language="da"),
    )
    assert "figures.ungrounded" in {finding.rule for finding in report.findings}
