"""Column-wise arbitration: rank candidates, apply the contact policy, merge the day's contact.

The batch's path: it decides a whole chunk of the book at once. One customer is decided by
its plain-Python twin, ``customer_arbitration.arbitrate_customer``, and a parity test holds
the two equal (``tests/tools/decision/test_customer_parity.py``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tools.catalogue.loader import Catalogue
from tools.contact_policy.pack import ContactPolicy
from tools.decision.ranking import score_terms
from tools.experiment.arms import arm_of

PRODUCT_KINDS = ["cross_sell", "incident_outreach"]
DELIVERY_CHANNEL = {"advisor_call": "phone", "automated_email": "email", "portal_message": "portal"}
CHANNEL_DELIVERY = {channel: delivery for delivery, channel in DELIVERY_CHANNEL.items()}


def _desired_delivery(frame: pd.DataFrame, policy: ContactPolicy) -> np.ndarray:
    # Care and high value -> the advisor calls; behaviour or a portal customer -> portal;
    # routine -> automated email.
    return np.select(
        [
            frame["kind"].eq("care"),
            frame["trigger_kind"].eq("behaviour"),
            frame["expected_value_eur"].ge(policy.high_value_eur),
            frame["channel"].eq("portal"),
        ],
        ["advisor_call", "portal_message", "advisor_call", "portal_message"],
        "automated_email",
    )


def resolve_delivery(frame: pd.DataFrame, status: pd.DataFrame, policy: ContactPolicy) -> pd.Series:
    """Return each candidate's delivery: the desired one if consented, else a consented fallback.

    Fallback order: the channel's own delivery, automated email, portal message, advisor call.
    None where no channel has consent.
    """
    consent = status.reindex(frame["customer_id"])
    desired = _desired_delivery(frame, policy)
    options = [
        desired,
        frame["channel"].map(CHANNEL_DELIVERY).to_numpy(),
        *[np.full(len(frame), d) for d in ("automated_email", "portal_message", "advisor_call")],
    ]
    chosen = np.full(len(frame), None, dtype=object)
    for option in options:
        ok = np.zeros(len(frame), dtype=bool)
        for delivery, channel in DELIVERY_CHANNEL.items():
            ok |= (option == delivery) & consent[f"consent_{channel}"].to_numpy(dtype=bool)
        chosen = np.where(pd.isna(chosen) & ok, option, chosen)
    return pd.Series(chosen, index=frame.index)


def _apply_rule(frame: pd.DataFrame, rule_id: str, kinds: list[str], mask: np.ndarray) -> None:
    hit = mask & frame["kind"].isin(kinds).to_numpy() & frame["suppressed_by"].isna().to_numpy()
    frame.loc[hit, "suppressed_by"] = rule_id


def _product_ranks(frame: pd.DataFrame) -> pd.Series:
    alive = frame["suppressed_by"].isna() & frame["kind"].isin(PRODUCT_KINDS)
    ordered = frame[alive].sort_values(
        ["customer_id", "need_tier", "score", "action_id"], ascending=[True, False, False, True]
    )
    return ordered.groupby("customer_id").cumcount().reindex(frame.index)


def arbitrate_frame(
    candidates: pd.DataFrame,
    status: pd.DataFrame,
    policy: ContactPolicy,
    catalogue: Catalogue,
    worst_quintile: pd.Series | None = None,
) -> pd.DataFrame:
    """Return the candidates with score terms, delivery, the suppressing rule, rank and lead.

    Args:
        candidates: Rows of ``detect_candidates`` (with a ``propensity`` column).
        status: ``policy_status`` rows indexed by customer id.
        policy: The contact policy.
        catalogue: The product catalogue.
        worst_quintile: Optional bool per candidate row: the credibility model puts the
            customer in the worst fifth for the product.
    """
    frame = candidates.join(score_terms(candidates, catalogue, policy))
    frame["suppressed_by"] = pd.Series(None, index=frame.index, dtype=object)
    frame["delivery"] = resolve_delivery(frame, status, policy)
    flags = status.reindex(frame["customer_id"])
    checks = {
        rule: flags[rule].to_numpy(dtype=bool)
        for rule in (
            "objection",
            "care_flag",
            "claim_within_30_days",
            "open_claim",
            "contacted_today",
        )
    }
    checks["credibility_worst_quintile"] = (
        np.zeros(len(frame), bool)
        if worst_quintile is None
        else worst_quintile.reindex(frame.index).fillna(False).to_numpy(dtype=bool)
    )
    checks["control_group"] = (
        frame["customer_id"].map(lambda c: arm_of(c, policy.experiment) == "control").to_numpy(bool)
    )
    checks["no_channel_consent"] = frame["delivery"].isna().to_numpy()
    for rule in policy.rules:
        if rule.id in checks:
            _apply_rule(frame, rule.id, rule.applies_to, checks[rule.id])
    _cap_products(frame, flags, policy)
    return _merge_conversation(frame, policy)


def _cap_products(frame: pd.DataFrame, flags: pd.DataFrame, policy: ContactPolicy) -> None:
    rules = {rule.id: rule.applies_to for rule in policy.rules}
    ordered = frame.sort_values(
        ["customer_id", "need_tier", "score", "action_id"], ascending=[True, False, False, True]
    )
    alive = ordered["suppressed_by"].isna() & ordered["kind"].isin(PRODUCT_KINDS)
    repeat = ordered[alive].duplicated(["customer_id", "product"]).reindex(frame.index)
    _apply_rule(
        frame,
        "duplicate_product",
        rules["duplicate_product"],
        repeat.fillna(False).to_numpy(dtype=bool),
    )
    position = _product_ranks(frame)
    beyond = (position >= policy.present_top).fillna(False).to_numpy(dtype=bool)
    _apply_rule(frame, "present_top_2", rules["present_top_2"], beyond)
    position = _product_ranks(frame)
    room = np.maximum(
        policy.max_recommendations_per_month - flags["recommendations_this_month"].to_numpy(), 0
    )
    over_cap = (position >= room).fillna(False).to_numpy(dtype=bool)
    _apply_rule(frame, "monthly_cap_reached", rules["monthly_cap_reached"], over_cap)


def _merge_conversation(frame: pd.DataFrame, policy: ContactPolicy) -> pd.DataFrame:
    # One outreach a day: every chosen action joins one conversation, led by the most urgent
    # action (ties: lead_order, then score); the rest follow by score with the lead's delivery.
    frame["urgency_order"] = frame["urgency"].map(policy.urgency_order)
    frame["lead_order"] = frame["kind"].map(policy.lead_order)
    chosen = frame[frame["suppressed_by"].isna()].sort_values(
        ["customer_id", "urgency_order", "lead_order", "score", "action_id"],
        ascending=[True, True, True, False, True],
    )
    chosen["is_lead"] = ~chosen.duplicated("customer_id")
    chosen = chosen.sort_values(
        ["customer_id", "is_lead", "need_tier", "score", "action_id"],
        ascending=[True, False, False, False, True],
    )
    rank = chosen.groupby("customer_id").cumcount() + 1
    lead = chosen[rank == 1].set_index("customer_id")
    frame["rank"] = rank.reindex(frame.index)
    lead_id = frame["customer_id"].map(lead["action_id"])
    lead_delivery = frame["customer_id"].map(lead["delivery"])
    frame["merged_into"] = np.where(frame["rank"] > 1, lead_id, None)
    frame["delivery"] = np.where(frame["rank"].notna(), lead_delivery, frame["delivery"])
    return frame.drop(columns=["urgency_order", "lead_order"])
