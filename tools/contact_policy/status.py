"""Column-wise contact-policy status of customers, and the ``contact_policy`` tool."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
from sqlalchemy.orm import Session

from tools.book.clock import resolve_now
from tools.book.repository import resolve_customer
from tools.contact_policy.models import ContactPolicyStatus
from tools.contact_policy.pack import ContactPolicy, load_contact_policy
from tools.snapshot.frames import BookFrames, load_frames

CUSTOMER_BLOCKS = [
    "objection",
    "care_flag",
    "open_claim",
    "claim_within_30_days",
    "contacted_today",
    "monthly_cap_reached",
]


def policy_status(frames: BookFrames, policy: ContactPolicy) -> pd.DataFrame:
    """Return one row per customer: block flags, consent, month's recommendations, evidence.

    Columns: the ids of ``CUSTOMER_BLOCKS`` (bool), consent_email/phone/portal,
    recommendations_this_month, last_claim_date, open_claims, contacts_today; indexed by
    customer id.
    """
    customers = frames.customers.set_index("customer_id")
    today = pd.Timestamp(frames.now.date())
    claims = frames.claims.groupby("customer_id")
    month_start = today.replace(day=1)
    offers = frames.offers[frames.offers["presented_at"] >= month_start]
    touched = frames.contacts[frames.contacts["kind"] != "service"]
    offered_today = frames.offers[frames.offers["presented_at"] >= today]
    status = pd.DataFrame(index=customers.index)
    status["last_claim_date"] = claims["claim_date"].max()
    status["open_claims"] = (
        frames.claims["status"].eq("open").groupby(frames.claims["customer_id"]).sum()
    )
    status["contacts_today"] = (
        touched.groupby("customer_id")
        .size()
        .add(offered_today.groupby("customer_id").size(), fill_value=0)
    )
    status["recommendations_this_month"] = offers.groupby("customer_id").size()
    status = status.fillna({"open_claims": 0, "contacts_today": 0, "recommendations_this_month": 0})
    for column in ("open_claims", "contacts_today", "recommendations_this_month"):
        status[column] = status[column].astype(int)
    quiet_start = today - timedelta(days=policy.claim_quiet_days)
    status["objection"] = customers["objection_to_marketing"]
    status["care_flag"] = customers["care_flag"]
    status["open_claim"] = status["open_claims"] > 0
    status["claim_within_30_days"] = status["last_claim_date"].ge(quiet_start)
    status["contacted_today"] = status["contacts_today"] > 0
    cap = policy.max_recommendations_per_month
    status["monthly_cap_reached"] = status["recommendations_this_month"] >= cap
    for channel in ("email", "phone", "portal"):
        # Only a recorded yes is consent: unknown (None or NaN) counts as no, fail closed.
        status[f"consent_{channel}"] = customers[f"consent_{channel}"].eq(True)
    return status


def block_evidence(row: pd.Series, policy: ContactPolicy) -> dict[str, dict[str, object]]:
    """Return the facts behind one customer's blocks, keyed by rule id."""
    last = row["last_claim_date"]
    claim: dict[str, object] = {} if pd.isna(last) else {"last_claim_date": last.date().isoformat()}
    facts: dict[str, dict[str, object]] = {
        "objection": {"objection_to_marketing": True},
        "care_flag": {"care_flag": True},
        "open_claim": {"open_claims": int(row["open_claims"])},
        "claim_within_30_days": claim,
        "contacted_today": {"outreach_today": int(row["contacts_today"])},
        "monthly_cap_reached": {
            "recommendations_this_month": int(row["recommendations_this_month"]),
            "cap": policy.max_recommendations_per_month,
        },
    }
    return {rule: facts[rule] for rule in CUSTOMER_BLOCKS if bool(row[rule])}


def contact_policy(
    session: Session, customer_id: str, *, now: datetime | date | str | None = None
) -> ContactPolicyStatus:
    """Return whether the customer may get sales contact now, and what blocks it.

    Blocks (rule ids of contact_policy.yaml): objection, care_flag, open_claim,
    claim_within_30_days, contacted_today, monthly_cap_reached. Consent per channel is
    fail-closed: unknown counts as no.

    Args:
        session: Open session on the book.
        customer_id: Customer id or exact name.
        now: Decision moment; default the book's as-of date at 12:00.

    Raises:
        UnknownCustomer: no such customer.
        InvalidDate: ``now`` is not a valid date.
    """
    moment = resolve_now(session, now)
    customer = resolve_customer(session, customer_id)
    policy = load_contact_policy()
    row = policy_status(load_frames(session, moment, [customer.id]), policy).loc[customer.id]
    evidence = block_evidence(row, policy)
    return ContactPolicyStatus(
        customer_id=customer.id,
        sales_allowed=not evidence,
        blocks=list(evidence),
        channel_consent={c: bool(row[f"consent_{c}"]) for c in ("email", "phone", "portal")},
        recommendations_this_month=int(row["recommendations_this_month"]),
        evidence=evidence,
        policy_version=policy.version,
    )
