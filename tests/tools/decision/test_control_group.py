"""The control group gets no proactive cross-sell, in the one-customer and the batch decision."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy.orm import Session

from tests.tools.decision import test_customer_parity as parity
from tools.contact_policy import load_contact_policy
from tools.contact_policy.pack import ContactPolicy
from tools.decision import arbitrate, book
from tools.decision import service as decision_service
from tools.experiment.arms import Experiment, arm_of
from tools.nba import next_best_actions
from tools.scores.book import ModelInputs
from tools.snapshot.frames import load_frames

SPLIT = Experiment(control_share=0.5, salt="control-test")
PROACTIVE = {"cross_sell", "incident_outreach"}


@pytest.fixture
def experiment_policy(monkeypatch: pytest.MonkeyPatch) -> ContactPolicy:
    policy = load_contact_policy().model_copy(update={"experiment": SPLIT})
    for module in (decision_service, book, parity):
        monkeypatch.setattr(module, "load_contact_policy", lambda: policy)
    return policy


def test_a_control_customer_gets_no_proactive_cross_sell(
    book_session: Session, experiment_policy: ContactPolicy
) -> None:
    control = [
        c
        for c in ("S000001", "S000002", "S000003", "S000004", "S000005")
        if arm_of(c, SPLIT) == "control"
    ]
    assert control, "the salt puts at least one seed customer in control"
    for customer_id in control:
        candidates = next_best_actions(book_session, customer_id, models_dir=None)
        decision = arbitrate(book_session, customer_id, candidates, models_dir=None)
        assert not [r for r in decision.chosen if r.action.kind in PROACTIVE]
        held = [s for s in decision.suppressed if s.rule_id == "control_group"]
        assert held and {s.candidate.kind for s in held} <= PROACTIVE
        assert held[0].evidence == {"arm": "control", "control_share": 0.5, "salt": "control-test"}


def test_the_batch_holds_out_the_same_customers(
    book_session: Session, as_of: date, experiment_policy: ContactPolicy
) -> None:
    frames = load_frames(book_session, datetime.combine(as_of, time(12)))
    decided = book.decide_frames(frames)
    held = decided[decided["suppressed_by"] == "control_group"]
    assert not held.empty
    assert {arm_of(c, SPLIT) for c in held["customer_id"]} == {"control"}
    assert parity.mismatches(book_session, frames, ModelInputs()) == []
