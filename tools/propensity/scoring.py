"""Score customers with the current propensity model: probabilities, drivers, model version.

When no model is trained, the functions raise ``ModelNotTrained`` whose message tells the
user to run ``copilot models train``; training takes seconds but writes artifacts, and a
read-only tool must not do that behind the user's back.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from pydantic import BaseModel, Field
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from tools.book.models import Customer, Policy
from tools.book.repository import book_as_of, resolve_customer
from tools.catalogue.loader import Catalogue, load_catalogue
from tools.propensity.book_frames import BookFrames, load_book_frames
from tools.propensity.drivers import Driver, top_drivers
from tools.propensity.features import customer_features, product_features
from tools.propensity.model import PropensityModel
from tools.registry import load_current


class PropensityScore(BaseModel):
    """Probability that the customer buys a product in the next 12 months, with its drivers."""

    product: str = Field(description="Product code.")
    probability: float = Field(description="Calibrated probability of buying within 12 months.")
    drivers: list[Driver] = Field(description="Top signed reasons, computed from the model.")
    model_version: str = Field(description="Version of the propensity model that scored it.")


def peer_counts(session: Session, at: date, codes: list[str]) -> pd.DataFrame:
    """Return per industry the customers in force and the holders of each product (SQL)."""
    live = and_(Policy.start_date <= at, or_(Policy.end_date.is_(None), Policy.end_date > at))
    by_product = session.execute(
        select(Customer.industry_code, Policy.product_code, func.count(func.distinct(Customer.id)))
        .join(Policy, Policy.customer_id == Customer.id)
        .where(live)
        .group_by(Customer.industry_code, Policy.product_code)
    ).all()
    sizes = session.execute(
        select(Customer.industry_code, func.count(func.distinct(Customer.id)))
        .join(Policy, Policy.customer_id == Customer.id)
        .where(live)
        .group_by(Customer.industry_code)
    ).all()
    table = pd.DataFrame(by_product, columns=["industry", "product", "n"])
    counts = table.pivot_table(index="industry", columns="product", values="n", fill_value=0)
    counts = counts.reindex(columns=codes, fill_value=0)
    counts["_size"] = pd.Series(dict(sizes))
    return counts.fillna(0)


def _explain(
    model: PropensityModel,
    common: pd.DataFrame,
    catalogue: Catalogue,
    code: str,
    peers: pd.DataFrame | None,
    limit: int,
) -> tuple[float, list[Driver]]:
    product = model.products[code]
    frame = product_features(common, catalogue, code, peers)[model.columns]
    # One transform per member: the log-odds are the baseline plus the contributions (exact).
    contributions = product.contributions(frame).iloc[0]
    logit = product.baseline() + float(contributions.sum())
    probability = float(1.0 / (1.0 + np.exp(-logit)))
    return probability, top_drivers(contributions, frame.iloc[0], catalogue, limit)


def score_customer(
    session: Session,
    customer_id: str,
    products: list[str] | None = None,
    now: date | None = None,
    drivers: int = 5,
) -> list[PropensityScore]:
    """Return purchase probabilities, with drivers, for products the customer does not hold.

    Args:
        session: Open session on the book.
        customer_id: The customer's id.
        products: Product codes to score (default every product not held).
        now: Feature date (default the book's as-of date).
        drivers: Drivers per score.

    Returns:
        Scores sorted by probability, highest first.

    Raises:
        UnknownCustomer: no such customer.
        UnknownProduct: a code is not in the catalogue.
        ModelNotTrained: run ``copilot models train`` first.
    """
    catalogue = load_catalogue()
    requested = [catalogue.product(code).code for code in products or []]
    loaded = load_current("propensity")
    model: PropensityModel = loaded.model
    customer = resolve_customer(session, customer_id)
    when = now or book_as_of(session)
    common = customer_features(load_book_frames(session, [customer.id]), when, catalogue.codes)
    if common.empty:  # a prospect or lapsed customer: profile only, no holdings
        common = _profile_only(session, customer.id, when, catalogue)
    peers = peer_counts(session, when, catalogue.codes)
    wanted = requested or [c for c in catalogue.codes if common[f"own_{c}"].iloc[0] == 0]
    scores = []
    for code in wanted:
        probability, reasons = _explain(model, common, catalogue, code, peers, drivers)
        scores.append(
            PropensityScore(
                product=code,
                probability=probability,
                drivers=reasons,
                model_version=loaded.metadata.version,
            )
        )
    return sorted(scores, key=lambda s: s.probability, reverse=True)


def _profile_only(
    session: Session, customer_id: str, when: date, catalogue: Catalogue
) -> pd.DataFrame:
    frames = load_book_frames(session, [customer_id])
    frames.policies = pd.DataFrame(
        [
            {
                "customer_id": customer_id,
                "product_code": "_none",
                "status": "quote",
                "annual_premium_eur": 0.0,
                "start_date": pd.Timestamp(when),
                "end_date": pd.NaT,
            }
        ]
    )
    return customer_features(frames, when, catalogue.codes)


def score_book(
    source: Session | BookFrames,
    now: date | None = None,
    products: list[str] | None = None,
    peers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return customers x products purchase probabilities for the whole book (batch path).

    Args:
        source: A session (the whole book is read column-wise) or pre-loaded frames.
        now: Feature date (default the book's as-of date; required with frames).
        products: Restrict the columns to these codes.
        peers: Industry holder counts (:func:`peer_counts`); default fresh from the session,
            or the whole-book counts stored with the model when given frames (which may
            hold only some customers).

    Returns:
        DataFrame indexed by customer id, one column per product (NaN where already held),
        with the model version in ``frame.attrs["model_version"]``.
    """
    catalogue = load_catalogue()
    loaded = load_current("propensity")
    if isinstance(source, Session):
        when = now or book_as_of(source)
        frames = load_book_frames(source)
        peers = peer_counts(source, when, catalogue.codes) if peers is None else peers
    else:
        if now is None:
            raise ValueError("score_book needs `now` when given frames.")
        when, frames = now, source
    common = customer_features(frames, when, catalogue.codes)
    scores = loaded.model.predict(common, catalogue, peers)
    scores = scores[products] if products else scores
    scores.attrs["model_version"] = loaded.metadata.version
    return scores
