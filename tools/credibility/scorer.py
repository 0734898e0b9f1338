"""One customer's credibility risk profile from its snapshot, on numpy arrays.

:func:`experience_of` is the twin of :func:`claims_experience` for one customer (exposure
years per product in the last ``HISTORY_YEARS`` years, claims not rejected in that window);
:class:`CredibilityScorer` holds a model version's tariffs as arrays (per product the Poisson
GLM's industry levels, size coefficient and intercept, or its flat rate), the structure
parameters and the quintile cut points, and computes theta, quintile, ownership and the
products theta is based on as :func:`risk_frame` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from tools.credibility.book_model import HISTORY_YEARS, CredibilityModel
from tools.credibility.multivariate import CredibilityStructure, predict_theta
from tools.registry import LoadedModel, build_current
from tools.snapshot import CustomerSnapshot

QUINTILE_TIE = 1e-9
"""A theta within this of a cut point stays in the lower quintile (as ``quintile_of``)."""
WORST_QUINTILE = 5
"""Customers in this quintile of a product are not targeted for it."""


@dataclass(frozen=True, eq=False)
class CustomerExperience:
    """One customer's claims experience per product over the history window."""

    customer_id: str
    """The customer."""
    counts: np.ndarray
    """Claims (not rejected) per product in the window."""
    exposure: np.ndarray
    """Policy-years in force per product in the window."""
    industry: str
    """Industry code (a tariff variable)."""
    log_employees: float
    """Log headcount (a tariff variable)."""
    has_history: bool
    """True when any policy was in force in the window: the batch scores only these."""


def experience_of(
    snapshot: CustomerSnapshot, codes: list[str], at: date | None = None
) -> CustomerExperience:
    """Return the customer's claims experience up to ``at`` (default the snapshot's day)."""
    day = at or snapshot.now.date()
    begin = day - timedelta(days=int(365.25 * HISTORY_YEARS))
    position = {code: k for k, code in enumerate(codes)}
    exposure, total = np.zeros(len(codes)), 0.0
    for policy in snapshot.policies:
        start = max(policy.start_date, begin)
        end = min(policy.end_date or day, day)
        years = max((end - start).days / 365.25, 0.0)
        total += years
        if policy.product_code in position:
            exposure[position[policy.product_code]] += years
    counts = np.zeros(len(codes))
    for claim in snapshot.claims:
        inside = begin <= claim.claim_date <= day and claim.status != "rejected"
        if inside and claim.product_code in position:
            counts[position[claim.product_code]] += 1.0
    customer = snapshot.customer
    return CustomerExperience(
        customer_id=customer.id,
        counts=counts,
        exposure=exposure,
        industry=str(customer.industry_code),
        log_employees=float(np.log(np.array([customer.employees], dtype=float).clip(1))[0]),
        has_history=total > 0,
    )


@dataclass(frozen=True, eq=False)
class CredibilityPart:
    """One customer's risk profile for every product."""

    version: str
    """Version of the credibility model."""
    codes: tuple[str, ...]
    """Product codes (the entries below)."""
    theta: np.ndarray
    """Expected claims relative to the tariff (the book average when there is no history)."""
    quintile: np.ndarray
    """1 (lowest theta) to 5 against the book's cut points."""
    owned: np.ndarray
    """True where the customer had the product in force in the history window."""
    based_on: tuple[tuple[str, ...], ...]
    """Per product, the products whose claims experience informed theta."""
    has_history: bool
    """False for a customer with no policy-years in the window (theta is the book average)."""

    @property
    def worst_quintile(self) -> np.ndarray:
        """Return, per product, whether the customer is in the book's worst quintile."""
        return np.asarray(self.quintile >= WORST_QUINTILE)


@dataclass(frozen=True, eq=False)
class CredibilityScorer:
    """A credibility model version as arrays."""

    version: str
    """The model version."""
    codes: tuple[str, ...]
    """Product codes, in model order."""
    levels: dict[str, np.ndarray]
    """Per industry level of the tariffs, its coefficient in each product's GLM (0 if none)."""
    size: np.ndarray
    """Per product, the GLM coefficient of log_employees (0 for a flat rate)."""
    intercept: np.ndarray
    """Per product, the GLM intercept (0 for a flat rate)."""
    flat: np.ndarray
    """Per product, the flat rate, or NaN where a GLM prices it."""
    structure: CredibilityStructure
    """The fitted (theta_0, T, S)."""
    cuts: np.ndarray
    """(products x 4) quintile cut points."""

    @classmethod
    def from_loaded(cls, loaded: LoadedModel) -> CredibilityScorer:
        """Build the arrays of a loaded credibility model.

        Raises:
            TypeError: the artifact is not a fitted credibility model.
        """
        model = loaded.model
        if not isinstance(model, CredibilityModel) or model.structure is None:
            raise TypeError("not a fitted credibility model")
        codes = list(model.codes)
        levels: dict[str, np.ndarray] = {}
        size, intercept, flat = (
            np.zeros(len(codes)),
            np.zeros(len(codes)),
            np.full(len(codes), np.nan),
        )
        for k, code in enumerate(codes):
            tariff = model.tariffs[code]
            if isinstance(tariff, float):
                flat[k] = tariff
                continue
            encoder, glm = tariff[0].named_transformers_["cat"], tariff[-1]
            for j, level in enumerate(encoder.categories_[0]):
                levels.setdefault(str(level), np.zeros(len(codes)))[k] = glm.coef_[j]
            size[k], intercept[k] = glm.coef_[-1], glm.intercept_
        return cls(
            version=loaded.metadata.version,
            codes=tuple(codes),
            levels=levels,
            size=size,
            intercept=intercept,
            flat=flat,
            structure=model.structure,
            cuts=np.array([model.cutpoints[c] for c in codes], dtype=float),
        )

    def rates(self, industry: str, log_employees: float) -> np.ndarray:
        """Return each product's a-priori claim frequency per policy-year."""
        level = self.levels.get(industry, np.zeros(len(self.codes)))
        glm = np.exp(level + self.size * log_employees + self.intercept)
        return np.where(np.isnan(self.flat), glm, self.flat)

    def score(self, experience: CustomerExperience) -> CredibilityPart:
        """Return theta, quintile, ownership and the informing products of every product."""
        owned = experience.exposure > 0
        if experience.has_history:
            expected = experience.exposure * self.rates(
                experience.industry, experience.log_employees
            )
            theta = predict_theta(self.structure, experience.counts[None], expected[None])[0]
        else:
            theta = np.asarray(self.structure.theta0, dtype=float).copy()
        linked = np.abs(self.structure.T) > 0
        based_on = tuple(
            tuple(c for c, use in zip(self.codes, owned & linked[j], strict=True) if use)
            for j in range(len(self.codes))
        )
        return CredibilityPart(
            version=self.version,
            codes=self.codes,
            theta=theta,
            quintile=1 + (theta[:, None] > self.cuts + QUINTILE_TIE).sum(axis=1),
            owned=owned,
            based_on=based_on,
            has_history=experience.has_history,
        )


def credibility_scorer(models_dir: Path) -> CredibilityScorer:
    """Return the current credibility model as arrays (built once per version).

    Raises:
        ModelNotTrained: no credibility model is trained; run ``copilot models train``.
        ModelArtifactUnreadable: the stored model cannot be read by this code.
    """
    return build_current("credibility", models_dir, CredibilityScorer.from_loaded)
