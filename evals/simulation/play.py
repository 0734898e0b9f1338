"""One period of the simulated loop: offers recorded, outcomes drawn and recorded, purchases.

Everything goes through the learning loop's own records (``tools/learning``) and the book's
policies, so the figures come out of the same conversion report the advisors' team reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.book.models import Policy
from tools.catalogue.loader import Catalogue
from tools.experiment.arms import Arm
from tools.learning.models import OfferOutcome, PresentedOffer
from tools.learning.offers import OfferCreate, record_offer
from tools.learning.outcomes import OutcomeCreate, record_outcome

RESPONSE_DAYS = (1, 15)
"""A customer answers an offer between 1 and 14 days after it (uniformly)."""
DECLINE_SHARE = 0.5
"""Share of the customers who do not buy that say no; the rest never answer."""


@dataclass(frozen=True)
class Period:
    """Who is offered what, when, and by which model."""

    start: datetime
    end: datetime
    model_version: str
    arm: Arm


def top_products(
    scores: pd.DataFrame, truth: pd.DataFrame, ids: list[str]
) -> list[tuple[str, str]]:
    """Return each customer's highest-scored product among those they do not hold."""
    picks = []
    for customer in ids:
        open_products = truth.columns[truth.loc[customer].notna().to_numpy()]
        ranked = scores.loc[customer, open_products].dropna()
        if not ranked.empty:
            picks.append((customer, str(ranked.idxmax())))
    return picks


def _policy(customer_id: str, code: str, start: datetime, catalogue: Catalogue) -> Policy:
    premium = catalogue.product(code).premium_eur
    return Policy(
        customer_id=customer_id,
        product_code=code,
        status="active",
        annual_premium_eur=float(premium.min + premium.max) / 2,
        limit_eur=0,
        deductible_eur=0,
        start_date=start.date(),
        renewal_date=(start + timedelta(days=365)).date(),
    )


def _moment(rng: np.random.Generator, start: datetime, end: datetime) -> datetime:
    seconds = max(int((end - start).total_seconds()), 1)
    return start + timedelta(seconds=int(rng.integers(0, seconds)))


def present(
    session: Session,
    picks: list[tuple[str, str]],
    truth: pd.DataFrame,
    period: Period,
    rng: np.random.Generator,
    catalogue: Catalogue,
) -> list[float]:
    """Record each pick as an offer, draw and record its outcome; return the true probabilities."""
    probabilities = []
    for customer, code in picks:
        presented = _moment(rng, period.start, period.end)
        offer = record_offer(session, _offer(customer, code, presented, period))
        probability = float(truth.loc[customer, code])
        probabilities.append(probability)
        answered = min(presented + timedelta(days=int(rng.integers(*RESPONSE_DAYS))), period.end)
        if rng.random() < probability:
            _outcome(session, offer.id, "accepted", answered)
            session.add(_policy(customer, code, answered, catalogue))
        elif rng.random() < DECLINE_SHARE:
            _outcome(session, offer.id, "declined", answered)
    session.flush()
    return probabilities


def buy_organically(
    session: Session,
    picks: list[tuple[str, str]],
    truth: pd.DataFrame,
    period: Period,
    share: float,
    rng: np.random.Generator,
    catalogue: Catalogue,
) -> None:
    """Let control customers buy the product unoffered, with ``share`` of their probability."""
    for customer, code in picks:
        if rng.random() < share * float(truth.loc[customer, code]):
            session.add(_policy(customer, code, _moment(rng, period.start, period.end), catalogue))
    session.flush()


def learned_outcomes(session: Session, model_version: str) -> list[tuple[str, str, bool]]:
    """Return (customer, product, accepted) of a model version's offers, read back."""
    accepted = select(OfferOutcome.offer_id).where(OfferOutcome.outcome == "accepted")
    rows = session.execute(
        select(
            PresentedOffer.customer_id,
            PresentedOffer.product_code,
            PresentedOffer.id.in_(accepted),
        ).where(PresentedOffer.model_version == model_version)
    )
    return [(customer, code, bool(won)) for customer, code, won in rows]


def _offer(customer: str, code: str, presented: datetime, period: Period) -> OfferCreate:
    return OfferCreate(
        customer_id=customer,
        product_code=code,
        channel="email",
        trigger_type="gap",
        presented_at=presented,
        model_version=period.model_version,
        rule_pack_id="simulation",
        rule_pack_version="-",
        arm=period.arm,
    )


def _outcome(session: Session, offer_id: int, outcome: str, at: datetime) -> None:
    created = OutcomeCreate.model_validate(
        {"offer_id": offer_id, "outcome": outcome, "occurred_at": at}
    )
    record_outcome(session, created, source="system", recorded_by="simulator", now=at)
