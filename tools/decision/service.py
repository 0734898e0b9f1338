"""``arbitrate``: rank one customer's candidates and apply the contact policy, with a trace."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from tools.book.clock import resolve_now
from tools.catalogue.loader import load_catalogue
from tools.contact_policy import customer_policy_status, load_contact_policy
from tools.decision.customer_arbitration import arbitrate_customer
from tools.decision.models import Arbitration
from tools.nba.models import ActionCandidate
from tools.scores import scores_for
from tools.snapshot import load_snapshot


def arbitrate(
    session: Session,
    customer_id: str,
    candidates: list[ActionCandidate],
    *,
    now: datetime | date | str | None = None,
    models_dir: Path | None,
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
        customer_id: The customer's id (names are resolved at the CLI's edge).
        candidates: Candidates from ``next_best_actions`` for this customer.
        now: Decision moment; default the book's as-of date at 12:00.
        models_dir: The registered models that score the candidates; None ranks by the
            catalogue prior.

    Raises:
        UnknownCustomer: no such customer.
        UnknownProduct: a candidate names a product not in the catalogue.
        ForeignCandidate: a candidate belongs to another customer.
        InvalidDate: ``now`` is not a valid date.
    """
    moment = resolve_now(session, now)
    snapshot = load_snapshot(session, customer_id, moment)
    policy = load_contact_policy()
    return arbitrate_customer(
        snapshot,
        candidates,
        customer_policy_status(snapshot, policy),
        policy,
        load_catalogue(),
        scores_for(snapshot, models_dir),
    )
