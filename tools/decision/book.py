"""Decide for many customers at once: triggers, contact policy and arbitration, column-wise."""

from __future__ import annotations

import pandas as pd

from tools.catalogue.loader import load_catalogue
from tools.contact_policy.pack import load_contact_policy
from tools.contact_policy.status import policy_status
from tools.decision.arbitration import arbitrate_frame
from tools.nba.candidates import detect_candidates
from tools.nba.config import load_trigger_config
from tools.scores.book import ModelInputs, worst_quintile_flags
from tools.snapshot.frames import BookFrames


def decide_frames(frames: BookFrames, inputs: ModelInputs | None = None) -> pd.DataFrame:
    """Return every candidate of the frames' customers with its decision.

    One row per candidate: the trigger columns, channel, propensity, expected value,
    ``term_*`` score terms, score, delivery, ``suppressed_by`` (None when chosen), ``rank``
    (None when suppressed) and ``merged_into``. ``inputs`` carries the trained models' scores
    for these customers (``load_model_inputs``); without it the catalogue prior ranks. A
    customer's rows here equal its one-customer decision (``detect_customer_candidates``
    then ``arbitrate_customer``, given the same model scores); a parity test holds them so.
    """
    catalogue, policy = load_catalogue(), load_contact_policy()
    inputs = inputs or ModelInputs()
    candidates = detect_candidates(frames, load_trigger_config(), catalogue, policy, inputs)
    status = policy_status(frames, policy)
    worst = worst_quintile_flags(candidates, inputs)
    return arbitrate_frame(candidates, status, policy, catalogue, worst)
