"""One customer's contact-policy status from its snapshot (the twin of ``policy_status``).

Blocks (rule ids of ``contact_policy.yaml``) in the order the trace lists them: objection to
direct marketing and the care flag (``tools.contactability``), an open claim, a claim in the
quiet period, an outreach (a non-service contact or an offer) today, and the monthly cap of
product recommendations; consent per channel is ``tools.contactability``'s.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tools.contact_policy.models import ContactPolicyStatus
from tools.contact_policy.pack import ContactPolicy
from tools.contactability import Contactability, contactability
from tools.snapshot import CustomerSnapshot

CUSTOMER_BLOCKS = (
    "objection",
    "care_flag",
    "open_claim",
    "claim_within_30_days",
    "contacted_today",
    "monthly_cap_reached",
)
"""The customer-level blocks of the contact policy, in trace order."""


def _outreach_today(snapshot: CustomerSnapshot) -> int:
    day_start = datetime.combine(snapshot.now.date(), datetime.min.time())
    contacts = sum(
        1 for c in snapshot.contacts if c.contacted_at >= day_start and c.kind != "service"
    )
    return contacts + sum(1 for o in snapshot.offers if o.presented_at >= day_start)


def _recommendations_this_month(snapshot: CustomerSnapshot) -> int:
    month_start = datetime.combine(snapshot.now.date().replace(day=1), datetime.min.time())
    return sum(1 for o in snapshot.offers if o.presented_at >= month_start)


def _block_facts(
    snapshot: CustomerSnapshot, policy: ContactPolicy, reach: Contactability, month: int
) -> dict[str, dict[str, object] | None]:
    # Each block's evidence where it applies, None where it does not.
    last = max((c.claim_date for c in snapshot.claims), default=None)
    quiet_start = snapshot.now.date() - timedelta(days=policy.claim_quiet_days)
    open_claims = len(snapshot.open_claims)
    outreach = _outreach_today(snapshot)
    cap = policy.max_recommendations_per_month
    return {
        "objection": {"objection_to_marketing": True} if reach.objection_to_marketing else None,
        "care_flag": {"care_flag": True} if reach.care_flag else None,
        "open_claim": {"open_claims": open_claims} if open_claims else None,
        "claim_within_30_days": (
            {"last_claim_date": last.isoformat()}
            if last is not None and last >= quiet_start
            else None
        ),
        "contacted_today": {"outreach_today": outreach} if outreach else None,
        "monthly_cap_reached": (
            {"recommendations_this_month": month, "cap": cap} if month >= cap else None
        ),
    }


def customer_policy_status(
    snapshot: CustomerSnapshot, policy: ContactPolicy
) -> ContactPolicyStatus:
    """Return whether the customer may get sales contact now, what blocks it, and consent.

    Args:
        snapshot: The customer's rows as of the decision moment.
        policy: The contact policy.

    Returns:
        The status; ``evidence`` holds the facts behind each block, keyed by rule id.
    """
    reach, month = contactability(snapshot.customer), _recommendations_this_month(snapshot)
    facts = _block_facts(snapshot, policy, reach, month)
    evidence = {rule: facts[rule] for rule in CUSTOMER_BLOCKS if facts[rule] is not None}
    return ContactPolicyStatus(
        customer_id=snapshot.customer_id,
        sales_allowed=not evidence,
        blocks=list(evidence),
        channel_consent=dict(reach.consented()),
        recommendations_this_month=month,
        evidence=evidence,
        policy_version=policy.version,
    )
