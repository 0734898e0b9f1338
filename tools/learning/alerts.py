"""Alerts of the learning loop, checked over a rolling window, logged and stored once.

- ``conversion_below_priority``: a product's settled offers in the window converted
  significantly below the rate that justified their priority, i.e. the mean propensity they
  were ranked on: the upper end of the 95 % interval of the observed rate is under it. Only
  settled offers count (accepted, declined or no response) and only products with at least
  ``min_offers`` of them, so young offers and small samples do not fire it.
- ``score_drift``: a model version's propensities on the offers of the window have a
  population stability index (``drift.py``) above ``psi_threshold`` against the same
  version's first window of offers.

An alert is stored once per kind, subject and window end, so re-running a check is harmless.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.learning.drift import population_stability
from tools.learning.models import LearningAlert, OfferOutcome, PresentedOffer
from tools.learning.outcomes import CONVERTED
from tools.learning.uplift import Z_95

logger = logging.getLogger(__name__)
SETTLED = {"accepted", "declined", "no_response"}


class AlertRules(BaseModel):
    """When the alerts fire (from the settings)."""

    window_days: int = Field(30, gt=0, description="Rolling window, days.")
    min_offers: int = Field(20, gt=0, description="Fewest settled offers a product needs.")
    psi_threshold: float = Field(0.25, gt=0, description="PSI above which scores drift.")


class AlertPublic(BaseModel):
    """A stored alert."""

    model_config = ConfigDict(from_attributes=True)

    id: int = Field(description="Alert id.")
    kind: str = Field(description="conversion_below_priority or score_drift.")
    subject: str = Field(description="The product code or the model version.")
    value: float = Field(description="Observed conversion, or the PSI.")
    threshold: float = Field(description="The rate that justified the priority, or the limit.")
    window_start: datetime = Field(description="Start of the window checked.")
    window_end: datetime = Field(description="End of the window checked.")
    detail: dict[str, Any] = Field(description="The counts behind it.")
    raised_at: datetime = Field(description="When it was raised.")


def _window(session: Session, start: datetime, end: datetime) -> list[PresentedOffer]:
    query = select(PresentedOffer).where(
        PresentedOffer.presented_at >= start, PresentedOffer.presented_at < end
    )
    return list(session.scalars(query))


def _conversion_alerts(
    session: Session, offers: list[PresentedOffer], rules: AlertRules
) -> list[dict[str, Any]]:
    outcomes: dict[int, set[str]] = defaultdict(set)
    ids = [o.id for o in offers]
    query = select(OfferOutcome.offer_id, OfferOutcome.outcome)
    for offer_id, outcome in session.execute(query.where(OfferOutcome.offer_id.in_(ids))):
        outcomes[offer_id].add(outcome)
    by_product: dict[str, list[tuple[bool, float]]] = defaultdict(list)
    for o in offers:
        if outcomes[o.id] & SETTLED and o.propensity is not None:
            by_product[o.product_code].append((CONVERTED in outcomes[o.id], o.propensity))
    found = []
    for product, rows in sorted(by_product.items()):
        n = len(rows)
        rate, expected = sum(c for c, _ in rows) / n, sum(p for _, p in rows) / n
        upper = rate + Z_95 * math.sqrt(max(rate * (1 - rate), 1 / n) / n)
        if n >= rules.min_offers and upper < expected:
            detail = {"settled_offers": n, "conversions": sum(c for c, _ in rows), "upper": upper}
            found.append({"kind": "conversion_below_priority", "subject": product,
                          "value": rate, "threshold": expected, "detail": detail})  # fmt: skip
    return found


def _drift_alerts(
    session: Session, offers: list[PresentedOffer], rules: AlertRules
) -> list[dict[str, Any]]:
    found = []
    for version in sorted({o.model_version for o in offers if o.propensity is not None}):
        first = session.scalar(
            select(PresentedOffer.presented_at)
            .where(PresentedOffer.model_version == version)
            .order_by(PresentedOffer.presented_at)
        )
        assert first is not None  # the window holds one of its offers
        reference = [
            o.propensity
            for o in _window(session, first, first + timedelta(days=rules.window_days))
            if o.model_version == version and o.propensity is not None
        ]
        current = [
            o.propensity for o in offers if o.model_version == version and o.propensity is not None
        ]
        if len(reference) < rules.min_offers or len(current) < rules.min_offers:
            continue
        psi = population_stability(reference, current)
        if psi > rules.psi_threshold:
            detail = {"reference_offers": len(reference), "current_offers": len(current)}
            found.append({"kind": "score_drift", "subject": version, "value": psi,
                          "threshold": rules.psi_threshold, "detail": detail})  # fmt: skip
    return found


def check_alerts(session: Session, now: datetime, rules: AlertRules) -> list[AlertPublic]:
    """Check both alerts over the window ending ``now``; store and log the new ones."""
    start = now - timedelta(days=rules.window_days)
    offers = _window(session, start, now)
    raised = []
    for found in _conversion_alerts(session, offers, rules) + _drift_alerts(session, offers, rules):
        exists = session.scalar(
            select(LearningAlert.id).where(
                LearningAlert.kind == found["kind"],
                LearningAlert.subject == found["subject"],
                LearningAlert.window_end == now,
            )
        )
        if exists is not None:
            continue
        row = LearningAlert(**found, window_start=start, window_end=now, raised_at=now)
        session.add(row)
        session.flush()
        logger.warning(
            "alert %s on %s: %.3f against %.3f", row.kind, row.subject, row.value, row.threshold
        )
        raised.append(AlertPublic.model_validate(row))
    return raised


def list_alerts(session: Session, limit: int = 100) -> list[AlertPublic]:
    """Return stored alerts, newest first."""
    query = select(LearningAlert).order_by(LearningAlert.raised_at.desc(), LearningAlert.id.desc())
    return [AlertPublic.model_validate(row) for row in session.scalars(query.limit(limit))]
