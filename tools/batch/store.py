"""Write and read the advisors' action lists (``action_items``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

import pandas as pd
from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from tools.batch.models import ActionItem
from tools.contact_policy.pack import load_contact_policy
from tools.nba.config import load_trigger_config

INSERT_BATCH = 10_000
ACTION_TABLE = cast(Table, ActionItem.__table__)  # Core insert: no ORM bookkeeping per row


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


def _optional(values: pd.Series) -> list[object]:
    return [v if isinstance(v, str) else None for v in values.tolist()]


def _records(
    rows: pd.DataFrame, moment: datetime, policy_version: str, ranking_basis: str
) -> list[dict[str, object]]:
    # Plain Python values column by column, then one dict per row: far cheaper than
    # DataFrame.to_dict on object columns, and Core executemany takes them as they are.
    n = len(rows)
    columns: dict[str, list[object]] = {
        "advisor_id": rows["advisor_id"].tolist(),
        "priority": rows["priority"].astype(int).tolist(),
        "customer_id": rows["customer_id"].tolist(),
        "rank": rows["rank"].astype(int).tolist(),
        "action_id": rows["action_id"].tolist(),
        "kind": rows["kind"].tolist(),
        "product": _optional(rows["product"]),
        "trigger": rows["trigger_kind"].tolist(),
        "reason": rows["reason"].tolist(),
        "urgency": rows["urgency"].tolist(),
        "due_by": [t.to_pydatetime() for t in pd.to_datetime(rows["due_by"])],
        "delivery": rows["delivery"].tolist(),
        "merged_into": _optional(rows["merged_into"]),
        "score": rows["score"].astype(float).tolist(),
        "expected_value_eur": rows["expected_value_eur"].astype(float).tolist(),
    }
    if "ranking_basis" in rows:
        columns["ranking_basis"] = rows["ranking_basis"].fillna(ranking_basis).tolist()
    constant = {
        "run_date": moment.date(),
        "policy_version": policy_version,
        "trigger_version": load_trigger_config().version,
        "created_at": datetime.now(),
    }
    if "ranking_basis" not in columns:
        constant["ranking_basis"] = ranking_basis
    names = list(columns)
    return (
        [
            constant | dict(zip(names, values, strict=True))
            for values in zip(*columns.values(), strict=True)
        ]
        if n
        else []
    )


def write_items(
    session: Session,
    moment: datetime,
    chosen: pd.DataFrame,
    ranking_basis: str,
    advisor_id: str | None = None,
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
    records = _records(rows, moment, policy.version, ranking_basis)
    for start in range(0, len(records), INSERT_BATCH):
        session.execute(insert(ACTION_TABLE), records[start : start + INSERT_BATCH])
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
