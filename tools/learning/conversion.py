"""Conversion of presented offers, grouped by product, trigger, channel, model version or arm.

An offer converts when it has an ``accepted`` outcome. Uplift compares each treated arm
(champion, challenger) with control customer for customer (``arm_uplift.py``), over the
window from ``since`` (default: the first offer) to ``until`` (default: the last offer).
Response time is the time from the trigger's detection to the offer going out, for
high-urgency offers, against the seed's 48 hours (``triggers.yaml``:
``renewal.respond_within_hours.high``).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Literal, cast

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.experiment.arms import Experiment
from tools.foundation.errors import InvalidInput
from tools.learning.arm_uplift import arm_uplift
from tools.learning.models import OfferOutcome, PresentedOffer
from tools.learning.outcomes import CONVERTED
from tools.learning.uplift import Uplift
from tools.nba.config import load_trigger_config

Dimension = Literal["product", "trigger", "channel", "model_version", "arm"]
DIMENSIONS: dict[str, str] = {
    "product": "product_code",
    "trigger": "trigger_type",
    "channel": "channel",
    "model_version": "model_version",
    "arm": "arm",
}
"""Each report dimension and the offer column it groups by."""


class UnknownDimension(InvalidInput):
    """A report was asked to group by something it does not know."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(f"Unknown dimension {', '.join(names)}; use {', '.join(DIMENSIONS)}.")


def parse_dimensions(text: str) -> list[Dimension]:
    """Return the dimensions of a comma-separated list (``product,arm``).

    Raises:
        UnknownDimension: a name is not one of ``DIMENSIONS``.
    """
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in DIMENSIONS]
    if unknown:
        raise UnknownDimension(unknown)
    return [cast(Dimension, name) for name in names]


class ConversionRow(BaseModel):
    """Conversion of one group of offers."""

    group: dict[str, str] = Field(description="The group's value per dimension.")
    offers: int = Field(description="Offers presented.")
    quotes: int = Field(description="Offers that led to a quote request.")
    conversions: int = Field(description="Offers accepted (bound).")
    conversion: float = Field(description="conversions / offers.")


class ResponseTime(BaseModel):
    """How fast high-urgency triggers got their first contact."""

    target_hours: int = Field(description="The seed's target for high-priority triggers.")
    offers: int = Field(description="High-urgency offers with a known trigger time.")
    within_target: int = Field(description="Of which presented within the target.")
    median_hours: float | None = Field(description="Median hours from trigger to contact.")


class ConversionReport(BaseModel):
    """The conversion report."""

    by: list[Dimension] = Field(description="The dimensions grouped by.")
    since: datetime | None = Field(description="Offers presented from this moment (None: all).")
    until: datetime | None = Field(description="Offers presented up to this moment (None: all).")
    total: ConversionRow = Field(description="All offers together.")
    rows: list[ConversionRow] = Field(description="One row per group, largest first.")
    uplift: dict[str, Uplift] = Field(
        description="Per treated arm: customers' conversion minus control's (intent to treat)."
    )
    response_time: ResponseTime = Field(description="Trigger to first contact, high urgency.")


def _row(group: dict[str, str], flags: list[tuple[bool, bool]]) -> ConversionRow:
    offers, conversions = len(flags), sum(c for c, _ in flags)
    return ConversionRow(
        group=group,
        offers=offers,
        quotes=sum(q for _, q in flags),
        conversions=conversions,
        conversion=conversions / offers if offers else 0.0,
    )


def _response_time(offers: list[PresentedOffer]) -> ResponseTime:
    target = load_trigger_config().renewal.respond_within_hours["high"]
    hours = sorted(
        (o.presented_at - o.triggered_at).total_seconds() / 3600
        for o in offers
        if o.urgency == "high" and o.triggered_at is not None
    )
    return ResponseTime(
        target_hours=target,
        offers=len(hours),
        within_target=sum(h <= target for h in hours),
        median_hours=hours[len(hours) // 2] if hours else None,
    )


def _offers(
    session: Session, since: datetime | None, until: datetime | None
) -> list[PresentedOffer]:
    query = select(PresentedOffer)
    if since is not None:
        query = query.where(PresentedOffer.presented_at >= since)
    if until is not None:
        query = query.where(PresentedOffer.presented_at <= until)
    return list(session.scalars(query))


def conversion_report(
    session: Session,
    by: list[Dimension],
    experiment: Experiment,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
) -> ConversionReport:
    """Return conversion overall and per group, uplift over control, and response time.

    Args:
        session: Open session on the book.
        by: The dimensions to group the offers by.
        experiment: The arms' split (``contact_policy.yaml``'s ``experiment``).
        since: First moment of the window (default: the first offer).
        until: Last moment of the window (default: the last offer).
    """
    offers = _offers(session, since, until)
    outcomes: dict[int, set[str]] = defaultdict(set)
    ids = [o.id for o in offers]
    for offer_id, outcome in session.execute(
        select(OfferOutcome.offer_id, OfferOutcome.outcome).where(OfferOutcome.offer_id.in_(ids))
    ):
        outcomes[offer_id].add(outcome)
    flags = {
        o.id: (CONVERTED in outcomes[o.id], "quote_requested" in outcomes[o.id]) for o in offers
    }
    groups: dict[tuple[str, ...], list[tuple[bool, bool]]] = defaultdict(list)
    for offer in offers:
        key = tuple(str(getattr(offer, DIMENSIONS[d])) for d in by)
        groups[key].append(flags[offer.id])
    rows = [_row(dict(zip(by, key, strict=True)), f) for key, f in groups.items()]
    start = since or min((o.presented_at for o in offers), default=None)
    end = until or max((o.presented_at for o in offers), default=None)
    lifts = (
        {}
        if start is None or end is None
        else arm_uplift(session, experiment, start.date(), end.date())
    )
    return ConversionReport(
        by=by,
        since=start,
        until=end,
        total=_row({}, list(flags.values())),
        rows=sorted(rows, key=lambda r: (-r.offers, sorted(r.group.items()))),
        uplift=lifts,
        response_time=_response_time(offers),
    )
