"""Risk profiles from the current credibility model: expected claims vs tariff, per product.

Use in eligibility/arbitration: ``theta`` is the customer's expected claims relative to what
the tariff assumes (1.0 = as the tariff assumes). Customers in the book's worst quintile for
a product (quintile 5) are not targeted for it - the paper's rule: avoiding the worst 20%
is where credibility adds most profit - and ``ProductRisk.reason`` says so for the trace.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from tools.book.repository import book_as_of
from tools.credibility.book_model import CredibilityModel, claims_experience
from tools.credibility.scorer import (
    WORST_QUINTILE,
    CredibilityPart,
    credibility_scorer,
    experience_of,
)
from tools.propensity.book_frames import BookFrames, load_book_frames
from tools.propensity.scoring import customer_snapshot
from tools.registry import load_current

__all__ = [
    "WORST_QUINTILE",
    "ProductRisk",
    "RiskProfile",
    "profile_from_part",
    "risk_book",
    "risk_frame",
    "risk_profile",
]


class ProductRisk(BaseModel):
    """The risk profile of one customer for one product."""

    product: str = Field(description="Product code.")
    theta: float = Field(description="Expected claims relative to the tariff (1.0 = as priced).")
    quintile: int = Field(description="1 (lowest theta) to 5 (highest) among the book's prospects.")
    worst_quintile: bool = Field(description="True when the customer must not be targeted for it.")
    owned: bool = Field(description="True when the customer holds the product already.")
    based_on: list[str] = Field(description="Products whose claims experience informed theta.")
    reason: str = Field(description="One sentence for the eligibility trace.")


class RiskProfile(BaseModel):
    """Per-product credibility risk profile of a customer."""

    customer_id: str = Field(description="The customer.")
    products: dict[str, ProductRisk] = Field(description="Risk per product code.")
    model_version: str = Field(description="Version of the credibility model.")


def _reason(code: str, theta: float, quintile: int, based_on: list[str]) -> str:
    source = ", ".join(based_on) if based_on else "no claims history (book average)"
    text = f"Expected claims on {code} are {theta:.2f} x tariff (quintile {quintile} of 5"
    text += f", from {source})"
    if quintile >= WORST_QUINTILE:
        return text + "; worst 20% of the book, so not targeted for it."
    return text + "."


def risk_frame(model: CredibilityModel, frames: BookFrames, at: date) -> pd.DataFrame:
    """Return a long frame (customer, product, theta, quintile, worst_quintile, owned, based_on)."""
    experience = claims_experience(frames, at, model.codes)
    theta = model.theta(experience)
    quintile = model.quintiles(theta)
    owned = experience.exposure > 0
    structure = model.structure
    linked = (np.abs(structure.T) > 0) if structure is not None else np.zeros((1, 1), bool)
    held = owned.to_numpy()
    rows = []
    for j, code in enumerate(model.codes):
        informs = held & linked[j][None, :]
        rows.append(
            pd.DataFrame(
                {
                    "customer_id": theta.index,
                    "product": code,
                    "theta": theta[code].to_numpy(),
                    "quintile": quintile[code].to_numpy(),
                    "owned": held[:, j],
                    "based_on": _names(informs, model.codes),
                }
            )
        )
    out = pd.concat(rows, ignore_index=True)
    out["worst_quintile"] = out["quintile"] >= WORST_QUINTILE
    return out


def _names(mask: np.ndarray, codes: list[str]) -> list[list[str]]:
    # Few distinct ownership patterns: name each pattern once, not each of 100k rows.
    patterns, inverse = np.unique(mask, axis=0, return_inverse=True)
    named = [[codes[k] for k in np.flatnonzero(p)] for p in patterns]
    return [named[i] for i in np.asarray(inverse).ravel()]


def risk_book(
    source: Session | BookFrames, at: date | None = None, *, models_dir: Path
) -> pd.DataFrame:
    """Return the risk profile of every customer with policies (batch path).

    Args:
        source: A session or pre-loaded frames.
        at: Date of the claims history end (default the book's as-of date).
        models_dir: The model registry.

    Returns:
        Long frame as :func:`risk_frame`, model version in ``attrs["model_version"]``.
    """
    loaded = load_current("credibility", models_dir)
    if isinstance(source, Session):
        when, frames = at or book_as_of(source), load_book_frames(source)
    else:
        if at is None:
            raise ValueError("risk_book needs `at` when given frames.")
        when, frames = at, source
    out = risk_frame(loaded.model, frames, when)
    out.attrs["model_version"] = loaded.metadata.version
    return out


def profile_from_part(part: CredibilityPart, customer_id: str) -> RiskProfile:
    """Return the risk profile of every product from the customer's part (computed once)."""
    products = {}
    for k, code in enumerate(part.codes):
        theta, quintile = float(part.theta[k]), int(part.quintile[k])
        based = list(part.based_on[k])
        products[code] = ProductRisk(
            product=code,
            theta=round(theta, 4),
            quintile=quintile,
            worst_quintile=quintile >= WORST_QUINTILE,
            owned=bool(part.owned[k]),
            based_on=based,
            reason=_reason(code, theta, quintile, based),
        )
    return RiskProfile(customer_id=customer_id, products=products, model_version=part.version)


def risk_profile(
    session: Session,
    customer_id: str,
    at: date | datetime | None = None,
    *,
    models_dir: Path,
) -> RiskProfile:
    """Return a customer's risk profile for every product (owned or not).

    A customer with no policy-years in the history window (a prospect) gets the book
    average theta of each product.

    Args:
        session: Open session on the book.
        customer_id: The customer (id or exact name).
        at: Decision moment; the claims history ends on its day (default the book's as-of).
        models_dir: The model registry.

    Raises:
        UnknownCustomer: no such customer.
        ModelNotTrained: run ``copilot models train`` first.
    """
    scorer = credibility_scorer(models_dir)
    snapshot = customer_snapshot(session, customer_id, at)
    part = scorer.score(experience_of(snapshot, list(scorer.codes)))
    return profile_from_part(part, snapshot.customer_id)
