"""What the next propensity training learns from: settled offers, weighed by advisors' ratings.

The one home of how customers' responses and advisors' ratings become training evidence
(``FEEDBACK_RULES_VERSION``, recorded on the model card):

- A presented offer is *settled* when it has an ``accepted`` outcome (label 1) or a
  ``declined`` or ``no_response`` one (label 0). ``deferred`` and a lone ``quote_requested``
  are still open and teach nothing yet.
- The advisor's latest rating of the recommendation behind an offer (same customer and
  product, rated at most ``RATING_MATCH_DAYS`` before or after it was presented) can change
  what a *negative* outcome teaches; an acceptance always counts as it is:

  - a reason in ``NOT_ABOUT_FIT`` (wrong timing, tone, already discussed) says the "no" was
    about the moment or the words, not whether the product fits: the offer is *excluded*;
  - a score of at most ``LOW_SCORE`` with a reason in ``ABOUT_FIT`` (not relevant, wrong
    product) confirms the product does not fit: the offer counts ``CONFIRMED_WEIGHT`` times.

- A recommendation rated that low for fit that was never presented is itself a negative
  (weight ``RATING_ONLY_WEIGHT``): the advisor's judgement is the only response it got.
- ``clv_too_high`` and ``other`` change nothing: they are about the customer's value or
  unspecified. Ratings of drafts are about wording and never feed the propensity model.

The rows carry no model score: the training scores them with the model it has just fitted,
on the features of the day each offer was presented (``tools/learning/offsets.py``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.learning.models import OfferOutcome, PresentedOffer
from tools.learning.ratings_table import RatingRecord

FEEDBACK_RULES_VERSION = "2026.12.1"
"""Version of the rules above; stored on the model card of every model trained with them."""
POSITIVE = frozenset({"accepted"})
NEGATIVE = frozenset({"declined", "no_response"})
NOT_ABOUT_FIT = frozenset({"wrong_timing", "tone", "already_discussed"})
"""Reasons that make a negative outcome say nothing about the product's fit."""
ABOUT_FIT = frozenset({"not_relevant", "wrong_product"})
"""Reasons that say the product does not fit the customer."""
NEUTRAL = frozenset({"clv_too_high", "other"})
"""Reasons that change nothing in training."""
LOW_SCORE = 2
"""A rating at or below this many stars with an ``ABOUT_FIT`` reason confirms a negative."""
CONFIRMED_WEIGHT = 2.0
"""Weight of a negative outcome the advisor's rating confirms."""
RATING_ONLY_WEIGHT = 1.0
"""Weight of a low fit rating of a recommendation that was never presented."""
RATING_MATCH_DAYS = 60
"""How far apart a rating and an offer of the same pair may be to belong together."""

COLUMNS = ["customer_id", "product", "label", "weight", "at", "source"]


@dataclass(frozen=True)
class Feedback:
    """Training evidence from the learning loop, with counts for the model card."""

    rows: pd.DataFrame
    """One row per piece of evidence: ``COLUMNS`` (``at`` is when it was presented/rated)."""
    counts: dict[str, int] = field(default_factory=dict)
    """How many offers and ratings were used, excluded or weighted, and why."""
    ratings_by_reason: dict[str, int] = field(default_factory=dict)
    """Recommendation ratings read, by reason code (a rating may carry several)."""

    @property
    def empty(self) -> bool:
        """Return True when there is nothing to learn from."""
        return self.rows.empty

    def summary(self) -> dict[str, object]:
        """Return what the model card shows: the rules' version, counts and reasons."""
        return {
            "rules_version": FEEDBACK_RULES_VERSION,
            **self.counts,
            "ratings_by_reason": dict(sorted(self.ratings_by_reason.items())),
        }


@dataclass(frozen=True)
class _Rating:
    score: int
    reasons: frozenset[str]
    at: datetime


