from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy.orm import Session

from copilot.settings import Settings
from tools.book.models import Claim, Customer
from tools.eligibility import check_eligibility
from tools.eligibility.pack import load_eligibility_rules
from tools.errors import InvalidDate, UnknownCustomer, UnknownProduct

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


def test_a_prerequisite_quoted_together_satisfies_the_rule(fresh_book: Fresh) -> None:
    _, session = fresh_book(5)
    session.get(Customer, OSLO).industry_code = "retail"  # type: ignore[union-attr]
    session.commit()
    assert "prerequisites_held" in _failed(session, OSLO, "PRODUCT_LIABILITY")
    assert "prerequisites_held" not in _failed(
        session, OSLO, "PRODUCT_LIABILITY", quoted_with=["GL"]
    )


def test_headcount_outside_the_target_market_fails(fresh_book: Fresh) -> None:
    _, session = fresh_book(5)
    session.get(Customer, OSLO).employees = 4  # type: ignore[union-attr]
    session.commit()
    assert _failed(session, OSLO, "DO") == ["size_in_target_market"]


def test_a_product_not_sold_in_the_country_fails(fresh_book: Fresh) -> None:
    _, session = fresh_book(5)
    customer = session.get(Customer, "S000002")
    assert customer is not None
    customer.country = "IS"
    session.commit()
    assert "country_available" in _failed(session, "S000002", "TRADE_CREDIT")


def test_an_excluded_industry_fails(fresh_book: Fresh) -> None:
    _, session = fresh_book(5)
    session.get(Customer, STOCKHOLM).industry_code = "construction"  # type: ignore[union-attr]
    session.commit()
    assert "industry_not_excluded" in _failed(session, STOCKHOLM, "BI")


def test_an_objection_to_marketing_fails(fresh_book: Fresh) -> None:
    _, session = fresh_book(5)
    session.get(Customer, NORDIC_IT).objection_to_marketing = True  # type: ignore[union-attr]
    session.commit()
    assert _failed(session, NORDIC_IT, "CYBER") == ["no_objection_to_marketing"]


def test_a_care_flag_fails(fresh_book: Fresh) -> None:
    _, session = fresh_book(5)
    session.get(Customer, NORDIC_IT).care_flag = True  # type: ignore[union-attr]
    session.commit()
    assert _failed(session, NORDIC_IT, "CYBER") == ["no_care_flag"]


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
