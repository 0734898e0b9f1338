"""Bad input gives a typed error with a clear message, never a stack trace."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tools.contact_policy import contact_policy
from tools.decision import ForeignCandidate, arbitrate
from tools.foundation.errors import InvalidDate, UnknownAdvisor, UnknownCustomer, UnknownProduct
from tools.nba import next_best_actions
from tools.portfolio import portfolio_actions


def test_unknown_customer_is_a_typed_error(book_session: Session) -> None:
    with pytest.raises(UnknownCustomer, match="X999"):
        next_best_actions(book_session, "X999", models_dir=None)


def test_unknown_customer_in_contact_policy(book_session: Session) -> None:
    with pytest.raises(UnknownCustomer):
        contact_policy(book_session, "nobody")


def test_date_in_the_wrong_format_is_a_typed_error(book_session: Session) -> None:
    with pytest.raises(InvalidDate, match="ISO 8601"):
        next_best_actions(book_session, "S000001", now="22/11/2026", models_dir=None)


def test_unknown_product_in_a_candidate_is_a_typed_error(book_session: Session) -> None:
    candidate = next_best_actions(book_session, "S000001", models_dir=None)[0]
    bad = candidate.model_copy(update={"product": "UNICORN"})
    with pytest.raises(UnknownProduct, match="UNICORN"):
        arbitrate(book_session, "S000001", [bad], models_dir=None)


def test_unknown_product_in_a_portfolio_list(book_session: Session) -> None:
    with pytest.raises(UnknownProduct):
        portfolio_actions(book_session, kind="incident_without_cover", product="UNICORN")


def test_unknown_advisor_in_a_portfolio_list(book_session: Session) -> None:
    with pytest.raises(UnknownAdvisor):
        portfolio_actions(book_session, advisor_id="ADV-999", kind="renewals_due")


def test_another_customers_candidate_is_a_typed_error(book_session: Session) -> None:
    candidate = next_best_actions(book_session, "S000001", models_dir=None)[0]
    with pytest.raises(ForeignCandidate, match="not for S000002"):
        arbitrate(book_session, "S000002", [candidate], models_dir=None)
