"""``arbitrate``: rank one customer's candidates and apply the contact policy, with a trace."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlalchemy.orm import Session

from tools.book.clock import resolve_now
from tools.book.repository import resolve_customer
from tools.catalogue.loader import load_catalogue
from tools.contact_policy.pack import ContactPolicy, load_contact_policy
from tools.contact_policy.status import block_evidence, policy_status
from tools.decision.arbitration import arbitrate_frame
from tools.decision.models import Arbitration, RankedAction, Suppression
from tools.decision.ranking import TERMS
from tools.foundation.errors import InvalidInput
from tools.nba.models import ActionCandidate
from tools.scores.book import (
    ModelInputs,
    load_model_inputs,
    propensity_column,
    worst_quintile_flags,
)
from tools.snapshot.frames import load_frames


class ForeignCandidate(InvalidInput):
    """A candidate belongs to another customer than the one being decided on."""


def candidates_to_frame(candidates: list[ActionCandidate]) -> pd.DataFrame:
    """Return the candidate rows the column-wise arbitration reads."""
    return pd.DataFrame(
        [
            {
                "action_id": c.action_id,
                "customer_id": c.customer_id,
                "kind": c.kind,
                "product": c.product,
                "trigger_kind": c.trigger.kind,
                "urgency": c.urgency,
                "relevance": c.relevance,
                "event_driven": c.trigger.kind != "gap",
                "channel": c.channel,
                "expected_value_eur": c.expected_value_eur,
                "due_by": c.due_by,
            }
            for c in candidates
        ],
        columns=[
            "action_id",
            "customer_id",
            "kind",
            "product",
            "trigger_kind",
            "urgency",
            "relevance",
            "event_driven",
            "channel",
            "expected_value_eur",
            "due_by",
        ],
    )


def suppression_evidence(row: pd.Series, trace: Trace) -> dict[str, object]:
    """Return the facts behind the rule that suppressed one candidate."""
    rule, status, policy = row["suppressed_by"], trace.status, trace.policy
    blocks = block_evidence(status, policy)
    if rule in blocks:
        return blocks[rule]
    if rule == "no_channel_consent":
        return {f"consent_{c}": bool(status[f"consent_{c}"]) for c in ("email", "phone", "portal")}
    if rule == "present_top_2":
        return {"score": float(row["score"]), "presented": policy.present_top}
    if rule == "monthly_cap_reached":
        return {
            "recommendations_this_month": int(status["recommendations_this_month"]),
            "cap": policy.max_recommendations_per_month,
        }
    if rule == "credibility_worst_quintile":
        return {"product": row["product"], "credibility_model": trace.inputs.credibility_version}
    return {"product": row["product"], "score": float(row["score"])}


def arbitrate(
    session: Session,
    customer_id: str,
    candidates: list[ActionCandidate],
    *,
    now: datetime | date | str | None = None,
) -> Arbitration:
    """Rank the candidates and apply the contact policy; return the chosen and the why-not trace.

    Ranking: propensity x value x relevance x levers (remuneration excluded; see
    ``tools/decision/ranking.py``). Policy (``contact_policy.yaml``): objection, care flag,
    claim in the last 30 days, open claim, already contacted today, credibility worst quintile,
    no consented channel, one recommendation per product, at most 3 product recommendations a
    month, present the top 2. Every chosen action joins one conversation (one outreach a day)
    led by the most urgent action; high value -> advisor call, routine -> automated email.

    Args:
        session: Open session on the book.
        customer_id: Customer id or exact name.
        candidates: Candidates from ``next_best_actions`` for this customer.
        now: Decision moment; default the book's as-of date at 12:00.

    Raises:
        UnknownCustomer: no such customer.
        UnknownProduct: a candidate names a product not in the catalogue.
        ForeignCandidate: a candidate belongs to another customer.
        InvalidDate: ``now`` is not a valid date.
    """
    moment = resolve_now(session, now)
    customer = resolve_customer(session, customer_id)
    catalogue, policy = load_catalogue(), load_contact_policy()
    for candidate in candidates:
        if candidate.customer_id != customer.id:
            raise ForeignCandidate(f"Candidate {candidate.action_id!r} is not for {customer.id}.")
        if candidate.product is not None:
            catalogue.product(candidate.product)
    frames = load_frames(session, moment, [customer.id])
    inputs = load_model_inputs(session, moment, [customer.id])
    frame = candidates_to_frame(candidates)
    frame["propensity"] = propensity_column(frame, frames.policies, catalogue, policy, inputs)
    status = policy_status(frames, policy)
    worst = worst_quintile_flags(frame, inputs)
    decided = arbitrate_frame(frame, status, policy, catalogue, worst)
    trace = Trace(status.loc[customer.id], policy, inputs)
    return _arbitration(customer.id, moment, candidates, decided, trace)


@dataclass(frozen=True)
class Trace:
    """What the why-not trace quotes: the customer's policy status, the policy, the models."""

    status: pd.Series
    policy: ContactPolicy
    inputs: ModelInputs


def _arbitration(
    customer_id: str,
    moment: datetime,
    candidates: list[ActionCandidate],
    decided: pd.DataFrame,
    trace: Trace,
) -> Arbitration:
    chosen, suppressed = [], []
    for candidate, (_, row) in zip(candidates, decided.iterrows(), strict=True):
        if pd.notna(row["rank"]):
            chosen.append(
                RankedAction(
                    rank=int(row["rank"]),
                    action=candidate,
                    score=float(row["score"]),
                    score_terms={t: round(float(row[f"term_{t}"]), 6) for t in TERMS},
                    delivery=row["delivery"],
                    merged_into=row["merged_into"] if isinstance(row["merged_into"], str) else None,
                )
            )
        else:
            suppressed.append(
                Suppression(
                    candidate=candidate,
                    rule_id=row["suppressed_by"],
                    rule=trace.policy.rule(row["suppressed_by"]).text,
                    evidence=suppression_evidence(row, trace),
                )
            )
    return Arbitration(
        customer_id=customer_id,
        decided_at=moment,
        chosen=sorted(chosen, key=lambda r: r.rank),
        suppressed=suppressed,
        policy_version=trace.policy.version,
        ranking_basis=trace.inputs.ranking_basis,
    )
