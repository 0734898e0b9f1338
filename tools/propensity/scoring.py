"""Score customers with the current propensity model: probabilities, drivers, model version.

When no model is trained, the functions raise ``ModelNotTrained`` whose message tells the
user to run ``copilot models train``; training takes seconds but writes artifacts, and a
read-only tool must not do that behind the user's back.

One customer is scored on numpy arrays from its snapshot (``score_customer``, or
``scores_from_part`` on a part computed once per turn); the book is scored column-wise in
pandas (``score_book``). Both read the industry peer counts stored with the model, so they
agree to rounding and scoring one customer reads no book-wide aggregate.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from tools.book.clock import resolve_now
from tools.book.repository import book_as_of, resolve_customer
from tools.catalogue.loader import Catalogue, load_catalogue
from tools.propensity.book_frames import BookFrames, load_book_frames
from tools.propensity.drivers import Driver
from tools.propensity.features import customer_features
from tools.propensity.product_rows import product_table
from tools.propensity.scorer import PropensityPart, propensity_scorer
from tools.propensity.vector import customer_vector
from tools.registry import load_current, load_version
from tools.snapshot import CustomerSnapshot, load_snapshot


class PropensityScore(BaseModel):
    """Probability that the customer buys a product in the next 12 months, with its drivers."""

    product: str = Field(description="Product code.")
    probability: float = Field(description="Calibrated probability of buying within 12 months.")
    drivers: list[Driver] = Field(description="Top signed reasons, computed from the model.")
    model_version: str = Field(description="Version of the propensity model that scored it.")


def customer_snapshot(
    session: Session, customer_id: str, now: date | datetime | None
) -> CustomerSnapshot:
    """Resolve the customer (id or exact name) and read its snapshot at ``now`` (book clock).

    Raises:
        UnknownCustomer: no such customer.
    """
    customer = resolve_customer(session, customer_id)
    return load_snapshot(session, customer.id, resolve_now(session, now))


def scores_from_part(
    part: PropensityPart,
    catalogue: Catalogue,
    products: list[str] | None = None,
    drivers: int = 5,
) -> list[PropensityScore]:
    """Return the scores, with drivers, of the requested products (default those not held).

    Args:
        part: The customer's propensity part (computed once).
        catalogue: For product codes and names.
        products: Product codes (any case) to return; default every product not held.
        drivers: Drivers per score.

    Returns:
        Scores sorted by probability, highest first.

    Raises:
        UnknownProduct: a code is not in the catalogue.
    """
    requested = [catalogue.product(code).code for code in products or []]
    wanted = requested or [c for k, c in enumerate(part.codes) if not part.held[k]]
    scores = [
        PropensityScore(
            product=code,
            probability=float(part.probability[part.codes.index(code)]),
            drivers=part.drivers(code, catalogue, drivers),
            model_version=part.version,
        )
        for code in wanted
    ]
    return sorted(scores, key=lambda s: s.probability, reverse=True)


def score_customer(
    session: Session,
    customer_id: str,
    products: list[str] | None = None,
    now: date | datetime | None = None,
    drivers: int = 5,
    *,
    models_dir: Path,
) -> list[PropensityScore]:
    """Return purchase probabilities, with drivers, for products the customer does not hold.

    Args:
        session: Open session on the book.
        customer_id: The customer's id (or exact name).
        products: Product codes to score (default every product not held).
        now: Decision moment (default the book's as-of date at noon); features use its day.
        drivers: Drivers per score.
        models_dir: The model registry.

    Returns:
        Scores sorted by probability, highest first.

    Raises:
        UnknownCustomer: no such customer.
        UnknownProduct: a code is not in the catalogue.
        ModelNotTrained: run ``copilot models train`` first.
    """
    catalogue = load_catalogue()
    requested = [catalogue.product(code).code for code in products or []]
    scorer = propensity_scorer(models_dir)
    snapshot = customer_snapshot(session, customer_id, now)
    vector = customer_vector(snapshot, catalogue.codes)
    part = scorer.score(vector, product_table(catalogue))
    return scores_from_part(part, catalogue, requested, drivers)


def score_book(
    source: Session | BookFrames,
    now: date | None = None,
    products: list[str] | None = None,
    peers: pd.DataFrame | None = None,
    *,
    models_dir: Path,
    version: str | None = None,
) -> pd.DataFrame:
    """Return customers x products purchase probabilities for the whole book (batch path).

    Args:
        source: A session (the whole book is read column-wise) or pre-loaded frames.
        now: Feature date (default the book's as-of date; required with frames).
        products: Restrict the columns to these codes.
        peers: Industry holder counts (``peer_counts_from``); default the counts stored with
            the model at training, which the single-customer path reads too.
        models_dir: The model registry.
        version: A stored version to score with (default the current one).

    Returns:
        DataFrame indexed by customer id, one column per product (NaN where already held),
        with the model version in ``frame.attrs["model_version"]``.
    """
    catalogue = load_catalogue()
    if version is None:
        loaded = load_current("propensity", models_dir)
    else:
        loaded = load_version("propensity", version, models_dir)
    if isinstance(source, Session):
        when, frames = now or book_as_of(source), load_book_frames(source)
    else:
        if now is None:
            raise ValueError("score_book needs `now` when given frames.")
        when, frames = now, source
    common = customer_features(frames, when, catalogue.codes)
    scores = loaded.model.predict(common, catalogue, peers)
    scores = scores[products] if products else scores
    scores.attrs["model_version"] = loaded.metadata.version
    return scores
