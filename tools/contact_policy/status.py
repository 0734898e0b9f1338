"""Column-wise contact-policy status of many customers (the batch's twin of ``customer``)."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from tools.contact_policy.pack import ContactPolicy
from tools.contactability import consent_columns, marketing_columns
from tools.snapshot.frames import BookFrames


def policy_status(frames: BookFrames, policy: ContactPolicy) -> pd.DataFrame:
    """Return one row per customer: block flags, consent, month's recommendations, evidence.

    Columns: the ids of ``customer.CUSTOMER_BLOCKS`` (bool), consent_email/phone/portal,
    objection and care as ``tools.contactability`` decides them,
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
    marketing = marketing_columns(customers)
    status["objection"] = marketing["objection_to_marketing"]
    status["care_flag"] = marketing["care_flag"]
    status["open_claim"] = status["open_claims"] > 0
    status["claim_within_30_days"] = status["last_claim_date"].ge(quiet_start)
    status["contacted_today"] = status["contacts_today"] > 0
    cap = policy.max_recommendations_per_month
    status["monthly_cap_reached"] = status["recommendations_this_month"] >= cap
    consent = consent_columns(customers)
    for column in consent:
        status[column] = consent[column]
    return status
