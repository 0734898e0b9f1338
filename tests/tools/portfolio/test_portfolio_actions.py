"""Portfolio action lists: scope, order and typed errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from tools.foundation.settings import Settings
from tools.portfolio import portfolio_actions
from tools.portfolio.lists import UnknownSegment
from tools.registry.errors import ModelNotTrained

Book = Callable[[int], tuple[Settings, Session]]


def test_advisor_list_holds_only_that_advisors_customers(book_session: Session) -> None:
    listing = portfolio_actions(book_session, advisor_id="ADV-004", kind="renewals_due")
    assert listing.items
    assert {item.advisor_id for item in listing.items} == {"ADV-004"}


def test_renewals_are_listed_soonest_first(book_session: Session) -> None:
    items = portfolio_actions(book_session, kind="renewals_due").items
    due = [item.due_by for item in items]
    assert due == sorted(due)


def test_seed_renewal_is_on_the_renewals_list(book_session: Session) -> None:
    items = portfolio_actions(book_session, kind="renewals_due").items
    assert "S000004" in {item.customer_id for item in items}


def test_growth_list_names_the_growth_customer(book_session: Session) -> None:
    items = portfolio_actions(book_session, kind="growth").items
    assert "S000001" in {item.customer_id for item in items}


def test_segment_restricts_the_list(book_session: Session) -> None:
    items = portfolio_actions(
        book_session, segment="manufacturing", kind="incident_without_cover"
    ).items
    assert items
    assert {item.industry for item in items} == {"manufacturing"}


def test_limit_caps_the_list(book_session: Session) -> None:
    listing = portfolio_actions(book_session, kind="incident_without_cover", limit=3)
    assert [item.priority for item in listing.items] == [1, 2, 3]


def test_unknown_segment_is_a_typed_error(book_session: Session) -> None:
    with pytest.raises(UnknownSegment, match="size band"):
        portfolio_actions(book_session, segment="giant", kind="growth")


def test_top_defend_without_a_churn_model_says_to_train(fresh_book: Book) -> None:
    settings, session = fresh_book(10)  # a private data dir: no model trained there
    with pytest.raises(ModelNotTrained, match="copilot models train"):
        portfolio_actions(
            session, advisor_id="ADV-001", kind="top_defend", models_dir=settings.models_dir
        )
    with pytest.raises(ModelNotTrained):
        portfolio_actions(session, advisor_id="ADV-001", kind="top_defend")
