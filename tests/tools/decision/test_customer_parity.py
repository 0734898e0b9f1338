"""The one-customer arbitration equals the batch's column-wise decision, every field.

For every customer of the shared book (catalogue prior and made-up model inputs), and of a
private book with random edge-heavy rows added: the candidates, the contact-policy status and
the arbitration (ranks, deliveries, merges, score terms, suppressing rules, the why-not
evidence, versions and ranking basis) are compared as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, time

import pandas as pd
import pytest
from pydantic import BaseModel
from sqlalchemy.orm import Session

from tests.tools.decision.columnwise import arbitration_of_rows, status_of_row
from tests.tools.decision.stressed_book import stress_book
from tests.tools.nba.columnwise import candidates_of_frame, random_inputs
from tools.catalogue.loader import load_catalogue
from tools.contact_policy import customer_policy_status, load_contact_policy
from tools.contact_policy.status import policy_status
from tools.decision import arbitrate_customer
from tools.decision.arbitration import arbitrate_frame
from tools.decision.book import decide_frames
from tools.foundation.settings import Settings
from tools.gaps.pack import load_gap_rules
from tools.nba import detect_customer_candidates
from tools.nba.config import load_trigger_config
from tools.nba.model_view import scores_of_inputs
from tools.nba.models import ActionCandidate
from tools.scores.book import ModelInputs, propensity_column, worst_quintile_flags
from tools.snapshot import load_snapshot
from tools.snapshot.frames import BookFrames, load_frames, restrict

Book = Callable[[int], tuple[Settings, Session]]


def as_json(model: BaseModel | list[ActionCandidate]) -> str:
    if isinstance(model, list):
        return json.dumps([c.model_dump(mode="json") for c in model])
    return json.dumps(model.model_dump(mode="json"))


def mismatches(session: Session, frames: BookFrames, inputs: ModelInputs) -> list[str]:
    """Return "customer: part" for each customer whose one-customer decision differs."""
    catalogue, policy = load_catalogue(), load_contact_policy()
    config, pack = load_trigger_config(), load_gap_rules()
    decided = decide_frames(frames, inputs)
    status = policy_status(frames, policy)
    rows = dict(tuple(decided.groupby("customer_id", sort=False)))
    wrong = []
    for cid in frames.customers["customer_id"]:
        snapshot = load_snapshot(session, cid, frames.now)
        scores = scores_of_inputs(inputs, cid) if inputs.propensity is not None else None
        candidates = detect_customer_candidates(snapshot, scores, catalogue, config, policy, pack)
        mine = rows.get(cid, decided.iloc[:0])
        if as_json(candidates) != as_json(candidates_of_frame(mine, frames.now)):
            wrong.append(f"{cid}: candidates")
            continue
        single = customer_policy_status(snapshot, policy)
        if as_json(single) != as_json(status_of_row(cid, status.loc[cid], policy)):
            wrong.append(f"{cid}: status")
        decision = arbitrate_customer(snapshot, candidates, single, policy, catalogue, scores)
        expected = arbitration_of_rows(cid, frames.now, mine, status.loc[cid], policy, inputs)
        if as_json(decision) != as_json(expected):
            wrong.append(f"{cid}: arbitration")
    return wrong


@pytest.fixture(scope="module")
def frames(book_session: Session, as_of: date) -> BookFrames:
    return load_frames(book_session, datetime.combine(as_of, time(12)))


def test_decisions_equal_the_batch_with_the_catalogue_prior(
    book_session: Session, frames: BookFrames
) -> None:
    assert mismatches(book_session, frames, ModelInputs()) == []


def test_decisions_equal_the_batch_with_model_inputs(
    book_session: Session, frames: BookFrames
) -> None:
    inputs = random_inputs(frames.customers["customer_id"].tolist(), load_catalogue().codes, 29)
    assert mismatches(book_session, frames, inputs) == []


def test_decisions_equal_the_batch_on_edge_heavy_rows(fresh_book: Book, as_of: date) -> None:
    _, session = fresh_book(80)
    stress_book(session, as_of)
    frames = load_frames(session, datetime.combine(as_of, time(12)))
    inputs = random_inputs(frames.customers["customer_id"].tolist(), load_catalogue().codes, 31)
    decided = decide_frames(frames, inputs)
    # The rows reach the rules the shared book rarely does.
    assert {"claim_within_30_days", "no_channel_consent", "credibility_worst_quintile"} <= set(
        decided["suppressed_by"].dropna()
    )
    assert mismatches(session, frames, inputs) == []
    assert mismatches(session, frames, ModelInputs()) == []


def _frame_of(candidates: list[ActionCandidate], propensity: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "action_id": [c.action_id for c in candidates],
            "customer_id": [c.customer_id for c in candidates],
            "kind": [c.kind for c in candidates],
            "product": [c.product for c in candidates],
            "trigger_kind": [c.trigger.kind for c in candidates],
            "urgency": [c.urgency for c in candidates],
            "relevance": [c.relevance for c in candidates],
            "event_driven": [c.trigger.kind != "gap" for c in candidates],
            "channel": [c.channel for c in candidates],
            "expected_value_eur": [c.expected_value_eur for c in candidates],
            "propensity": propensity,
        }
    )


def test_a_product_proposed_twice_is_suppressed_alike(
    book_session: Session, frames: BookFrames
) -> None:
    # Callers of arbitrate may pass any candidates: one product twice is one recommendation.
    catalogue, policy = load_catalogue(), load_contact_policy()
    snapshot = load_snapshot(book_session, "S000001", frames.now)
    args = (catalogue, load_trigger_config(), policy, load_gap_rules())
    candidates = detect_customer_candidates(snapshot, None, *args)
    cyber = next(c for c in candidates if c.product == "CYBER")
    twin = cyber.model_copy(update={"action_id": cyber.action_id + ":again", "relevance": 80.0})
    candidates = [*candidates, twin]
    status = customer_policy_status(snapshot, policy)
    decision = arbitrate_customer(snapshot, candidates, status, policy, catalogue, None)
    one = frames.customers["customer_id"] == "S000001"
    own = frames.policies[frames.policies["customer_id"] == "S000001"]
    frame = _frame_of(candidates, [0.0] * len(candidates))
    frame["propensity"] = propensity_column(frame, own, catalogue, policy, ModelInputs())
    worst = worst_quintile_flags(frame, ModelInputs())
    table = policy_status(restrict(frames, one), policy)
    decided = arbitrate_frame(frame, table, policy, catalogue, worst).set_index("action_id")
    suppressed = {s.candidate.action_id: s.rule_id for s in decision.suppressed}
    assert suppressed[twin.action_id] == "duplicate_product"
    for action_id, rule in suppressed.items():
        assert decided.loc[action_id, "suppressed_by"] == rule
    for ranked in decision.chosen:
        assert decided.loc[ranked.action.action_id, "rank"] == ranked.rank
