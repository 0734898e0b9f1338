"""One period of the simulated loop: offers recorded, outcomes drawn and recorded, purchases.

Everything goes through the learning loop's own records (``tools/learning``) and the book's
policies, so the figures come out of the same conversion report the advisors' team reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from tools.book.models import Policy
from tools.catalogue.loader import Catalogue
from tools.experiment.arms import Arm
from tools.learning.offers import OfferCreate, record_offer
from tools.learning.outcomes import OutcomeCreate, record_outcome
from tools.learning.ratings_table import RatingRecord

RESPONSE_DAYS = (1, 15)
"""A customer answers an offer between 1 and 14 days after it (uniformly)."""
DECLINE_SHARE = 0.5
"""Share of the customers who do not buy that say no; the rest never answer."""
ADVISOR = "ADV-SIM"
"""The simulated advisor who presents the offers and rates the recommendations."""


@dataclass(frozen=True)
class Advisors:
    """How the simulated advisors rate recommendations whose offer was not accepted.

    An assumption of the simulator: the advisor, who knows the customer, rates ``share`` of
    them; one whose acceptance chance was below ``fit_line`` gets 2 stars, "not relevant"
    (the product did not fit), the others 3 stars, "wrong timing" (it fitted, the moment did
    not). ``tools/learning/feedback.py`` turns these into weights and exclusions.
    """

    share: float
    fit_line: float


@dataclass(frozen=True)
class Period:
    """Who is offered what, when, and by which model."""

    start: datetime
    end: datetime
    model_version: str
    arm: Arm


def top_products(
    scores: pd.DataFrame, truth: pd.DataFrame, ids: list[str]
) -> list[tuple[str, str, float]]:
    """Return each customer's highest-scored product among those they do not hold, and its score.

    A product the customer could buy has a true probability (``truth`` not NaN); one they
    hold has none, and neither has a customer without a policy in force (not scored).
    """
    picks = []
    for customer in ids:
        if customer not in scores.index:
            continue
        open_products = truth.columns[truth.loc[customer].notna().to_numpy()]
        ranked = scores.loc[customer, open_products].dropna()
        if not ranked.empty:
            code = str(ranked.idxmax())
            picks.append((customer, code, float(ranked[code])))
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
    picks: list[tuple[str, str, float]],
    acceptance: pd.DataFrame,
    period: Period,
    rng: np.random.Generator,
    catalogue: Catalogue,
    advisors: Advisors,
) -> list[float]:
    """Record each pick as an offer, draw and record its outcome; return the true chances.

    ``picks`` are (customer, product, the propensity it was ranked on); ``acceptance`` holds
    each customer's true chance of accepting each product when offered.
    """
    probabilities = []
    for customer, code, propensity in picks:
        presented = _moment(rng, period.start, period.end)
        offer = record_offer(session, _offer(customer, code, presented, period, propensity))
        probability = float(acceptance.loc[customer, code])
        probabilities.append(probability)
        answered = min(presented + timedelta(days=int(rng.integers(*RESPONSE_DAYS))), period.end)
        if rng.random() < probability:
            _outcome(session, offer.id, "accepted", answered)
            session.add(_policy(customer, code, answered, catalogue))
            continue
        if rng.random() < DECLINE_SHARE:
            _outcome(session, offer.id, "declined", answered)
        if rng.random() < advisors.share:
            _rate(session, customer, code, probability < advisors.fit_line, answered)
    session.flush()
    return probabilities


def _rate(session: Session, customer: str, code: str, misfit: bool, at: datetime) -> None:
    session.add(
        RatingRecord(
            user_id="sim-advisor",
            advisor_id=ADVISOR,
            customer_id=customer,
            subject_type="recommendation",
            subject_id=f"{customer}:cross_sell:{code}",
            product=code,
            score=2 if misfit else 3,
            reason_codes=["not_relevant"] if misfit else ["wrong_timing"],
            reason_codes_version="simulation",
            comment="",
            rated_at=at,
        )
    )


def buy_organically(
    session: Session,
    picks: list[tuple[str, str, float]],
    truth: pd.DataFrame,
    period: Period,
    share: float,
    rng: np.random.Generator,
    catalogue: Catalogue,
) -> None:
    """Let control customers buy the product unoffered, with ``share`` of their probability."""
    for customer, code, _ in picks:
        if rng.random() < share * float(truth.loc[customer, code]):
            session.add(_policy(customer, code, _moment(rng, period.start, period.end), catalogue))
    session.flush()


def _offer(
    customer: str, code: str, presented: datetime, period: Period, propensity: float
) -> OfferCreate:
    return OfferCreate(
        customer_id=customer,
        advisor_id=ADVISOR,
        propensity=propensity,
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
