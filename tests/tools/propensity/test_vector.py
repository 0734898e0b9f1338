"""The one-customer feature builders give exactly what the column-wise ones give."""

from __future__ import annotations

from datetime import date, datetime, time

import numpy as np
import pandas as pd
import pytest
from sqlalchemy.orm import Session

from tools.catalogue.loader import load_catalogue
from tools.propensity.book_frames import BookFrames, load_book_frames
from tools.propensity.features import (
    PRODUCT_SPECIFIC,
    customer_features,
    peer_counts_from,
    product_features,
)
from tools.propensity.product_rows import PeerTable, product_rows, product_table
from tools.propensity.vector import CustomerVector, customer_vector
from tools.snapshot import load_snapshot

TOLERANCE = 1e-12


@pytest.fixture(scope="module")
def book(book_session: Session, as_of: date) -> tuple[BookFrames, pd.DataFrame]:
    """Return the whole book's frames and its column-wise common features."""
    frames = load_book_frames(book_session)
    return frames, customer_features(frames, as_of, load_catalogue().codes)


def _vectors(session: Session, frames: BookFrames, as_of: date) -> list[CustomerVector]:
    moment = datetime.combine(as_of, time(12))
    codes = load_catalogue().codes
    return [
        customer_vector(load_snapshot(session, cid, moment), codes)
        for cid in frames.customers.index
    ]


def _assert_row(vector: CustomerVector, expected: pd.Series) -> None:
    row = vector.row()
    assert set(row) == set(expected.index)
    for name, value in row.items():
        if isinstance(value, str):
            assert value == expected[name], name
        else:
            assert value == pytest.approx(float(expected[name]), rel=TOLERANCE, abs=TOLERANCE), name


def _profile_only(frames: BookFrames, customer_id: str, at: date) -> pd.Series:
    # What the single-customer propensity tool has always scored a customer without a policy
    # in force on: its profile, claims and events, with a placeholder policy and no holdings.
    own = frames.restrict([customer_id])
    own.policies = pd.DataFrame(
        [
            {
                "customer_id": customer_id,
                "product_code": "_none",
                "status": "quote",
                "annual_premium_eur": 0.0,
                "start_date": pd.Timestamp(at),
                "end_date": pd.NaT,
            }
        ]
    )
    return customer_features(own, at, load_catalogue().codes).loc[customer_id]


def test_every_customer_in_force_gets_the_column_wise_features(
    book_session: Session, book, as_of: date
) -> None:
    frames, common = book
    vectors = [v for v in _vectors(book_session, frames, as_of) if v.in_force]
    assert {v.customer_id for v in vectors} == set(common.index)
    for vector in vectors:
        _assert_row(vector, common.loc[vector.customer_id])


def test_customers_without_a_policy_in_force_get_no_model_row(
    book_session: Session, book, as_of: date
) -> None:
    frames, common = book
    outside = [v for v in _vectors(book_session, frames, as_of) if not v.in_force]
    assert outside and "S000003" in {v.customer_id for v in outside}  # a prospect
    for vector in outside:
        assert vector.customer_id not in common.index
        _assert_row(vector, _profile_only(frames, vector.customer_id, as_of))


def test_product_rows_equal_the_product_features_of_every_product(
    book_session: Session, book, as_of: date
) -> None:
    frames, common = book
    catalogue = load_catalogue()
    peers = peer_counts_from(common, catalogue.codes)
    table, peer_table = product_table(catalogue), PeerTable.from_frame(peers, catalogue.codes)
    expected = {
        code: product_features(common, catalogue, code, peers)[PRODUCT_SPECIFIC]
        for code in catalogue.codes
    }
    for vector in _vectors(book_session, frames, as_of):
        if not vector.in_force:
            continue
        rows = product_rows(vector, table, peer_table)
        wanted = np.array([expected[c].loc[vector.customer_id].to_numpy() for c in catalogue.codes])
        np.testing.assert_allclose(rows, wanted, rtol=TOLERANCE, atol=TOLERANCE)


def test_premiums_in_force_are_summed_per_product(book_session: Session, as_of: date) -> None:
    snapshot = load_snapshot(book_session, "S000002", datetime.combine(as_of, time(12)))
    vector = customer_vector(snapshot, load_catalogue().codes)
    premiums = dict(zip(vector.codes, vector.premiums.tolist(), strict=True))
    assert premiums["GL"] == 2400 and premiums["PROPERTY"] == 1800