def _settled(session: Session, until: datetime) -> pd.DataFrame:
    rows = session.execute(
        select(
            PresentedOffer.id,
            PresentedOffer.customer_id,
            PresentedOffer.product_code,
            PresentedOffer.presented_at,
            OfferOutcome.outcome,
        )
        .join(OfferOutcome, OfferOutcome.offer_id == PresentedOffer.id)
        .where(PresentedOffer.presented_at <= until, OfferOutcome.occurred_at <= until)
        .where(OfferOutcome.outcome.in_(sorted(POSITIVE | NEGATIVE)))
    ).all()
    frame = pd.DataFrame(rows, columns=["offer_id", "customer_id", "product", "at", "outcome"])
    # An offer with a later acceptance after a no-response counts as accepted, once.
    frame["label"] = frame["outcome"].isin(POSITIVE).astype(int)
    return frame.sort_values("label").drop_duplicates("offer_id", keep="last")


def _ratings(session: Session, until: datetime) -> dict[tuple[str, str], list[_Rating]]:
    rows = session.execute(
        select(
            RatingRecord.customer_id,
            RatingRecord.product,
            RatingRecord.score,
            RatingRecord.reason_codes,
            RatingRecord.rated_at,
        )
        .where(RatingRecord.subject_type == "recommendation", RatingRecord.product.is_not(None))
        .where(RatingRecord.rated_at <= until)
        .order_by(RatingRecord.rated_at)
    ).all()
    out: dict[tuple[str, str], list[_Rating]] = {}
    for customer, product, score, reasons, at in rows:
        rating = _Rating(int(score), frozenset(reasons or ()), at)
        out.setdefault((customer, str(product).upper()), []).append(rating)
    return out


def _nearest(ratings: list[_Rating], at: datetime) -> _Rating | None:
    window = timedelta(days=RATING_MATCH_DAYS)
    near = [r for r in ratings if abs(r.at - at) <= window]
    return near[-1] if near else None


def _about_fit(rating: _Rating) -> bool:
    return rating.score <= LOW_SCORE and bool(rating.reasons & ABOUT_FIT)


def load_feedback(session: Session, until: datetime) -> Feedback:
    """Return the settled offers and ratings up to ``until`` as weighted training rows.

    Args:
        session: Open session on the book (the learning loop's tables are migrated).
        until: The training moment; later outcomes and ratings are not read.

    Returns:
        The rows (possibly none) and the counts the model card shows.
    """
    offers, ratings = _settled(session, until), _ratings(session, until)
    counts: Counter[str] = Counter()
    reasons: Counter[str] = Counter(
        code for pair in ratings.values() for rating in pair for code in rating.reasons
    )
    counts["recommendation_ratings"] = sum(len(pair) for pair in ratings.values())
    rows: list[dict[str, object]] = []
    matched: set[tuple[str, str]] = set()
    for offer in offers.itertuples(index=False):
        pair = (offer.customer_id, offer.product)
        rating = _nearest(ratings.get(pair, []), offer.at)
        counts["settled_offers"] += 1
        counts["accepted" if offer.label else "not_accepted"] += 1
        weight = 1.0
        if rating is not None:
            matched.add(pair)
            counts["offers_with_rating"] += 1
            if not offer.label and rating.reasons & NOT_ABOUT_FIT:
                counts["excluded_not_about_fit"] += 1
                continue
            if not offer.label and _about_fit(rating):
                counts["confirmed_negatives"] += 1
                weight = CONFIRMED_WEIGHT
        rows.append(_row(pair, offer.label, weight, offer.at, "offer"))
    for pair, pair_ratings in ratings.items():
        latest = pair_ratings[-1]
        if pair not in matched and _about_fit(latest):
            counts["rating_only_negatives"] += 1
            rows.append(_row(pair, 0, RATING_ONLY_WEIGHT, latest.at, "rating"))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return Feedback(frame, dict(counts), dict(reasons))


def _row(
    pair: tuple[str, str], label: int, weight: float, at: datetime, source: str
) -> dict[str, object]:
    return {
        "customer_id": pair[0],
        "product": pair[1],
        "label": int(label),
        "weight": float(weight),
        "at": at,
        "source": source,
    }
