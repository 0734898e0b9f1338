"""Uplift of an arm over control: a difference of proportions with a 95 % confidence interval.

Method: the Wald interval of the difference of two independent proportions under the normal
approximation, ``d +- 1.96 * sqrt(p1 (1 - p1) / n1 + p0 (1 - p0) / n0)``. It is what a
conversion report needs at the volumes of a book (hundreds of offers per arm); with fewer than
one conversion or non-conversion in an arm the interval is too narrow, so the report also gives
the counts. No interval is given when either arm has no offers.
"""

from __future__ import annotations

import math

from pydantic import BaseModel, Field

Z_95 = 1.959963984540054
"""The two-sided 95 % quantile of the standard normal distribution."""


class Uplift(BaseModel):
    """Conversion of a treated arm minus that of control, with its 95 % interval."""

    treated_offers: int = Field(description="Offers (or customers) in the treated arm.")
    treated_conversions: int = Field(description="Of which converted.")
    control_offers: int = Field(description="Offers (or customers) in control.")
    control_conversions: int = Field(description="Of which converted.")
    uplift: float | None = Field(description="Treated rate minus control rate; None if empty.")
    ci_low: float | None = Field(description="Lower end of the 95 % interval.")
    ci_high: float | None = Field(description="Upper end of the 95 % interval.")


def uplift(treated: tuple[int, int], control: tuple[int, int]) -> Uplift:
    """Return the uplift of ``treated`` over ``control``, each as (conversions, offers)."""
    (x1, n1), (x0, n0) = treated, control
    if n1 <= 0 or n0 <= 0:
        return Uplift(
            treated_offers=n1,
            treated_conversions=x1,
            control_offers=n0,
            control_conversions=x0,
            uplift=None,
            ci_low=None,
            ci_high=None,
        )
    p1, p0 = x1 / n1, x0 / n0
    half = Z_95 * math.sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0)
    return Uplift(
        treated_offers=n1,
        treated_conversions=x1,
        control_offers=n0,
        control_conversions=x0,
        uplift=p1 - p0,
        ci_low=p1 - p0 - half,
        ci_high=p1 - p0 + half,
    )
