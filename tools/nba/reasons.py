"""The evidence and plain-words reason of each trigger, worded once for both paths.

The column-wise detectors (the batch) and the one-customer twins call the same functions, so
an action's evidence and reason read the same whichever path proposed it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from tools.catalogue.loader import Catalogue


def renewal_evidence(
    product: str, renewal_date: date, days: int, reminder: int, premium: float
) -> dict[str, Any]:
    """Return the evidence of a renewal reminder.

    Args:
        product: The renewing product.
        renewal_date: The policy's renewal date.
        days: Days from today to the renewal.
        reminder: The reminder stage (e.g. 60, 30 or 7 days).
        premium: The renewing annual premium, EUR.
    """
    return {
        "product": product,
        "renewal_date": renewal_date.isoformat(),
        "days_to_renewal": int(days),
        "reminder": int(reminder),
        "annual_premium_eur": round(float(premium), 2),
    }


def renewal_reason(evidence: dict[str, Any]) -> str:
    """Return the reason of a renewal reminder from its evidence."""
    return (
        f"{evidence['product']} renews on {evidence['renewal_date']}, in "
        f"{evidence['days_to_renewal']} days (the {evidence['reminder']}-day reminder); "
        f"annual premium EUR {evidence['annual_premium_eur']:,.0f}."
    )


def care_evidence(product: str, claim_date: date, status: str) -> dict[str, Any]:
    """Return the evidence of a care contact after a claim."""
    return {"claim_product": product, "claim_date": claim_date.isoformat(), "claim_status": status}


def care_reason(evidence: dict[str, Any]) -> str:
    """Return the reason of a care contact from its evidence."""
    return (
        f"Claim on {evidence['claim_product']} dated {evidence['claim_date']} is "
        f"{evidence['claim_status']}: check in on the claim; care, not a sale."
    )


def behaviour_evidence(logins: int, downloads: int, baseline: float) -> dict[str, Any]:
    """Return the evidence of a portal-behaviour signal (baseline: events a week before)."""
    return {
        "logins_last_7_days": int(logins),
        "downloads_last_7_days": int(downloads),
        "baseline_events_per_week": round(float(baseline), 2),
    }


def behaviour_reason(evidence: dict[str, Any]) -> str:
    """Return the reason of a portal-behaviour signal from its evidence."""
    return (
        f"{evidence['logins_last_7_days']} portal logins and "
        f"{evidence['downloads_last_7_days']} document downloads in the last 7 days (usual: "
        f"{evidence['baseline_events_per_week']} a week): invite a consultation in the portal "
        "on the next login."
    )


def rule_evidence(rule: str, label: str, employees: int) -> dict[str, Any]:
    """Return the evidence of a product proposed by a standing, growth or size rule."""
    return {"rule": rule, "industry": label, "employees": int(employees)}


def rule_reason(template: str, product: str, label: str, employees: int) -> str:
    """Return the reason of a rule proposal: its template with product, label and headcount."""
    return template.format(product=product, label=label, employees=int(employees))


def incident_evidence(
    kind: str, industry: str, occurred_at: datetime, headline: str
) -> dict[str, Any]:
    """Return the evidence of an outreach after an incident in the customer's industry."""
    return {
        "incident": kind,
        "industry": industry,
        "occurred_at": occurred_at.isoformat(),
        "headline": headline,
    }


def incident_reason(kind: str, label: str, occurred_at: datetime, product: str) -> str:
    """Return the reason of an incident outreach (label: the industry in words)."""
    return (
        f"A {kind} incident hit the {label} sector on {occurred_at.date().isoformat()}; "
        f"{product} is not held."
    )


def bundle_evidence(quoted: str, rule: str) -> dict[str, Any]:
    """Return the evidence of a bundle partner of a quoted product."""
    return {"quote_requested": quoted, "rule": rule}


def bundle_reason(quoted: str, product: str) -> str:
    """Return the reason of a bundle partner of a quoted product."""
    return f"Quote requested for {quoted}; {product} completes the bundle at a discount."


def consultation_reason(growth: str) -> str:
    """Return the reason of a growth consultation from the growth's description."""
    return growth + ": offer a cover consultation."


def limits_reason(growth: str, product: str) -> str:
    """Return the reason of a limits review of a held product from the growth's description."""
    return f"{growth}: review the {product} limits."


def industry_labels(catalogue: Catalogue) -> dict[str, str]:
    """Return the label of each catalogue industry (an unknown code reads as itself)."""
    return {code: industry.label for code, industry in catalogue.industries.items()}
