"""One customer's common features from a :class:`CustomerSnapshot` (twin of customer_features).

The same definitions as :func:`tools.propensity.features.customer_features`, read from one
customer's rows in plain Python: holdings in force on the day (started, not yet ended, any
status), claims in the last three years (rejected ones left out), growth and portal events in
their windows. A test holds the two equal for every customer of the test book.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np

from tools.propensity.features import CLAIM_YEARS, COMMON_NUMERIC, EVENT_DAYS, PORTAL_DAYS
from tools.snapshot import CustomerSnapshot, EventRow, PolicyRow

GROWTH = (("headcount_growth", "headcount_change"), ("revenue_growth", "revenue_change"))
RECENT_COUNTS = (
    ("portal_logins_90d", "portal_login"),
    ("downloads_90d", "document_download"),
    ("quote_requests_90d", "quote_request"),
)


def live_on(policy: PolicyRow, day: date) -> bool:
    """Return whether a policy is in force on a day by its dates (as ``active_at``)."""
    return policy.start_date <= day and (policy.end_date is None or policy.end_date > day)


@dataclass(frozen=True, eq=False)
class CustomerVector:
    """One customer's common model features on a day."""

    customer_id: str
    """The customer."""
    at: date
    """The feature day; nothing after it is used."""
    in_force: bool
    """True when a policy is in force: only such customers get model features in the batch."""
    industry: str
    """Industry code (categorical feature)."""
    country: str
    """Country code (categorical feature)."""
    numeric: np.ndarray
    """The ``COMMON_NUMERIC`` features, in that order."""
    own: np.ndarray
    """1.0 per product (catalogue order) held in force, else 0.0."""
    codes: tuple[str, ...]
    """The product codes of ``own``."""
    premiums: np.ndarray
    """Annual premium in force per product (EUR, catalogue order; 0 when not held)."""

    def row(self) -> dict[str, object]:
        """Return the features by column name, as a row of ``customer_features``."""
        values: dict[str, object] = {"industry": self.industry, "country": self.country}
        values.update(zip(COMMON_NUMERIC, self.numeric.tolist(), strict=True))
        values.update((f"own_{c}", v) for c, v in zip(self.codes, self.own.tolist(), strict=True))
        return values


def _within(moment: datetime, day: date, days: int) -> bool:
    begin = datetime.combine(day - timedelta(days=days), time())
    return begin <= moment < datetime.combine(day + timedelta(days=1), time())


def _growth(events: list[EventRow], kind: str) -> float:
    changes = []
    for event in events:
        if event.event_type == kind:
            before = float(event.payload.get("from") or 0)
            after = float(event.payload.get("to") or 0)
            changes.append(after / before - 1.0 if before > 0 else 0.0)
    return max(changes, default=0.0)


def _event_features(events: tuple[EventRow, ...], day: date) -> dict[str, float]:
    recent = [e.event_type for e in events if _within(e.occurred_at, day, PORTAL_DAYS)]
    year = [e for e in events if _within(e.occurred_at, day, EVENT_DAYS)]
    out = {name: float(recent.count(kind)) for name, kind in RECENT_COUNTS}
    out.update({name: _growth(year, kind) for name, kind in GROWTH})
    out["locations_added"] = float(sum(e.event_type == "location_added" for e in year))
    return out


def _holdings(live: list[PolicyRow], codes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    position = {code: k for k, code in enumerate(codes)}
    own, premiums = np.zeros(len(codes)), np.zeros(len(codes))
    for policy in live:
        if policy.product_code in position:
            own[position[policy.product_code]] = 1.0
            premiums[position[policy.product_code]] += policy.annual_premium_eur
    return own, premiums


def customer_vector(
    snapshot: CustomerSnapshot, codes: list[str], at: date | None = None
) -> CustomerVector:
    """Return the customer's common features on ``at`` (default the snapshot's day).

    A customer with no policy in force gets ``in_force=False`` and the profile-only features
    the single-customer propensity tool has always scored prospects with (no holdings, no
    premium); the batch gives such customers no row.

    Args:
        snapshot: The customer's rows (nothing after its ``now`` is in it).
        codes: Product codes, for ``own``.
        at: The feature day (default ``snapshot.now.date()``).
    """
    day = at or snapshot.now.date()
    customer = snapshot.customer
    live = [p for p in snapshot.policies if live_on(p, day)]
    own, premiums = _holdings(live, codes)
    tenure = max((day - (customer.customer_since or day)).days / 365.25, 0.0)
    first = day - timedelta(days=int(365.25 * CLAIM_YEARS))
    claims = [c for c in snapshot.claims if first <= c.claim_date <= day and c.status != "rejected"]
    sizes = np.log(np.array([customer.employees, customer.turnover_eur], dtype=float).clip(1))
    values = {
        "log_employees": float(sizes[0]),
        "log_turnover": float(sizes[1]),
        "company_age_years": (day - customer.founded).days / 365.25,
        "tenure_years": tenure,
        "early_tenure": float(tenure < 2.0),
        "n_products": float(own.sum()),
        "log_premium": float(np.log1p(sum(p.annual_premium_eur for p in live))),
        "claims_3y": float(len(claims)),
        **_event_features(snapshot.events, day),
    }
    return CustomerVector(
        customer_id=customer.id,
        at=day,
        in_force=bool(live),
        industry=str(customer.industry_code),
        country=str(customer.country),
        numeric=np.array([values[name] for name in COMMON_NUMERIC], dtype=float),
        own=own,
        codes=tuple(codes),
        premiums=premiums,
    )
