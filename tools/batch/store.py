"""Write and read the advisors' action lists (``action_items``)."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from tools.batch.models import ActionItem
from tools.decision.config import load_contact_policy
from tools.decision.ranking import CATALOGUE_PRIOR
from tools.nba.config import load_trigger_config

INSERT_BATCH = 10_000


def advisor_priority(chosen: pd.DataFrame, urgency_order: dict[str, int]) -> pd.DataFrame:
    """Return the chosen rows ordered into advisor lists, with a ``priority`` column.

    An advisor's list takes conversations by the lead's urgency, then the conversation's total
    expected value, then customer id; a conversation's actions stay together in rank order.
    """
    lead = chosen[chosen["rank"] == 1].set_index("customer_id")
    value = chosen.groupby("customer_id")["expected_value_eur"].sum()
    ordered = chosen.assign(
        lead_urgency=chosen["customer_id"].map(lead["urgency"].map(urgency_order)),
        conversation_value=chosen["customer_id"].map(value),
    ).sort_values(
        ["advisor_id", "lead_urgency", "conversation_value", "customer_id", "rank"],
        ascending=[True, True, False, True, True],
    )
    ordered["priority"] = ordered.groupby("advisor_id").cumcount() + 1
    return ordered


def write_items(
    session: Session, moment: datetime, chosen: pd.DataFrame, advisor_id: str | None = None
) -> dict[str, int]:
    """Replace the run date's items (of one advisor, or all) with the chosen actions.

    Returns:
        Items written per advisor.
    """
    query = delete(ActionItem).where(ActionItem.run_date == moment.date())
    if advisor_id is not None:
        query = query.where(ActionItem.advisor_id == advisor_id)
    session.execute(query)
    if chosen.empty:
        return {}
    policy = load_contact_policy()
    rows = advisor_priority(chosen, policy.urgency_order)
    records = pd.DataFrame(
        {
            "run_date": moment.date(),
            "advisor_id": rows["advisor_id"],
            "priority": rows["priority"].astype(int),
            "customer_id": rows["customer_id"],
            "rank": rows["rank"].astype(int),
            "action_id": rows["action_id"],
            "kind": rows["kind"],
            "product": rows["product"].astype(object).where(rows["product"].notna(), None),
            "trigger": rows["trigger_kind"],
            "reason": rows["reason"],
            "urgency": rows["urgency"],
            "due_by": pd.to_datetime(rows["due_by"]).dt.to_pydatetime(),
            "delivery": rows["delivery"],
            "merged_into": rows["merged_into"]
            .astype(object)
            .where(rows["merged_into"].notna(), None),
            "score": rows["score"].astype(float),
            "expected_value_eur": rows["expected_value_eur"].astype(float),
            "policy_version": policy.version,
            "trigger_version": load_trigger_config().version,
            "ranking_basis": CATALOGUE_PRIOR,
            "created_at": datetime.now(),
        }
    ).to_dict("records")
    for start in range(0, len(records), INSERT_BATCH):
        session.execute(insert(ActionItem), records[start : start + INSERT_BATCH])
    return {str(k): int(v) for k, v in rows["advisor_id"].value_counts().sort_index().items()}


def advisor_items(
    session: Session, advisor_id: str, run_date: date | None = None
) -> list[ActionItem]:
    """Return an advisor's action list of a run date (default the latest run), by priority."""
    if run_date is None:
        run_date = session.scalar(
            select(ActionItem.run_date)
            .where(ActionItem.advisor_id == advisor_id)
            .order_by(ActionItem.run_date.desc())
            .limit(1)
        )
    query = (
        select(ActionItem)
        .where(ActionItem.advisor_id == advisor_id, ActionItem.run_date == run_date)
        .order_by(ActionItem.priority)
    )
    return list(session.scalars(query))
