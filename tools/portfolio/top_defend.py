"""The "Top Defend" list: customers with the most value at risk, churn risk x lifetime value."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from tools.churn.scoring import churn_book
from tools.propensity.book_frames import load_book_frames
from tools.snapshot.frames import BookFrames

HIGH_CHURN = 0.5  # a customer more likely than not to leave: call within days, not weeks
DEFEND_WITHIN_DAYS = {"high": 7, "medium": 14}


def top_defend_rows(
    session: Session, frames: BookFrames, models_dir: Path
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Return the Top Defend rows of the frames' customers; objectors are left out and counted.

    Raises:
        ModelNotTrained: the churn / CLV model is not trained yet (``copilot models train``).
    """
    customers = frames.customers
    objected = customers["objection_to_marketing"].to_numpy(dtype=bool)
    eligible = customers[~objected]
    scores = churn_book(
        load_book_frames(session, eligible["customer_id"].tolist()),
        frames.now.date(),
        models_dir=models_dir,
    )
    rows = eligible.merge(scores, left_on="customer_id", right_index=True)
    churn, clv = rows["churn_probability_12m"], rows["clv_eur"].clip(lower=0)
    rows["defend_score"] = (churn * clv).round(2)
    rows["urgency"] = np.where(churn >= HIGH_CHURN, "high", "medium")
    rows["due_by"] = [frames.now + timedelta(days=DEFEND_WITHIN_DAYS[u]) for u in rows["urgency"]]
    rows["action_id"] = rows["customer_id"] + ":retention:-:churn"
    rows["product"] = None
    rows["delivery"] = "advisor_call"
    rows["expected_value_eur"] = rows["defend_score"]
    rows["reason"] = [
        f"Churn risk {100 * p:.0f}% within 12 months, lifetime value EUR {v:,.0f}: "
        f"EUR {p * max(v, 0):,.0f} at risk."
        for p, v in zip(churn, rows["clv_eur"], strict=True)
    ]
    excluded = {"objection": int(objected.sum())} if objected.any() else {}
    return rows, excluded
