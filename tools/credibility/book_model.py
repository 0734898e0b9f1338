"""Fit the credibility model on the book: tariff (a-priori frequencies) plus (theta_0, T, S).

The a-priori expected count of customer i on product k is lambda_ik = exposure_ik x
g_k(industry, size), where g_k is a Poisson GLM fitted on the book's claims (the
paper's "collateral data" tariff). Exposure is the policy-years in force in the last
``HISTORY_YEARS`` years; rejected claims are not incidents and are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import PoissonRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

from tools.credibility.multivariate import CredibilityStructure, fit_multivariate, predict_theta
from tools.propensity.book_frames import BookFrames, exposure_years

HISTORY_YEARS = 5
TARIFF_COLUMNS = ["industry", "log_employees"]  # no country: rating by nationality proxy


@dataclass
class Experience:
    """Claims experience of customers on each product over the history window."""

    counts: pd.DataFrame  # customers x products, claim counts
    exposure: pd.DataFrame  # customers x products, policy-years in force
    profile: pd.DataFrame  # customers x TARIFF_COLUMNS


def claims_experience(frames: BookFrames, at: date, codes: list[str]) -> Experience:
    """Return claim counts and exposure years per customer and product up to ``at``."""
    policies = frames.policies.assign(years=exposure_years(frames.policies, at, HISTORY_YEARS))
    exposure = policies.pivot_table(
        index="customer_id", columns="product_code", values="years", aggfunc="sum", fill_value=0.0
    )
    begin = pd.Timestamp(at - timedelta(days=int(365.25 * HISTORY_YEARS)))
    claims = frames.claims[
        (frames.claims["claim_date"] >= begin)
        & (frames.claims["claim_date"] <= pd.Timestamp(at))
        & (frames.claims["status"] != "rejected")
    ]
    counts = pd.crosstab(claims["customer_id"], claims["product_code"])
    index = exposure.index[exposure.sum(axis=1) > 0]
    exposure = exposure.reindex(index=index, columns=codes, fill_value=0.0)
    counts = counts.reindex(index=index, columns=codes, fill_value=0).astype(float)
    customers = frames.customers.reindex(index)
    profile = pd.DataFrame(
        {
            "industry": customers["industry_code"].astype(str),
            "log_employees": np.log(customers["employees"].clip(lower=1).astype(float)),
        },
        index=index,
    )
    return Experience(counts=counts, exposure=exposure, profile=profile)


def _tariff_pipeline() -> Pipeline:
    encode = ColumnTransformer(
        [("cat", OneHotEncoder(handle_unknown="ignore"), ["industry"])],
        remainder="passthrough",
    )
    return Pipeline([("encode", encode), ("glm", PoissonRegressor(alpha=1e-3, max_iter=300))])


@dataclass
class CredibilityModel:
    """Tariff GLMs, structure parameters and the book's quintile cut points per product."""

    codes: list[str]
    tariffs: dict[str, Pipeline | float] = field(default_factory=dict)
    structure: CredibilityStructure | None = None
    cutpoints: dict[str, list[float]] = field(default_factory=dict)

    def expected(self, experience: Experience) -> pd.DataFrame:
        """Return a-priori expected counts lambda (customers x products)."""
        out = pd.DataFrame(0.0, index=experience.exposure.index, columns=self.codes)
        if out.empty:  # e.g. a prospect: no policy history
            return out
        for code in self.codes:
            tariff = self.tariffs[code]
            rate = (
                np.full(len(out), tariff)
                if isinstance(tariff, float)
                else tariff.predict(experience.profile[TARIFF_COLUMNS])
            )
            out[code] = experience.exposure[code].to_numpy() * rate
        return out

    def theta(self, experience: Experience) -> pd.DataFrame:
        """Return theta (expected claims / tariff) per customer and product."""
        if self.structure is None:
            raise ValueError("The credibility model is not fitted.")
        expected = self.expected(experience)
        if expected.empty:
            return expected
        values = predict_theta(self.structure, experience.counts.to_numpy(), expected.to_numpy())
        return pd.DataFrame(values, index=expected.index, columns=self.codes)

    def quintiles(self, theta: pd.DataFrame) -> pd.DataFrame:
        """Return quintile 1 (best) to 5 (worst) of each theta against the book's cut points.

        A theta equal to a cut point stays in the lower quintile, so when a product's theta
        does not discriminate (everyone at the book average) nobody lands in quintile 5.
        """
        out = pd.DataFrame(index=theta.index, columns=self.codes, dtype=int)
        for code in self.codes:
            out[code] = quintile_of(theta[code].to_numpy(), self.cutpoints[code])
        return out


def quintile_of(theta: np.ndarray, cutpoints: list[float]) -> np.ndarray:
    """Return 1 + the number of cut points strictly below each theta (ties go down)."""
    cuts = np.asarray(cutpoints)[None, :]
    return np.asarray((np.asarray(theta)[:, None] > cuts + 1e-9).sum(axis=1) + 1)


def fit_tariff(experience: Experience, code: str) -> Pipeline | float:
    """Fit the Poisson tariff of one product (a flat rate when data is too thin)."""
    rows = experience.exposure[code] > 0
    exposure = experience.exposure.loc[rows, code]
    counts = experience.counts.loc[rows, code]
    flat = float((counts.sum() + 0.5) / (exposure.sum() + 1.0))
    if counts.sum() < 10:
        return flat
    glm = _tariff_pipeline()
    glm.fit(
        experience.profile.loc[rows, TARIFF_COLUMNS],
        counts / exposure,
        glm__sample_weight=exposure.to_numpy(),
    )
    return glm


def fit_credibility(frames: BookFrames, at: date, codes: list[str]) -> CredibilityModel:
    """Fit tariffs, structure parameters and cut points on the book's history up to ``at``."""
    experience = claims_experience(frames, at, codes)
    model = CredibilityModel(codes=list(codes))
    model.tariffs = {code: fit_tariff(experience, code) for code in codes}
    expected = model.expected(experience)
    structure = fit_multivariate(experience.counts.to_numpy(), expected.to_numpy(), codes)
    # The tariffs are fitted on these same claims, so the book's average theta is 1 by
    # construction; products on a smoothed flat rate (too few claims) are set to exactly 1.
    flat = np.array([isinstance(model.tariffs[c], float) for c in codes])
    model.structure = replace(structure, theta0=np.where(flat, 1.0, structure.theta0))
    theta = model.theta(experience)
    for code in codes:
        prospects = theta.loc[experience.exposure[code] == 0, code]
        pool = prospects if len(prospects) >= 5 else theta[code]
        model.cutpoints[code] = [float(q) for q in np.quantile(pool, [0.2, 0.4, 0.6, 0.8])]
    return model
