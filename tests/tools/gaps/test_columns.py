from datetime import date, datetime, time

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.book.models import BusinessEvent, Customer, Policy
from tools.catalogue.loader import load_catalogue
from tools.gaps import coverage_gaps, peer_holding_rates
from tools.gaps.columns import gap_kind_matrices, gap_points, growth_columns
from tools.gaps.pack import load_gap_rules
from tools.profile.records import in_force


@pytest.fixture(scope="module")
def column_gaps(book_session: Session, as_of: date) -> tuple[list[str], np.ndarray, np.ndarray]:
    catalogue, pack = load_catalogue(), load_gap_rules()
    now = datetime.combine(as_of, time(12, 0))
    customers = pd.DataFrame(
        [
            {
                "customer_id": c.id,
                "industry_code": c.industry_code,
                "country": c.country,
                "employees": c.employees,
                "turnover_eur": c.turnover_eur,
            }
            for c in book_session.scalars(select(Customer).order_by(Customer.id))
        ]
    )
    ids = list(customers["customer_id"])
    held = np.zeros((len(ids), len(catalogue.codes)), dtype=bool)
    for policy in book_session.scalars(select(Policy)):
        if in_force(policy, as_of):
            held[ids.index(policy.customer_id), catalogue.codes.index(policy.product_code)] = True
    events = pd.DataFrame(
        [
            {
                "customer_id": e.customer_id,
                "event_type": e.event_type,
                "occurred_at": e.occurred_at,
                "payload": e.payload,
            }
            for e in book_session.scalars(select(BusinessEvent))
        ]
    )
    growth = growth_columns(events, now, pack.trend_window_days).reindex(ids)
    rates = peer_holding_rates(book_session, as_of)
    kinds = gap_kind_matrices(customers, held, growth, rates, catalogue, pack)
    missing = {kind: flags for kind, flags in kinds.items() if kind != "inadequate_limit"}
    return ids, gap_points(missing, pack), kinds["inadequate_limit"]


def test_column_wise_missing_covers_and_points_equal_coverage_gaps(
    book_session: Session, column_gaps: tuple[list[str], np.ndarray, np.ndarray]
) -> None:
    ids, points, _ = column_gaps
    codes = load_catalogue().codes
    sample = [(row, cid) for row, cid in enumerate(ids) if row % 7 == 0 or cid.startswith("S")]
    for row, customer_id in sample:
        expected = {
            g.product: g.priority_points
            for g in coverage_gaps(book_session, customer_id).gaps
            if not g.held
        }
        found = {codes[k]: int(points[row, k]) for k in np.flatnonzero(points[row])}
        assert found == expected, customer_id


def test_column_wise_limit_reviews_equal_growth_reviews(
    book_session: Session, column_gaps: tuple[list[str], np.ndarray, np.ndarray]
) -> None:
    ids, _, reviews = column_gaps
    codes = load_catalogue().codes
    growth_rules = {rule.id for rule in load_gap_rules().limit_review_rules}
    for customer_id in ("S000001", "S000004", "S000005"):
        row = ids.index(customer_id)
        expected = {
            g.product
            for g in coverage_gaps(book_session, customer_id).gaps
            if any(r.rule_id in growth_rules for r in g.reasons)
        }
        assert {codes[k] for k in np.flatnonzero(reviews[row])} == expected
