"""One customer's arbitration as the typed decision, with the why-not trace of every suppression.

Each suppressed candidate quotes its rule and the facts that made it apply: a customer block's
evidence from the contact-policy status, the consent per channel, the score against the
presented top, the month's recommendations against the cap, or the credibility model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from tools.contact_policy.models import ContactPolicyStatus
from tools.contact_policy.pack import ContactPolicy
from tools.contactability import CONTACT_CHANNELS
from tools.decision.customer_ranking import ScoreTerms
from tools.decision.models import Arbitration, Delivery, RankedAction, Suppression
from tools.nba.model_view import ModelView
from tools.nba.models import ActionCandidate
from tools.scores.prior import CATALOGUE_PRIOR
from tools.snapshot import CustomerSnapshot


@dataclass(slots=True)
class Decided:
    """One candidate with its score, delivery and the policy's verdict."""

    candidate: ActionCandidate
    """The candidate."""
    terms: ScoreTerms
    """Its score terms."""
    delivery: str | None
    """Its delivery (the lead's once it joins the conversation); None without consent."""
    suppressed_by: str | None = None
    """The rule that suppressed it, or None when chosen."""
    rank: int | None = None
    """Its place in the conversation (1 = the lead), None when suppressed."""
    merged_into: str | None = None
    """The lead's action id when it joins the lead's conversation."""


def control_evidence(policy: ContactPolicy) -> dict[str, Any]:
    """Return the facts behind a control-group suppression: the arm and the split."""
    split = policy.experiment
    return {"arm": "control", "control_share": split.control_share, "salt": split.salt}


def suppression_evidence(
    row: Decided, status: ContactPolicyStatus, policy: ContactPolicy, scores: ModelView | None
) -> dict[str, Any]:
    """Return the facts behind the rule that suppressed one candidate."""
    rule, product = row.suppressed_by, row.candidate.product
    if rule in status.evidence:
        return dict(status.evidence[rule])
    if rule == "no_channel_consent":
        return {f"consent_{c}": bool(status.channel_consent[c]) for c in CONTACT_CHANNELS}
    if rule == "present_top_2":
        return {"score": row.terms.score, "presented": policy.present_top}
    if rule == "monthly_cap_reached":
        return {
            "recommendations_this_month": status.recommendations_this_month,
            "cap": policy.max_recommendations_per_month,
        }
    if rule == "control_group":
        return control_evidence(policy)
    if rule == "credibility_worst_quintile":
        version = scores.credibility_version if scores is not None else None
        return {"product": product, "credibility_model": version}
    return {"product": product, "score": row.terms.score}


def arbitration_of(
    snapshot: CustomerSnapshot,
    rows: list[Decided],
    status: ContactPolicyStatus,
    policy: ContactPolicy,
    scores: ModelView | None,
) -> Arbitration:
    """Return the typed decision: the chosen actions by rank, the suppressed in given order."""
    chosen, suppressed = [], []
    for row in rows:
        if row.rank is not None:
            chosen.append(
                RankedAction(
                    rank=row.rank,
                    action=row.candidate,
                    score=row.terms.score,
                    score_terms=row.terms.terms(),
                    delivery=cast(Delivery, row.delivery),
                    merged_into=row.merged_into,
                )
            )
        elif row.suppressed_by is not None:
            suppressed.append(
                Suppression(
                    candidate=row.candidate,
                    rule_id=row.suppressed_by,
                    rule=policy.rule(row.suppressed_by).text,
                    evidence=suppression_evidence(row, status, policy, scores),
                )
            )
    return Arbitration(
        customer_id=snapshot.customer_id,
        decided_at=snapshot.now,
        chosen=sorted(chosen, key=lambda r: r.rank),
        suppressed=suppressed,
        policy_version=policy.version,
        ranking_basis=scores.ranking_basis if scores is not None else CATALOGUE_PRIOR,
    )
