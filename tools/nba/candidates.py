"""Assemble every candidate action of the given frames, column-wise (the batch's path)."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from tools.catalogue.loader import Catalogue
from tools.contact_policy.pack import ContactPolicy
from tools.gaps.pack import load_gap_rules
from tools.nba.channel import choose_channels
from tools.nba.config import TriggerConfig
from tools.nba.eligibility_columns import Columns, eligible_rows
from tools.nba.event_products import incident_rules, quote_rules, quoted_products
from tools.nba.event_triggers import (
    behaviour_triggers,
    care_triggers,
    empty_candidates,
    renewal_triggers,
    rows_frame,
)
from tools.nba.growth import describe_growth, growth_signals, growth_timing
from tools.nba.limit_reviews import limit_review_actions
from tools.nba.product_rules import fill_rule_text, growth_rules, standing_rules
from tools.nba.reasons import consultation_reason, industry_labels
from tools.scores.book import ModelInputs, propensity_column
from tools.snapshot.frames import BookFrames


def _growth_actions(
    frames: BookFrames,
    growth: pd.DataFrame,
    config: TriggerConfig,
    due: pd.Series,
    urgency: pd.Series,
) -> pd.DataFrame:
    signalled = growth[growth["signals"] > 0]
    described = [describe_growth(row) for _, row in signalled.iterrows()]
    consult = rows_frame(
        {
            "customer_id": signalled.index.to_numpy(),
            "kind": "consultation",
            "product": None,
            "trigger_kind": "growth",
            "evidence": [e for e, _ in described],
            "reason": [consultation_reason(r) for _, r in described],
            "due_by": signalled.index.map(due).to_numpy(),
            "urgency": signalled.index.map(urgency).to_numpy(),
            "relevance": 100.0,
            "event_driven": True,
        }
    )
    review = limit_review_actions(frames.policies, growth, load_gap_rules(), due, urgency)
    return pd.concat([consult, review], ignore_index=True)


def _supporting_rules(rows: pd.DataFrame) -> pd.Series:
    # Every rule that proposes the same (customer, product), as a sorted list: one bit per
    # rule summed per group (column-wise), then each distinct bit mask named once.
    names = sorted(rows["rule"].unique())
    bits = rows["rule"].map({name: 1 << k for k, name in enumerate(names)})
    keys = [rows["customer_id"], rows["product"]]
    unique = ~rows.duplicated(["customer_id", "product", "rule"])
    mask = bits.where(unique, 0).groupby(keys, sort=False).transform("sum")
    lists = {m: [n for k, n in enumerate(names) if m >> k & 1] for m in mask.unique()}
    return mask.map(lists)


def _proposed_rows(
    frames: BookFrames,
    customers: pd.DataFrame,
    growth: pd.DataFrame,
    config: TriggerConfig,
    catalogue: Catalogue,
) -> pd.DataFrame:
    # Every rule's (customer, product) rows, in rule order, that pass the product rules of
    # the eligibility pack and are not already in the quote flow.
    pack = load_gap_rules()
    parts = [
        *standing_rules(customers, frames.policies, config, pack, catalogue),
        *growth_rules(customers, growth, config, pack, catalogue),
        incident_rules(frames, customers, config),
        quote_rules(frames, config, catalogue),
    ]
    filled = [p for p in parts if len(p)]
    if not filled:
        return pd.DataFrame()
    rows = pd.concat(filled, ignore_index=True)
    columns = Columns(customers, frames.policies, frames.claims, catalogue)
    rows = rows[eligible_rows(rows, columns, catalogue)]
    quoted = quoted_products(frames, config, catalogue)
    in_quote = pd.MultiIndex.from_frame(rows[["customer_id", "product"]]).isin(
        pd.MultiIndex.from_frame(quoted[["customer_id", "quoted"]])
    )
    return rows[~in_quote]


def _one_per_product(rows: pd.DataFrame, customers: pd.DataFrame) -> pd.DataFrame:
    # The event-driven row first, then the most relevant, names the trigger; the relevance is
    # the product's strongest rule's, and every rule of the product supports it.
    rows = rows.assign(event_driven=rows["trigger_kind"] != "gap").sort_values(
        ["customer_id", "product", "event_driven", "relevance"],
        ascending=[True, True, False, False],
        kind="stable",
    )
    supporting = _supporting_rules(rows)
    strongest = rows.groupby(["customer_id", "product"], sort=False)["relevance"].transform("max")
    rows = rows.drop_duplicates(["customer_id", "product"], keep="first").copy()
    rows["relevance"] = strongest.loc[rows.index]
    fill_rule_text(rows, customers)
    rows["evidence"] = [
        e | {"supporting_rules": s}
        for e, s in zip(rows["evidence"], supporting.loc[rows.index], strict=True)
    ]
    return rows


def _product_actions(
    frames: BookFrames,
    customers: pd.DataFrame,
    growth: pd.DataFrame,
    config: TriggerConfig,
    catalogue: Catalogue,
    growth_due: pd.Series,
    growth_urgency: pd.Series,
) -> pd.DataFrame:
    rows = _proposed_rows(frames, customers, growth, config, catalogue)
    if rows.empty:
        return empty_candidates()
    rows = _one_per_product(rows, customers)
    trigger = rows["trigger_kind"]
    now = pd.Timestamp(frames.now)
    fast = now + timedelta(hours=config.industry_incident.respond_within_hours)
    slow = now + timedelta(days=config.gap.respond_within_days)
    rows["kind"] = np.where(trigger == "industry_incident", "incident_outreach", "cross_sell")
    rows["urgency"] = np.select(
        [trigger == "gap", trigger == "growth"],
        ["low", rows["customer_id"].map(growth_urgency)],
        "high",
    )
    rows["due_by"] = np.select(
        [trigger == "gap", trigger == "growth"], [slow, rows["customer_id"].map(growth_due)], fast
    )
    return rows.reindex(columns=empty_candidates().columns)


def detect_candidates(
    frames: BookFrames,
    config: TriggerConfig,
    catalogue: Catalogue,
    policy: ContactPolicy,
    inputs: ModelInputs | None = None,
) -> pd.DataFrame:
    """Return every candidate action of the frames' customers, with channel and value.

    Columns: the trigger columns plus channel, propensity, expected_value_eur and action_id,
    sorted by customer and action id so that any two runs list them in the same order.
    """
    customers = frames.customers.copy()
    codes = customers["industry_code"]
    customers["label"] = codes.map(industry_labels(catalogue)).fillna(codes)
    growth = growth_signals(frames, config)
    timing = [growth_timing(int(s), frames.now, config) for s in growth["signals"]]
    growth_urgency = pd.Series([u for u, _ in timing], index=growth.index, dtype=object)
    growth_due = pd.Series([d for _, d in timing], index=growth.index, dtype=object)
    parts = [
        renewal_triggers(frames, config),
        care_triggers(frames, config),
        behaviour_triggers(frames, config),
        _growth_actions(frames, growth, config, growth_due, growth_urgency),
        _product_actions(frames, customers, growth, config, catalogue, growth_due, growth_urgency),
    ]
    filled = [p for p in parts if len(p)]
    frame = pd.concat(filled, ignore_index=True) if filled else empty_candidates()
    return _enrich(frame, frames, config, catalogue, policy, inputs or ModelInputs())


def _enrich(
    frame: pd.DataFrame,
    frames: BookFrames,
    config: TriggerConfig,
    catalogue: Catalogue,
    policy: ContactPolicy,
    inputs: ModelInputs,
) -> pd.DataFrame:
    channels = choose_channels(frames.customers, frames.offers, policy.channel["preferred_bonus"])
    frame["channel"] = np.where(
        frame["trigger_kind"] == "behaviour", "portal", frame["customer_id"].map(channels)
    )
    frame["due_by"] = pd.to_datetime(frame["due_by"])
    frame["propensity"] = propensity_column(frame, frames.policies, catalogue, policy, inputs)
    held = frames.policies.set_index(["customer_id", "product"])["premium_eur"]
    held = held[~held.index.duplicated()]
    keys = list(zip(frame["customer_id"], frame["product"], strict=True))
    own_premium = pd.Series(held.reindex(keys).to_numpy(), index=frame.index)
    share = frame["kind"].map(config.value_share)
    sale = frame["propensity"] * frame["product"].map(catalogue.mid_premium())
    value = np.where(share.notna(), own_premium * share, sale)
    sells = frame["kind"].isin(["cross_sell", "incident_outreach"])
    frame["expected_value_eur"] = np.where(sells | share.notna(), value, 0.0)
    frame["expected_value_eur"] = frame["expected_value_eur"].fillna(0.0).round(2)
    frame["action_id"] = (
        frame["customer_id"]
        + ":"
        + frame["kind"]
        + ":"
        + frame["product"].fillna("-")
        + ":"
        + frame["trigger_kind"]
    )
    return frame.sort_values(["customer_id", "action_id"]).reset_index(drop=True)
