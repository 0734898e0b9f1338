"""The column-wise candidates of the batch as typed candidates (the parity tests' oracle)."""

from __future__ import annotations

import math
import random
from datetime import datetime

import pandas as pd

from tools.nba.models import ActionCandidate, Trigger
from tools.scores.book import ModelInputs


def candidates_of_frame(frame: pd.DataFrame, now: datetime) -> list[ActionCandidate]:
    """Return candidate rows of ``detect_candidates`` (or ``decide_frames``) as typed candidates."""
    return [
        ActionCandidate(
            action_id=row.action_id,
            customer_id=row.customer_id,
            kind=row.kind,
            product=row.product if isinstance(row.product, str) else None,
            trigger=Trigger(kind=row.trigger_kind, evidence=row.evidence, detected_at=now),
            reason=row.reason,
            due_by=pd.Timestamp(row.due_by).to_pydatetime(),
            channel=row.channel,
            urgency=row.urgency,
            relevance=float(row.relevance),
            expected_value_eur=float(row.expected_value_eur),
        )
        for row in frame.itertuples(index=False)
    ]


def random_inputs(customer_ids: list[str], codes: list[str], seed: int) -> ModelInputs:
    """Return made-up model inputs: a random propensity per (customer, product), some left out
    (the prior ranks those), and a random tenth of the pairs in the credibility worst quintile.
    """
    rng = random.Random(seed)
    values = [
        [rng.random() if rng.random() > 0.2 else math.nan for _ in codes] for _ in customer_ids
    ]
    propensity = pd.DataFrame(values, index=customer_ids, columns=codes, dtype=float)
    worst = frozenset((c, p) for c in customer_ids for p in codes if rng.random() < 0.1)
    return ModelInputs(propensity, worst, propensity_version="p-test", credibility_version="c-test")
