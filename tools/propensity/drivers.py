"""Turn a model's signed per-feature contributions into drivers in plain words."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from pydantic import BaseModel, Field

from tools.catalogue.loader import Catalogue


class Driver(BaseModel):
    """One reason behind a score, computed from the model."""

    feature: str = Field(description="Model feature name, e.g. claims_3y.")
    label: str = Field(
        description="The feature's value in plain words, e.g. 'no claims in 3 years'."
    )
    contribution: float = Field(
        description="Signed contribution to the score's log-odds relative to an average customer"
        " (positive raises the score)."
    )

    def __str__(self) -> str:
        return f"{self.label} {self.contribution:+.2f}"


def _count(n: float, one: str, many: str, none: str) -> str:
    value = int(round(n))
    return none if value == 0 else (one if value == 1 else many.format(n=value))


def _growth(kind: str) -> Callable[[float], str]:
    return lambda x: f"{kind} +{x:.0%} in the last year" if x > 0 else f"no {kind} growth reported"


SIMPLE: dict[str, Callable[[float], str]] = {
    "log_employees": lambda x: f"{round(math.exp(x))} employees",
    "log_turnover": lambda x: f"turnover EUR {math.exp(x) / 1e6:.1f}M",
    "company_age_years": lambda x: f"company founded {x:.0f} years ago",
    "tenure_years": lambda x: f"customer for {x:.0f} years",
    "early_tenure": lambda x: "customer for less than 2 years" if x else "customer for 2+ years",
    "n_products": lambda x: _count(x, "holds 1 product", "holds {n} products", "holds no product"),
    "log_premium": lambda x: f"EUR {math.expm1(x):,.0f} premium per year",
    "claims_3y": lambda x: _count(
        x, "1 claim in 3 years", "{n} claims in 3 years", "no claims in 3 years"
    ),
    "headcount_growth": _growth("headcount"),
    "revenue_growth": _growth("revenue"),
    "portal_logins_90d": lambda x: _count(
        x, "1 portal login in 90 days", "{n} portal logins in 90 days", "no portal logins"
    ),
    "downloads_90d": lambda x: _count(
        x, "1 document download in 90 days", "{n} document downloads in 90 days", "no downloads"
    ),
    "quote_requests_90d": lambda x: _count(
        x, "asked for a quote recently", "{n} quote requests recently", "no quote requests"
    ),
    "locations_added": lambda x: _count(
        x, "added a location", "added {n} locations", "no new locations"
    ),
    "peer_rate": lambda x: f"{x:.0%} of industry peers hold it",
    "affinity": lambda x: (
        "holds products often bought with it" if x > 0.5 else "holds few related products"
    ),
    "in_target": lambda x: "in the product's target market" if x else "outside its target market",
    "churn_events": lambda x: _count(x, "1 policy ended", "{n} policies ended", "no policy ended"),
}


def describe(feature: str, value: object, catalogue: Catalogue) -> str:
    """Return a feature's value in plain words.

    Args:
        feature: Model feature name.
        value: The customer's raw value of it.
        catalogue: For product, industry and country names.

    Returns:
        A short phrase, e.g. 'IT services industry' or 'holds Cyber liability'.
    """
    if feature == "industry":
        industry = catalogue.industries.get(str(value))
        return f"{industry.label if industry else value} industry"
    if feature == "country":
        return f"based in {catalogue.countries.get(str(value), {}).get('name', value)}"
    if feature.startswith("own_"):
        product = catalogue.products[feature.removeprefix("own_")].name
        return f"holds {product}" if float(value) > 0 else f"no {product}"  # type: ignore[arg-type]
    if feature == "standard_cover":
        return "standard cover in the industry" if value else "not standard in the industry"
    if feature in SIMPLE:
        return SIMPLE[feature](float(value))  # type: ignore[arg-type]
    return f"{feature} = {value}"


def drivers_from(
    features: Sequence[str],
    contributions: np.ndarray,
    values: Sequence[object],
    catalogue: Catalogue,
    limit: int = 5,
) -> list[Driver]:
    """Return the largest contributions (by absolute size) as drivers, largest first.

    Ties keep the features' order; contributions under 1e-4 in size are left out.

    Args:
        features: Feature names.
        contributions: Their log-odds contributions, same order.
        values: The customer's raw feature values, same order.
        catalogue: For names.
        limit: How many drivers to return at most.
    """
    size = np.abs(np.asarray(contributions, dtype=float))
    ranked = np.argsort(-size, kind="stable")[:limit]
    return [
        Driver(
            feature=str(features[k]),
            label=describe(str(features[k]), values[k], catalogue),
            contribution=round(float(contributions[k]), 4),
        )
        for k in ranked
        if size[k] > 1e-4
    ]


def top_drivers(
    contributions: pd.Series, values: pd.Series, catalogue: Catalogue, limit: int = 5
) -> list[Driver]:
    """Return the largest contributions (by absolute size) as drivers, largest first.

    Args:
        contributions: One row of contributions (feature -> log-odds).
        values: The same customer's raw feature values.
        catalogue: For names.
        limit: How many drivers to return.
    """
    features = [str(f) for f in contributions.index]
    picked = [values[f] for f in contributions.index]
    return drivers_from(features, contributions.to_numpy(dtype=float), picked, catalogue, limit)
