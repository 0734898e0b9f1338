"""Score what the panel shows for one customer against its case, and aggregate the scores.

Definitions (per case; the suite's scores are means or shares over the cases they apply to):

- ``precision_at_2``: share of the recommended top 2 products that are expected; recommending
  nothing when something is expected scores 0; cases expecting nothing are left out.
- ``forbidden``: a recommended product is forbidden, lacks a prerequisite that is neither held
  nor recommended with it, more products are recommended than the contact policy leaves room
  for, or an action of a kind a customer-level block rules out is chosen.
- ``oracle_agreement``: NDCG@2 of the recommended products, the gain of a product being its
  ground-truth purchase probability (0 for any product not allowed), normalised by the
  oracle's own top 2; generated cases with an allowed product only.
- ``channel``: the lead action's channel is an expected one (and its delivery the expected one,
  where the case names it); cases where an action is chosen and a channel is consented.
- ``timing``: every expected dated action is chosen, with its trigger, product and urgency, due
  no later than its deadline; cases expecting one.
- ``unconsented``: a chosen action is delivered on a channel without a recorded yes.
"""

from __future__ import annotations

import math
from statistics import fmean

from pydantic import BaseModel, Field

from copilot.customer_view import ActionPublic, RecommendationsPublic
from evals.recommendations.cases import Case
from evals.recommendations.rules import TimingCheck

DELIVERY_CHANNEL = {"advisor_call": "phone", "automated_email": "email", "portal_message": "portal"}
"""The contact channel each delivery uses."""


class CaseScore(BaseModel):
    """One case's scores and the problems found."""

    precision: float | None = Field(description="Precision@2 (None: nothing expected).")
    oracle_ndcg: float | None = Field(description="NDCG@2 against the oracle (None: no oracle).")
    forbidden: list[str] = Field(description="Forbidden recommendations and blocked actions.")
    unconsented: list[str] = Field(description="Actions delivered without consent.")
    channel_ok: bool | None = Field(description="Lead channel as expected (None: n/a).")
    timing_misses: list[str] = Field(description="Expected dated actions missing or late.")
    timing_ok: bool | None = Field(description="All expected dated actions on time (None: n/a).")
    other: list[str] = Field(description="First product or lead kind not as expected.")

    @property
    def passed(self) -> bool:
        """Return whether every expectation of the case held."""
        return (
            self.precision in (None, 1.0)
            and not self.forbidden
            and not self.unconsented
            and self.channel_ok is not False
            and self.timing_ok is not False
            and not self.other
        )


def precision_at_2(products: list[str], expected: list[str]) -> float | None:
    """Return the share of the top 2 products that are expected (see the module)."""
    if not expected:
        return None
    top = products[:2]
    return sum(p in expected for p in top) / len(top) if top else 0.0


def ndcg_at_2(products: list[str], oracle: dict[str, float]) -> float | None:
    """Return NDCG@2 of the products with the oracle's probabilities as gains."""
    if not oracle:
        return None
    ideal = sorted(oracle.values(), reverse=True)[:2]
    gains = [oracle.get(p, 0.0) for p in products[:2]]

    def dcg(values: list[float]) -> float:
        return sum(v / math.log2(rank + 2) for rank, v in enumerate(values))

    return dcg(gains) / dcg(ideal) if dcg(ideal) > 0 else None


def _forbidden(case: Case, products: list[str], actions: list[ActionPublic]) -> list[str]:
    found = [f"{p}: {case.forbidden[p]}" for p in products if p in case.forbidden]
    for product in products:
        missing = [r for r in case.prerequisites.get(product, []) if r not in products]
        if missing:
            found.append(f"{product}: prerequisite {', '.join(missing)} neither held nor offered")
    if len(products) > case.product_room:
        found.append(f"{len(products)} products recommended, room for {case.product_room}")
    for action in actions:
        if action.kind in case.blocked_kinds:
            found.append(f"{action.kind} {action.product or ''} chosen despite {case.blocks}")
    return found


def _timing(checks: list[TimingCheck], actions: list[ActionPublic]) -> list[str]:
    misses = []
    for check in checks:
        fits = [
            a
            for a in actions
            if a.trigger == check.trigger
            and (check.product is None or a.product == check.product)
            and (check.urgency is None or a.urgency == check.urgency)
        ]
        if not fits:
            misses.append(f"no {check.trigger} action for {check.product or 'the customer'}")
        elif min(a.due_by for a in fits) > check.due_by_latest:
            misses.append(f"{check.trigger} due after {check.due_by_latest:%Y-%m-%d %H:%M}")
    return misses


def _channel_ok(case: Case, view: RecommendationsPublic) -> bool | None:
    lead = view.next_best_action
    if lead is None or not case.channels:
        return None
    return lead.channel in case.channels and case.delivery in (None, lead.delivery)


def _other(case: Case, view: RecommendationsPublic, products: list[str]) -> list[str]:
    out = []
    first = products[0] if products else None
    if case.expected_first is not None and first != case.expected_first:
        out.append(f"first product {first}, expected {case.expected_first}")
    lead = view.next_best_action.kind if view.next_best_action else None
    if case.lead_kind is not None and lead != case.lead_kind:
        out.append(f"lead action {lead}, expected {case.lead_kind}")
    return out


def score_case(case: Case, view: RecommendationsPublic) -> CaseScore:
    """Score the panel's recommendations for one customer against its case."""
    products = [a.product for a in view.recommendations if a.product is not None]
    misses = _timing(case.timing, view.actions)
    return CaseScore(
        precision=precision_at_2(products, case.expected_top),
        oracle_ndcg=ndcg_at_2(products, case.oracle),
        forbidden=_forbidden(case, products, view.actions),
        unconsented=[
            f"{a.kind} by {a.delivery}"
            for a in view.actions
            if DELIVERY_CHANNEL[a.delivery] not in case.consented
        ],
        channel_ok=_channel_ok(case, view),
        timing_misses=misses,
        timing_ok=(not misses) if case.timing else None,
        other=_other(case, view, products),
    )


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(fmean(present), 4) if present else None


def aggregate(scores: list[CaseScore]) -> dict[str, float | None]:
    """Return the suite's scores (None where no case applies)."""
    if not scores:
        return {}
    share = len(scores)
    return {
        "precision_at_2": _mean([s.precision for s in scores]),
        "forbidden_product_rate": round(sum(bool(s.forbidden) for s in scores) / share, 4),
        "oracle_agreement": _mean([s.oracle_ndcg for s in scores]),
        "channel_accuracy": _mean([_flag(s.channel_ok) for s in scores]),
        "timing_accuracy": _mean([_flag(s.timing_ok) for s in scores]),
        "unconsented_contact_rate": round(sum(bool(s.unconsented) for s in scores) / share, 4),
        "case_pass_rate": round(sum(s.passed for s in scores) / share, 4),
    }


def _flag(value: bool | None) -> float | None:
    return None if value is None else float(value)
