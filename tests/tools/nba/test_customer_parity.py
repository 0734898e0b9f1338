"""The one-customer candidates equal the batch's column-wise candidates, every field.

Checked for every customer of the shared book, ranked by the catalogue prior and by made-up
model inputs (a random propensity per product, a random worst-quintile set) given to both
paths the same way. The candidates are compared as JSON, so a 60 that became 60.0, a reason
worded differently or a reordered list fails.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time

import pandas as pd
import pytest
from sqlalchemy.orm import Session

from tests.tools.nba.columnwise import candidates_of_frame, random_inputs
from tools.catalogue.loader import load_catalogue
from tools.contact_policy.pack import load_contact_policy
from tools.gaps.pack import load_gap_rules
from tools.nba import GivenScores, detect_customer_candidates
from tools.nba.candidates import detect_candidates
from tools.nba.config import load_trigger_config
from tools.nba.model_view import scores_of_inputs
from tools.nba.models import ActionCandidate
from tools.scores.book import ModelInputs
from tools.snapshot import CustomerSnapshot, load_snapshot
from tools.snapshot.frames import BookFrames, load_frames


def as_json(candidates: list[ActionCandidate]) -> list[str]:
    return [json.dumps(c.model_dump(mode="json")) for c in candidates]


@pytest.fixture(scope="module")
def now(as_of: date) -> datetime:
    return datetime.combine(as_of, time(12))


@pytest.fixture(scope="module")
def frames(book_session: Session, now: datetime) -> BookFrames:
    return load_frames(book_session, now)


@pytest.fixture(scope="module")
def snapshots(
    book_session: Session, frames: BookFrames, now: datetime
) -> dict[str, CustomerSnapshot]:
    return {cid: load_snapshot(book_session, cid, now) for cid in frames.customers["customer_id"]}


@pytest.fixture(scope="module", params=["catalogue prior", "made-up models"])
def inputs(request: pytest.FixtureRequest, frames: BookFrames) -> ModelInputs:
    if request.param == "catalogue prior":
        return ModelInputs()
    ids = frames.customers["customer_id"].tolist()
    return random_inputs(ids, load_catalogue().codes, seed=17)


def mismatches(
    frames: BookFrames, snapshots: dict[str, CustomerSnapshot], inputs: ModelInputs
) -> list[str]:
    """Return the customers whose one-customer candidates differ from the batch's."""
    catalogue, config, policy = load_catalogue(), load_trigger_config(), load_contact_policy()
    frame = detect_candidates(frames, config, catalogue, policy, inputs)
    rows = dict(tuple(frame.groupby("customer_id", sort=False)))
    empty = frame.iloc[:0]
    wrong = []
    for cid, snapshot in snapshots.items():
        scores = scores_of_inputs(inputs, cid) if inputs.propensity is not None else None
        single = detect_customer_candidates(
            snapshot, scores, catalogue, config, policy, load_gap_rules()
        )
        batch = candidates_of_frame(rows.get(cid, empty), frames.now)
        if as_json(single) != as_json(batch):
            wrong.append(cid)
    return wrong


def test_candidates_equal_the_batch_for_every_customer(
    frames: BookFrames, snapshots: dict[str, CustomerSnapshot], inputs: ModelInputs
) -> None:
    assert mismatches(frames, snapshots, inputs) == []


def test_the_book_gives_the_parity_something_to_compare(
    frames: BookFrames, inputs: ModelInputs
) -> None:
    frame = detect_candidates(
        frames, load_trigger_config(), load_catalogue(), load_contact_policy(), inputs
    )
    kinds = set(frame["trigger_kind"])
    assert {"renewal", "growth", "gap", "industry_incident", "quote_request"} <= kinds
    assert frame["customer_id"].nunique() > 250


def test_no_model_and_empty_given_scores_rank_alike(
    snapshots: dict[str, CustomerSnapshot],
) -> None:
    snapshot = snapshots["S000001"]
    args = (load_catalogue(), load_trigger_config(), load_contact_policy(), load_gap_rules())
    bare = detect_customer_candidates(snapshot, None, *args)
    given = detect_customer_candidates(snapshot, GivenScores(), *args)
    assert as_json(bare) == as_json(given)


def test_a_given_propensity_sets_the_expected_value(
    snapshots: dict[str, CustomerSnapshot],
) -> None:
    args = (load_catalogue(), load_trigger_config(), load_contact_policy(), load_gap_rules())
    scores = GivenScores(propensity={"CYBER": 0.5}, ranking_basis="model p1")
    cyber = [
        c
        for c in detect_customer_candidates(snapshots["S000001"], scores, *args)
        if c.product == "CYBER"
    ]
    mid = load_catalogue().mid_premium()["CYBER"]
    assert [c.expected_value_eur for c in cyber] == [round(0.5 * mid, 2)]


def test_scores_of_inputs_leave_unscored_products_to_the_prior() -> None:
    propensity = pd.DataFrame({"DO": [0.9], "CYBER": [float("nan")]}, index=["C1"])
    inputs = ModelInputs(
        propensity, frozenset({("C1", "PI"), ("C2", "GL")}), "p7", credibility_version="c3"
    )
    scores = scores_of_inputs(inputs, "C1")
    assert (scores.propensity_of("DO"), scores.propensity_of("CYBER")) == (0.9, None)
    assert scores.worst_quintile == frozenset({"PI"})
    assert (scores.ranking_basis, scores.credibility_version) == ("model p7", "c3")
