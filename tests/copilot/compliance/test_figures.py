from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from copilot.compliance import check_draft
from copilot.compliance.facts import collect_facts
from copilot.compliance.figures import extract_figures
from tests.copilot.compliance.conftest import make_context, make_draft


def _values(text: str, language: str = "en") -> list[set[object]]:
    return [set(figure.values) for figure in extract_figures(text, language)]


def _ungrounded(
    text: str, facts: object, language: str = "en", subject: str | None = None
) -> list[str]:
    draft = make_draft(text, subject=subject, channel="talking_points", language=language)
    report = check_draft(draft, facts, make_context(channel="talking_points", language=language))
    return [f.excerpt for f in report.findings if f.rule == "figures.ungrounded"]


@pytest.mark.parametrize(
    "text", ["EUR 3,000", "€3 000", "3.000 kr", "3'000", "3\u2009000", "3k", "three thousand euros"]
)
def test_amount_formats_read_as_3000(text: str) -> None:
    assert Decimal(3000) in set().union(*_values(text))


@pytest.mark.parametrize("text", ["three thousand euros", "3 000", "3.000", "EUR 3,000"])
def test_restated_3000_is_grounded(text: str) -> None:
    assert _ungrounded(f"The limit is {text}.", {"limit_eur": 3000}) == []


def test_nearby_amount_is_not_grounded() -> None:
    assert _ungrounded("The limit is EUR 3,100.", {"limit_eur": 3000}) == ["3,100"]


def test_decimal_comma_amount_reads_as_decimal() -> None:
    assert _values("3000,50") == [{Decimal("3000.50")}]


@pytest.mark.parametrize(
    "text", ["15 December 2025", "15.12.2025", "December 15, 2025", "15/12/2025", "15 dec 2025"]
)
def test_date_formats_grounded_against_iso_fact(text: str) -> None:
    assert _ungrounded(f"Your policy renews on {text}.", {"renewal": "2025-12-15"}) == []


def test_wrong_date_is_not_grounded() -> None:
    assert (
        _ungrounded("Your policy renews on 16 December 2025.", {"renewal": "2025-12-15T09:00:00Z"})
        != []
    )


def test_nordic_month_name_reads_as_date() -> None:
    assert _values("förnyas den 15 december 2025", "sv") == [{date(2025, 12, 15)}]


def test_finnish_date_reads_as_date() -> None:
    assert _values("uusitaan 15. joulukuuta 2025", "fi") == [{date(2025, 12, 15)}]


@pytest.mark.parametrize("text", ["15 %", "15%", "15 procent", "15 prosenttia", "fifteen per cent"])
def test_percentage_grounded_by_fraction(text: str) -> None:
    assert _ungrounded(f"Bundle discount {text}.", {"discount": 0.15}) == []


def test_subject_line_figure_is_checked() -> None:
    assert _ungrounded(
        "See the attached review.", {"premium": 1200}, subject="Save EUR 450 today"
    ) == ["450"]


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("tre tusen kronor", "sv", 3000),
        ("femton procent", "sv", 15),
        ("femogtyve ansatte", "da", 25),
        ("to hundrede og halvtreds", "da", 250),
        ("tre tusen fem hundre", "nb", 3500),
        ("kolmetuhatta euroa", "fi", 3000),
        ("kaksikymmentäviisi", "fi", 25),
        ("twenty five", "en", 25),
    ],
)
def test_number_words_are_figures(text: str, language: str, value: int) -> None:
    assert _values(text, language) == [{Decimal(value)}]


def test_numbers_in_words_must_be_grounded() -> None:
    assert _ungrounded("You have twelve employees.", {"employees": 15}) == ["twelve"]


def test_structural_numbers_are_not_figures() -> None:
    text = "1. Review cover\n2) Call back\nWe answer 24/7, see GDPR Art. 21 [3]"
    text += ", call +46 8 123 456 78."
    assert extract_figures(text) == []


def test_one_as_article_is_not_a_figure() -> None:
    assert extract_figures("One of our advisors will send en offert.", "sv") == []


def test_facts_collect_numbers_strings_and_datetimes() -> None:
    truth = collect_facts({"a": [1.5, "EUR 2,100-3,600", {"at": "2026-01-31T10:00:00"}], "b": True})
    assert {Decimal("1.5"), Decimal(2100), Decimal(3600)} <= truth.numbers
    assert date(2026, 1, 31) in truth.dates


def test_scaled_amount_matches_plain_fact() -> None:
    assert _ungrounded("Revenue grew to EUR 3.0M.", {"revenue_eur": 3000000}) == []


@pytest.mark.parametrize(
    "phone", ["08-123 45 67", "070-123 45 67", "+358 9 1234 5678", "tel. 33 12 34 56"]
)
def test_phone_numbers_are_not_figures(phone: str) -> None:
    assert extract_figures(f"Call your advisor on {phone}.") == []


def test_two_decimal_number_is_not_a_time() -> None:
    assert _ungrounded("Premiums rise 2.50 % next year.", {"increase_pct": 2.5}) == []


@pytest.mark.parametrize("text", ["kl. 10.00", "klo 10.00", "10:00"])
def test_clock_times_read_as_times(text: str) -> None:
    assert _values(f"We call at {text}.") == [{"10:00"}]


def test_day_month_without_year_matches_fact_date() -> None:
    assert _ungrounded("Uusitaan 15.12. alkaen.", {"renewal": "2025-12-15"}, language="fi") == []


def test_decimal_at_sentence_end_stays_a_number() -> None:
    assert _ungrounded("The factor is 3.5.", {"factor": 3.5}) == []
