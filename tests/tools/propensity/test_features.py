from datetime import timedelta

import pandas as pd
import pytest

from tools.catalogue.loader import load_catalogue
from tools.propensity.book_frames import BookFrames, load_book_frames
from tools.propensity.features import customer_features, model_columns, product_features


@pytest.fixture(scope="module")
def frames(book_session) -> BookFrames:
    return load_book_frames(book_session)


def _until(frames: BookFrames, cut: pd.Timestamp) -> BookFrames:
    policies = frames.policies[frames.policies["start_date"] <= cut].copy()
    policies.loc[policies["end_date"] > cut, "end_date"] = pd.NaT
    return BookFrames(
        customers=frames.customers,
        policies=policies,
        claims=frames.claims[frames.claims["claim_date"] <= cut],
        events=frames.events[frames.events["occurred_at"] <= cut],
    )


def test_features_ignore_everything_after_the_feature_date(frames, as_of) -> None:
    at = as_of - timedelta(days=365)
    codes = load_catalogue().codes
    full = customer_features(frames, at, codes)
    past_only = customer_features(
        _until(frames, pd.Timestamp(at) + pd.Timedelta(days=1)), at, codes
    )
    pd.testing.assert_frame_equal(full.sort_index(), past_only.sort_index(), check_like=True)


def test_only_customers_in_force_get_a_row(frames, as_of) -> None:
    codes = load_catalogue().codes
    features = customer_features(frames, as_of, codes)
    assert (features["n_products"] >= 1).all()


def test_product_frame_has_the_model_columns(frames, as_of) -> None:
    catalogue = load_catalogue()
    common = customer_features(frames, as_of, catalogue.codes)
    frame = product_features(common, catalogue, "CYBER")[model_columns(catalogue.codes)]
    assert frame["peer_rate"].between(0, 1).all() and frame.notna().all().all()
