"""Arbitrate one customer's candidates under the contact policy, in plain Python.

The twin of ``arbitration.arbitrate_frame`` for a single customer: score terms and need
tiers, the delivery with its consented fallbacks, the suppression rules in the policy's
order, one recommendation per product, the top 2 presented, the monthly cap, and one
conversation a day led by the most urgent action. The result equals the customer's rows of
the batch (``tests/tools/decision/test_customer_parity.py``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from tools.catalogue.loader import Catalogue
from tools.contact_policy.models import ContactPolicyStatus
from tools.contact_policy.pack import ContactPolicy
from tools.decision.arbitration import CHANNEL_DELIVERY, DELIVERY_CHANNEL
from tools.decision.customer_ranking import customer_score_terms
from tools.decision.customer_trace import Decided, arbitration_of
from tools.decision.models import Arbitration
from tools.experiment.arms import arm_of
from tools.foundation.errors import InvalidInput
from tools.nba.customer_value import propensity_of
from tools.nba.model_view import ModelView
from tools.nba.models import PRODUCT_KINDS, ActionCandidate
from tools.snapshot import CustomerSnapshot

CUSTOMER_RULES = ("objection", "care_flag", "claim_within_30_days", "open_claim", "contacted_today")
"""Suppression rules that hold for every candidate of a blocked customer."""
FALLBACKS = ("automated_email", "portal_message", "advisor_call")
"""Deliveries tried, in order, after the desired one and the channel's own."""


class ForeignCandidate(InvalidInput):
    """A candidate belongs to another customer than the one being decided on."""


def _desired(candidate: ActionCandidate, policy: ContactPolicy) -> str:
    # Care and high value -> the advisor calls; behaviour or a portal customer -> portal;
    # routine -> automated email.
    if candidate.kind == "care":
        return "advisor_call"
    if candidate.trigger.kind == "behaviour":
        return "portal_message"
    if candidate.expected_value_eur >= policy.high_value_eur:
        return "advisor_call"
    return "portal_message" if candidate.channel == "portal" else "automated_email"


def delivery_of(
    candidate: ActionCandidate, consent: Mapping[str, bool], policy: ContactPolicy
) -> str | None:
    """Return the desired delivery if consented, else the first consented fallback (or None).

    Fallback order: the channel's own delivery, automated email, portal message, advisor call.
    """
    options = (_desired(candidate, policy), CHANNEL_DELIVERY.get(candidate.channel), *FALLBACKS)
    for option in options:
        if option is not None and consent.get(DELIVERY_CHANNEL[option], False):
            return option
    return None


def _suppress(
    rows: list[Decided], status: ContactPolicyStatus, policy: ContactPolicy, worst: frozenset[str]
) -> None:
    blocked = set(status.blocks)
    for rule in policy.rules:
        for row in rows:
            if row.suppressed_by is not None or row.candidate.kind not in rule.applies_to:
                continue
            if rule.id in CUSTOMER_RULES:
                hit = rule.id in blocked
            elif rule.id == "control_group":
                hit = arm_of(row.candidate.customer_id, policy.experiment) == "control"
            elif rule.id == "credibility_worst_quintile":
                hit = row.candidate.product in worst
            elif rule.id == "no_channel_consent":
                hit = row.delivery is None
            else:
                continue  # the product caps below
            if hit:
                row.suppressed_by = rule.id


def _cap_products(rows: list[Decided], status: ContactPolicyStatus, policy: ContactPolicy) -> None:
    applies = {rule.id: rule.applies_to for rule in policy.rules}
    ordered = sorted(
        rows, key=lambda r: (-r.terms.need_tier, -r.terms.score, r.candidate.action_id)
    )

    def alive() -> list[Decided]:
        return [r for r in ordered if r.suppressed_by is None and r.candidate.kind in PRODUCT_KINDS]

    def apply(rule_id: str, hits: list[Decided]) -> None:
        for row in hits:
            if row.candidate.kind in applies[rule_id] and row.suppressed_by is None:
                row.suppressed_by = rule_id

    seen: set[str | None] = set()
    repeats = []
    for row in alive():
        if row.candidate.product in seen:
            repeats.append(row)
        seen.add(row.candidate.product)
    apply("duplicate_product", repeats)
    apply("present_top_2", alive()[policy.present_top :])
    room = max(policy.max_recommendations_per_month - status.recommendations_this_month, 0)
    apply("monthly_cap_reached", alive()[room:])


def _merge_conversation(rows: list[Decided], policy: ContactPolicy) -> None:
    # One outreach a day: every chosen action joins one conversation, led by the most urgent
    # action (ties: lead_order, then score); the rest follow by score with the lead's delivery.
    chosen = sorted(
        (r for r in rows if r.suppressed_by is None),
        key=lambda r: (
            policy.urgency_order.get(r.candidate.urgency, math.inf),
            policy.lead_order.get(r.candidate.kind, math.inf),
            -r.terms.score,
            r.candidate.action_id,
        ),
    )
    if not chosen:
        return
    lead = chosen[0]
    chosen.sort(
        key=lambda r: (r is not lead, -r.terms.need_tier, -r.terms.score, r.candidate.action_id)
    )
    for rank, row in enumerate(chosen, start=1):
        row.rank, row.delivery = rank, lead.delivery
        row.merged_into = lead.candidate.action_id if rank > 1 else None


def _check(
    snapshot: CustomerSnapshot, candidates: Sequence[ActionCandidate], catalogue: Catalogue
) -> None:
    for candidate in candidates:
        if candidate.customer_id != snapshot.customer_id:
            raise ForeignCandidate(
                f"Candidate {candidate.action_id!r} is not for {snapshot.customer_id}."
            )
        if candidate.product is not None:
            catalogue.product(candidate.product)


def arbitrate_customer(
    snapshot: CustomerSnapshot,
    candidates: Sequence[ActionCandidate],
    status: ContactPolicyStatus,
    policy: ContactPolicy,
    catalogue: Catalogue,
    scores: ModelView | None,
) -> Arbitration:
    """Rank one customer's candidates and apply the contact policy, with the why-not trace.

    Args:
        snapshot: The customer's rows as of the decision moment (held products, now).
        candidates: The customer's candidates (``detect_customer_candidates``).
        status: The customer's contact-policy status (``customer_policy_status``).
        policy: The contact policy.
        catalogue: The product catalogue.
        scores: The trained models' scores of the customer (None: the catalogue prior ranks).

    Raises:
        ForeignCandidate: a candidate belongs to another customer.
        UnknownProduct: a candidate names a product not in the catalogue.
    """
    _check(snapshot, candidates, catalogue)
    held = snapshot.held_products
    propensities = [propensity_of(held, c.product, scores, catalogue, policy) for c in candidates]
    terms = customer_score_terms(candidates, propensities, catalogue, policy)
    consent = status.channel_consent
    rows = [
        Decided(c, t, delivery_of(c, consent, policy))
        for c, t in zip(candidates, terms, strict=True)
    ]
    _suppress(rows, status, policy, scores.worst_quintile if scores is not None else frozenset())
    _cap_products(rows, status, policy)
    _merge_conversation(rows, policy)
    return arbitration_of(snapshot, rows, status, policy, scores)
