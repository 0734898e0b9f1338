"""One customer's event triggers from its snapshot: renewal, care, behaviour and growth.

The twins of ``event_triggers``, ``limit_reviews`` and the growth consultation of
``candidates`` for a single customer, in plain Python (no pandas): same thresholds, same
evidence and wording (``reasons``), so a customer's proposals equal its rows of the batch.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tools.gaps.pack import GapRulePack, Metric
from tools.nba.config import TriggerConfig
from tools.nba.event_triggers import PORTAL_EVENTS
from tools.nba.growth import GrowthRow, customer_rule_fires, describe_growth
from tools.nba.proposals import Proposal
from tools.nba.reasons import (
    behaviour_evidence,
    behaviour_reason,
    care_evidence,
    care_reason,
    consultation_reason,
    limits_reason,
    renewal_evidence,
    renewal_reason,
)
from tools.nba.renewal_timing import renewal_due_by
from tools.snapshot import CustomerSnapshot


def renewal_proposals(snapshot: CustomerSnapshot, config: TriggerConfig) -> list[Proposal]:
    """Propose a renewal review for each policy in force inside the reminder window."""
    rules, now = config.renewal, snapshot.now
    stages = sorted(rules.reminder_days)
    out = []
    for policy in sorted(snapshot.policies_in_force, key=lambda p: p.id):
        days = (policy.renewal_date - now.date()).days
        if not 0 <= days <= rules.review_at_days:
            continue
        stage = next((s for s in stages if days <= s), stages[-1])
        urgency = rules.urgency[stage]
        hours = rules.respond_within_hours[urgency]
        evidence = renewal_evidence(
            policy.product_code, policy.renewal_date, days, stage, policy.annual_premium_eur
        )
        out.append(
            Proposal(
                "renewal_review",
                policy.product_code,
                "renewal",
                evidence,
                renewal_reason(evidence),
                renewal_due_by(now, policy.renewal_date, hours),
                urgency,
                100.0,
            )
        )
    return out


def care_proposals(snapshot: CustomerSnapshot, config: TriggerConfig) -> list[Proposal]:
    """Propose a care contact after the latest recent or open claim (care, not a sale)."""
    since = snapshot.now.date() - timedelta(days=config.claim.care_within_days)
    hits = [c for c in snapshot.claims if c.claim_date >= since or c.status == "open"]
    if not hits:
        return []
    claim = max(hits, key=lambda c: (c.claim_date, c.id))
    evidence = care_evidence(claim.product_code, claim.claim_date, claim.status)
    due_by = snapshot.now + timedelta(hours=config.claim.respond_within_hours)
    return [
        Proposal(
            "care",
            claim.product_code,
            "claim",
            evidence,
            care_reason(evidence),
            due_by,
            "high",
            100.0,
        )
    ]


def behaviour_proposals(snapshot: CustomerSnapshot, config: TriggerConfig) -> list[Proposal]:
    """Propose an in-portal consultation invite after 3+ logins in a week or a 4x jump."""
    rules, now = config.behaviour, snapshot.now
    recent_start = now - timedelta(days=rules.window_days)
    base_start = now - timedelta(days=rules.window_days * (rules.baseline_weeks + 1))
    logins = downloads = before = 0
    for event in snapshot.events:
        if event.event_type not in PORTAL_EVENTS:
            continue
        if event.occurred_at > recent_start:
            logins += event.event_type == "portal_login"
            downloads += event.event_type != "portal_login"
        elif event.occurred_at > base_start:
            before += 1
    baseline = before / rules.baseline_weeks
    activity = logins + downloads
    jump = activity >= rules.min_jump_events and activity >= rules.jump_factor * baseline
    if logins < rules.min_logins and not jump:
        return []
    evidence = behaviour_evidence(logins, downloads, baseline)
    due_by = now + timedelta(days=rules.respond_within_days)
    return [
        Proposal(
            "consultation",
            None,
            "behaviour",
            evidence,
            behaviour_reason(evidence),
            due_by,
            "medium",
            100.0,
        )
    ]


def _limit_reviews(
    growth: GrowthRow, held: frozenset[str], pack: GapRulePack
) -> dict[str, tuple[list[Metric], list[str]]]:
    # Per held product (sorted), the metrics and ids of the limit-review rules that fired.
    fired: dict[str, tuple[list[Metric], list[str]]] = {}
    for rule in pack.limit_review_rules:
        if not customer_rule_fires(growth, rule):
            continue
        for product in rule.products:
            if product in held:
                metrics, rules = fired.setdefault(product, ([], []))
                metrics.append(rule.metric)
                rules.append(rule.id)
    return dict(sorted(fired.items()))


def growth_proposals(
    growth: GrowthRow,
    held: frozenset[str],
    pack: GapRulePack,
    timing: tuple[str, datetime],
) -> list[Proposal]:
    """Propose the growth consultation (on a seed signal) and the limits reviews of held covers.

    Args:
        growth: The customer's growth row (``customer_growth``).
        held: Products of the policies in force.
        pack: The gaps rule pack (its limit-review rules).
        timing: Urgency and deadline of the customer's growth actions (``growth_timing``).
    """
    urgency, due_by = timing
    out = []
    if growth["signals"] > 0:
        evidence, text = describe_growth(growth)
        reason = consultation_reason(text)
        out.append(
            Proposal("consultation", None, "growth", evidence, reason, due_by, urgency, 100.0)
        )
    for product, (metrics, rules) in _limit_reviews(growth, held, pack).items():
        evidence, text = describe_growth(growth, metrics)
        evidence |= {"product": product, "limit_review_rules": rules}
        reason = limits_reason(text, product)
        out.append(
            Proposal("limits_review", product, "growth", evidence, reason, due_by, urgency, 100.0)
        )
    return out
