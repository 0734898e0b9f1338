from collections.abc import Callable

import pytest
from pydantic import ValidationError
from sqlalchemy.orm import Session

from tools.book.models import Customer
from tools.foundation.errors import InvalidDate, UnknownCustomer, UnknownProduct
from tools.foundation.settings import Settings
from tools.quote import NothingToQuote, QuoteRequest, quote
from tools.quote.table import load_rating_table

NORDIC_IT, OSLO = "S000001", "S000003"


def test_oslo_consulting_gets_the_business_protection_bundle(book_session: Session) -> None:
    result = quote(book_session, OSLO, ["PI", "GL", "CYBER"])
    assert result.bundle is not None
    assert result.bundle.code == "BUSINESS_PROTECTION"
    assert result.bundle.discount_pct == 15
    assert result.bundle.products == ["PI", "GL", "CYBER"]


def test_the_bundle_shows_each_parts_separate_price(book_session: Session) -> None:
    result = quote(book_session, OSLO, ["PI", "GL", "CYBER"])
    assert result.bundle is not None
    separate = {p.product: (p.separate_low_eur, p.separate_high_eur) for p in result.bundle.parts}
    lines = {line.product: (line.premium_low_eur, line.premium_high_eur) for line in result.lines}
    assert separate == lines
    assert "bought separately" in result.bundle.note


def test_bundle_figures_add_up_exactly(book_session: Session) -> None:
    bundle = quote(book_session, OSLO, ["PI", "GL", "CYBER"]).bundle
    assert bundle is not None
    assert bundle.separate_total_low_eur == sum(p.separate_low_eur for p in bundle.parts)
    assert bundle.separate_total_low_eur - bundle.bundle_total_low_eur == bundle.saving_low_eur
    assert bundle.separate_total_high_eur - bundle.bundle_total_high_eur == bundle.saving_high_eur


def test_the_total_applies_the_bundle_discount(book_session: Session) -> None:
    result = quote(book_session, OSLO, ["PI", "GL", "CYBER"])
    assert result.bundle is not None
    assert result.total_low_eur == result.bundle.bundle_total_low_eur


def test_every_quote_is_labelled_indicative_in_eur(book_session: Session) -> None:
    result = quote(book_session, NORDIC_IT, ["CYBER"])
    assert result.label == "indicative, not an offer"
    assert result.currency == "EUR"
    assert result.rating_table_version == load_rating_table().version


def test_a_single_product_gets_no_bundle(book_session: Session) -> None:
    assert quote(book_session, NORDIC_IT, ["CYBER", "DO"]).bundle is None


def test_prices_are_ranges_rounded_to_ten_euros(book_session: Session) -> None:
    for line in quote(book_session, NORDIC_IT, ["CYBER", "DO", "EPL"]).lines:
        assert line.premium_low_eur < line.premium_high_eur
        assert line.premium_low_eur % 10 == 0 and line.premium_high_eur % 10 == 0


def test_each_line_lists_its_rating_factors(book_session: Session) -> None:
    factors = quote(book_session, NORDIC_IT, ["CYBER"]).lines[0].factors
    for name in ("size_band", "industry_factor", "country_factor", "claims_factor"):
        assert name in factors


def test_a_riskier_industry_pays_more(
    fresh_book: Callable[[int], tuple[Settings, Session]],
) -> None:
    _, session = fresh_book(5)
    before = quote(session, OSLO, ["GL"]).lines[0].premium_low_eur
    session.get(Customer, OSLO).industry_code = "construction"  # type: ignore[union-attr]
    session.commit()
    assert quote(session, OSLO, ["GL"]).lines[0].premium_low_eur > before


def test_an_ineligible_line_is_marked_and_left_out_of_the_bundle(book_session: Session) -> None:
    # Nordic IT already holds PI: GL + CYBER still make the bundle minimum of two.
    result = quote(book_session, NORDIC_IT, ["PI", "GL", "CYBER"])
    pi = next(line for line in result.lines if line.product == "PI")
    assert not pi.eligible and pi.failed_rules == ["not_already_held"]
    assert result.bundle is not None and result.bundle.products == ["GL", "CYBER"]


def test_duplicate_codes_are_quoted_once(book_session: Session) -> None:
    assert [line.product for line in quote(book_session, OSLO, ["PI", "pi"]).lines] == ["PI"]


def test_unknown_product_raises_a_typed_error(book_session: Session) -> None:
    with pytest.raises(UnknownProduct):
        quote(book_session, OSLO, ["PI", "YACHT"])


def test_an_empty_product_list_raises_a_typed_error(book_session: Session) -> None:
    with pytest.raises(NothingToQuote):
        quote(book_session, OSLO, [])


def test_unknown_customer_raises_a_typed_error(book_session: Session) -> None:
    with pytest.raises(UnknownCustomer):
        quote(book_session, "S000404", ["PI"])


def test_a_date_in_the_wrong_format_raises_invalid_date(book_session: Session) -> None:
    with pytest.raises(InvalidDate):
        quote(book_session, OSLO, ["PI"], now="tomorrow")


def test_a_quote_request_needs_at_least_one_product() -> None:
    with pytest.raises(ValidationError):
        QuoteRequest(products=[])


def test_a_single_code_string_is_one_product(book_session: Session) -> None:
    assert [line.product for line in quote(book_session, OSLO, "PI").lines] == ["PI"]


def test_the_total_leaves_out_ineligible_lines(book_session: Session) -> None:
    result = quote(book_session, NORDIC_IT, ["PI", "DO"])
    do = next(line for line in result.lines if line.product == "DO")
    assert (result.total_low_eur, result.total_high_eur) == (
        do.premium_low_eur,
        do.premium_high_eur,
    )
