"""Vectorised detection of event triggers: renewal, portal behaviour, claims (care).

Each detector takes the book frames and returns candidate rows with the columns of
``CANDIDATE_COLUMNS``; one call covers one customer or the whole book alike.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import numpy as np
import pandas as pd

from tools.nba.config import TriggerConfig
from tools.nba.reasons import (
    behaviour_evidence,
    behaviour_reason,
    care_evidence,
    care_reason,
    renewal_evidence,
    renewal_reason,
)
from tools.nba.renewal_timing import renewal_due_by_column
from tools.snapshot.frames import BookFrames

PORTAL_EVENTS = ("portal_login", "document_download")
"""Business events of portal activity, read by the behaviour trigger."""
CANDIDATE_COLUMNS = [
    "customer_id",
    "kind",
    "product",
    "trigger_kind",
    "evidence",
    "reason",
    "due_by",
    "urgency",
    "relevance",
    "event_driven",
]


def rows_frame(rows: dict[str, Any]) -> pd.DataFrame:
    """Return a candidate frame from column values (scalars broadcast), in the standard order."""
    return pd.DataFrame(rows).reindex(columns=CANDIDATE_COLUMNS)


def empty_candidates() -> pd.DataFrame:
    """Return a candidate frame with no rows."""
    return pd.DataFrame({column: pd.Series(dtype=object) for column in CANDIDATE_COLUMNS})


def renewal_triggers(frames: BookFrames, config: TriggerConfig) -> pd.DataFrame:
    """Propose a renewal review for each active policy inside the reminder window."""
    rules = config.renewal
    today = pd.Timestamp(frames.now.date())
    policies = frames.policies
    days = (policies["renewal_date"] - today).dt.days
    due = policies[(days >= 0) & (days <= rules.review_at_days)].copy()
    if due.empty:
        return empty_candidates()
    days = days[due.index]
    stages = sorted(rules.reminder_days)
    stage = pd.Series(np.select([days <= s for s in stages], stages, stages[-1]), index=due.index)
    urgency = stage.map(rules.urgency)
    hours = urgency.map(rules.respond_within_hours)
    due_by = renewal_due_by_column(frames.now, due["renewal_date"], hours)
    evidence = [
        renewal_evidence(p, r.date(), d, s, x)
        for p, r, d, s, x in zip(
            due["product"], due["renewal_date"], days, stage, due["premium_eur"], strict=True
        )
    ]
    reason = [renewal_reason(e) for e in evidence]
    return rows_frame(
        {
            "customer_id": due["customer_id"].to_numpy(),
            "kind": "renewal_review",
            "product": due["product"].to_numpy(),
            "trigger_kind": "renewal",
            "evidence": evidence,
            "reason": reason,
            "due_by": due_by.to_numpy(),
            "urgency": urgency.to_numpy(),
            "relevance": 100.0,
            "event_driven": True,
        }
    )


def care_triggers(frames: BookFrames, config: TriggerConfig) -> pd.DataFrame:
    """Propose a care contact after a recent or open claim (care, not a sale)."""
    claims = frames.claims
    recent = claims["claim_date"] >= pd.Timestamp(frames.now.date()) - timedelta(
        days=config.claim.care_within_days
    )
    hits = claims[recent | claims["status"].eq("open")]
    if hits.empty:
        return empty_candidates()
    hits = hits.sort_values(["customer_id", "claim_date"]).drop_duplicates(
        "customer_id", keep="last"
    )
    evidence = [
        care_evidence(p, d.date(), s)
        for p, d, s in zip(hits["product"], hits["claim_date"], hits["status"], strict=True)
    ]
    reason = [care_reason(e) for e in evidence]
    due_by = frames.now + timedelta(hours=config.claim.respond_within_hours)
    return rows_frame(
        {
            "customer_id": hits["customer_id"].to_numpy(),
            "kind": "care",
            "product": hits["product"].to_numpy(),
            "trigger_kind": "claim",
            "evidence": evidence,
            "reason": reason,
            "due_by": due_by,
            "urgency": "high",
            "relevance": 100.0,
            "event_driven": True,
        }
    )


def behaviour_triggers(frames: BookFrames, config: TriggerConfig) -> pd.DataFrame:
    """Propose an in-portal consultation invite after 3+ logins in a week or a 4x jump."""
    rules = config.behaviour
    events = frames.events[frames.events["event_type"].isin(PORTAL_EVENTS)]
    now = pd.Timestamp(frames.now)
    recent = events["occurred_at"] > now - timedelta(days=rules.window_days)
    base_start = now - timedelta(days=rules.window_days * (rules.baseline_weeks + 1))
    baseline = ~recent & (events["occurred_at"] > base_start)
    login = events["event_type"].eq("portal_login")
    counts = pd.DataFrame(
        {
            "logins": (recent & login).groupby(events["customer_id"]).sum(),
            "downloads": (recent & ~login).groupby(events["customer_id"]).sum(),
            "baseline": baseline.groupby(events["customer_id"]).sum() / rules.baseline_weeks,
        }
    )
    counts["activity"] = counts["logins"] + counts["downloads"]
    jump = (counts["activity"] >= rules.min_jump_events) & (
        counts["activity"] >= rules.jump_factor * counts["baseline"]
    )
    hits = counts[(counts["logins"] >= rules.min_logins) | jump]
    if hits.empty:
        return empty_candidates()
    evidence = [
        behaviour_evidence(lg, dl, b)
        for lg, dl, b in zip(hits["logins"], hits["downloads"], hits["baseline"], strict=True)
    ]
    reason = [behaviour_reason(e) for e in evidence]
    return rows_frame(
        {
            "customer_id": hits.index.to_numpy(),
            "kind": "consultation",
            "product": None,
            "trigger_kind": "behaviour",
            "evidence": evidence,
            "reason": reason,
            "due_by": frames.now + timedelta(days=rules.respond_within_days),
            "urgency": "medium",
            "relevance": 100.0,
            "event_driven": True,
        }
    )
