"""The column-wise decisions of the batch as typed arbitrations (the parity tests' oracle).

``decide_frames`` returns one row per candidate with its terms, delivery, rule, rank and lead;
this turns one customer's rows back into an ``Arbitration`` with the why-not trace, reading the
facts from the column-wise contact-policy status, as the tools did before the scalar path.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd

from tests.tools.nba.columnwise import candidates_of_frame
from tools.contact_policy.customer import CUSTOMER_BLOCKS
from tools.contact_policy.models import ContactPolicyStatus
from tools.contact_policy.pack import ContactPolicy
from tools.contactability import CONTACT_CHANNELS
from tools.decision.customer_trace import control_evidence
from tools.decision.models import Arbitration, RankedAction, Suppression
from tools.decision.ranking import TERMS
from tools.scores.book import ModelInputs


def block_facts(row: pd.Series, policy: ContactPolicy) -> dict[str, dict[str, Any]]:
    """Return the facts behind one customer's blocks, keyed by rule id."""
    last = row["last_claim_date"]
    claim = {} if pd.isna(last) else {"last_claim_date": last.date().isoformat()}
    facts = {
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


def status_of_row(customer_id: str, row: pd.Series, policy: ContactPolicy) -> ContactPolicyStatus:
    """Return a customer's row of ``policy_status`` as the tool's typed status."""
    evidence = block_facts(row, policy)
    return ContactPolicyStatus(
        customer_id=customer_id,
        sales_allowed=not evidence,
        blocks=list(evidence),
        channel_consent={c: bool(row[f"consent_{c}"]) for c in CONTACT_CHANNELS},
        recommendations_this_month=int(row["recommendations_this_month"]),
        evidence=evidence,
        policy_version=policy.version,
    )


def _evidence(
    row: Any, status: pd.Series, policy: ContactPolicy, inputs: ModelInputs
) -> dict[str, Any]:
    rule = row.suppressed_by
    blocks = block_facts(status, policy)
    if rule in blocks:
        return blocks[rule]
    if rule == "no_channel_consent":
        return {f"consent_{c}": bool(status[f"consent_{c}"]) for c in CONTACT_CHANNELS}
    if rule == "present_top_2":
        return {"score": float(row.score), "presented": policy.present_top}
    if rule == "monthly_cap_reached":
        return {
            "recommendations_this_month": int(status["recommendations_this_month"]),
            "cap": policy.max_recommendations_per_month,
        }
    if rule == "control_group":
        return control_evidence(policy)
    if rule == "credibility_worst_quintile":
        return {"product": row.product, "credibility_model": inputs.credibility_version}
    return {"product": row.product, "score": float(row.score)}


def arbitration_of_rows(
    customer_id: str,
    now: datetime,
    rows: pd.DataFrame,
    status: pd.Series,
    policy: ContactPolicy,
    inputs: ModelInputs,
) -> Arbitration:
    """Return one customer's rows of ``decide_frames`` (in order) as the typed decision."""
    chosen, suppressed = [], []
    candidates = candidates_of_frame(rows, now)
    for candidate, row in zip(candidates, rows.itertuples(index=False), strict=True):
        if pd.notna(row.rank):
            merged = row.merged_into if isinstance(row.merged_into, str) else None
            terms = {t: round(float(getattr(row, f"term_{t}")), 6) for t in TERMS}
            chosen.append(
                RankedAction(
                    rank=int(row.rank),
                    action=candidate,
                    score=float(row.score),
                    score_terms=terms,
                    delivery=row.delivery,
                    merged_into=merged,
                )
            )
        else:
            suppressed.append(
                Suppression(
                    candidate=candidate,
                    rule_id=row.suppressed_by,
                    rule=policy.rule(row.suppressed_by).text,
                    evidence=_evidence(row, status, policy, inputs),
                )
            )
    return Arbitration(
        customer_id=customer_id,
        decided_at=now,
        chosen=sorted(chosen, key=lambda r: r.rank),
        suppressed=suppressed,
        policy_version=policy.version,
        ranking_basis=inputs.ranking_basis,
    )
