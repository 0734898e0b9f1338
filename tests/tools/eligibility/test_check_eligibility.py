from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy.orm import Session

from tools.book.models import Claim
from tools.eligibility import check_eligibility
from tools.eligibility.pack import load_eligibility_rules
from tools.foundation.errors import InvalidDate, UnknownCustomer, UnknownProduct
from tools.foundation.settings import Settings

NORDIC_IT, OSLO, STOCKHOLM = "S000001", "S000003", "S000004"
Fresh = Callable[[int], tuple[Settings, Session]]


def _failed(session: Session, customer: str, product: str, **kw: object) -> list[str]:
    return check_eligibility(session, customer, product, **kw).failed  # type: ignore[arg-type]


def test_nordic_it_is_eligible_for_cyber(book_session: Session) -> None:
    result = check_eligibility(book_session, NORDIC_IT, "CYBER")
    assert result.eligible and result.failed == []


def test_every_rule_of_the_pack_is_reported(book_session: Session) -> None:
    result = check_eligibility(book_session, NORDIC_IT, "CYBER")
    assert [r.rule_id for r in result.rules] == [r.id for r in load_eligibility_rules().rules]
    assert result.rule_pack_version == load_eligibility_rules().version


def test_a_held_product_is_not_eligible_again(book_session: Session) -> None:
    assert _failed(book_session, NORDIC_IT, "PI") == ["not_already_held"]


def test_product_liability_is_outside_a_consultancys_target_market(book_session: Session) -> None:
    assert "target_market_industry" in _failed(book_session, OSLO, "PRODUCT_LIABILITY")


def test_held_gl_satisfies_product_liabilitys_prerequisite(book_session: Session) -> None:
    assert _failed(book_session, STOCKHOLM, "PRODUCT_LIABILITY") == []


def test_bi_without_property_fails_its_prerequisite(book_session: Session) -> None:
    result = check_eligibility(book_session, NORDIC_IT, "BI")
    assert result.failed == ["prerequisites_held"]
    assert "not held: PROPERTY" in next(r.detail for r in result.rules if not r.passed)


def test_an_open_claim_fails(fresh_book: Fresh, as_of: date) -> None:
    _, session = fresh_book(5)
    session.add(
        Claim(
            customer_id=NORDIC_IT,
            product_code="PI",
            claim_date=as_of,
            amount_eur=900.0,
            status="open",
        )
    )
    session.commit()
    result = check_eligibility(session, NORDIC_IT, "CYBER")
    assert result.failed == ["no_open_claim"]
    assert next(r for r in result.rules if not r.passed).category == "conduct"


def test_product_codes_are_case_insensitive(book_session: Session) -> None:
    assert check_eligibility(book_session, NORDIC_IT, "cyber").product == "CYBER"


def test_unknown_product_raises_a_typed_error(book_session: Session) -> None:
    with pytest.raises(UnknownProduct, match="known codes"):
        check_eligibility(book_session, NORDIC_IT, "PET_INSURANCE")


def test_unknown_customer_raises_a_typed_error(book_session: Session) -> None:
    with pytest.raises(UnknownCustomer):
        check_eligibility(book_session, "C9999999", "CYBER")


def test_a_date_in_the_wrong_format_raises_invalid_date(book_session: Session) -> None:
    with pytest.raises(InvalidDate):
        check_eligibility(book_session, NORDIC_IT, "CYBER", now="2026/11/22")


def test_quoted_with_reaches_the_prerequisite_rule(book_session: Session) -> None:
    assert "prerequisites_held" in _failed(book_session, OSLO, "BI")
    assert "prerequisites_held" not in _failed(book_session, OSLO, "BI", quoted_with=["PROPERTY"])


def test_an_unknown_code_in_quoted_with_raises_a_typed_error(book_session: Session) -> None:
    with pytest.raises(UnknownProduct):
        check_eligibility(book_session, OSLO, "BI", quoted_with=["CASTLE"])
