"""Churn probability, CLV and the Top Defend list, from the current models.

Needs three trained models (churn, propensity for cross-sell potential, credibility for the
margin); each raises ``ModelNotTrained`` naming ``copilot models train`` when missing.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.book.models import Customer
from tools.book.repository import book_as_of, resolve_advisor
from tools.catalogue.loader import Catalogue, load_catalogue
from tools.churn.clv import clv_frame
from tools.churn.scorer import ChurnPart, churn_part, churn_scorer
from tools.churn.training import churn_columns
from tools.credibility.book_model import claims_experience
from tools.credibility.scorer import credibility_scorer, experience_of
from tools.foundation.errors import NotEligible
from tools.propensity.book_frames import BookFrames, active_at, load_book_frames
from tools.propensity.drivers import Driver, top_drivers
from tools.propensity.features import customer_features
from tools.propensity.product_rows import product_table
from tools.propensity.scorer import propensity_scorer
from tools.propensity.scoring import customer_snapshot
from tools.propensity.vector import customer_vector
from tools.registry import load_current


class ChurnCLV(BaseModel):
    """A customer's 12-month churn probability and lifetime value, explained."""

    customer_id: str = Field(description="The customer.")
    churn_probability_12m: float = Field(
        description="Probability all policies end within 12 months."
    )
    clv_eur: float = Field(
        description="Expected discounted margin over the remaining lifetime, EUR."
    )
    annual_margin_eur: float = Field(description="Margin of the policies in force this year, EUR.")
    cross_sell_eur: float = Field(
        description="Expected discounted margin of likely purchases, EUR."
    )
    drivers: list[Driver] = Field(description="Top signed reasons behind the churn probability.")
    model_version: str = Field(description="Version of the churn model.")
    input_versions: dict[str, str] = Field(description="Propensity and credibility versions used.")


class DefendEntry(BaseModel):
    """One line of an advisor's Top Defend list (high churn risk x high value)."""

    customer_id: str = Field(description="The customer.")
    name: str = Field(description="Company name.")
    churn_probability_12m: float = Field(description="Probability of churning within 12 months.")
    clv_eur: float = Field(description="Customer lifetime value, EUR.")
    value_at_risk_eur: float = Field(description="churn probability x CLV, EUR: the sort key.")
    drivers: list[Driver] = Field(description="Top reasons behind the churn probability.")
    model_version: str = Field(description="Version of the churn model.")


Scored = tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, str]]


def _scored(frames: BookFrames, when: date, peers: pd.DataFrame | None, models_dir: Path) -> Scored:
    catalogue = load_catalogue()
    churn, propensity, credibility = (
        load_current("churn", models_dir),
        load_current("propensity", models_dir),
        load_current("credibility", models_dir),
    )
    common = customer_features(frames, when, catalogue.codes)
    X = common[churn_columns(catalogue.codes)]
    p_churn = pd.Series(churn.model.predict_proba(X)[:, 1], index=X.index)
    buy = propensity.model.predict(common, catalogue, peers)
    theta = credibility.model.theta(claims_experience(frames, when, catalogue.codes))
    live = frames.policies[active_at(frames.policies, when)]
    premiums = live.pivot_table(
        index="customer_id",
        columns="product_code",
        values="annual_premium_eur",
        aggfunc="sum",
        fill_value=0.0,
    )
    premiums = premiums.reindex(columns=catalogue.codes, fill_value=0.0)
    typical = pd.Series(catalogue.mid_premium())
    values = clv_frame(premiums, theta, p_churn, buy, typical)
    values["churn_probability_12m"] = p_churn.round(4)
    versions = {
        "propensity": propensity.metadata.version,
        "credibility": credibility.metadata.version,
        "churn": churn.metadata.version,
    }
    return values, X, churn.model.contributions(X), versions


def churn_book(
    source: Session | BookFrames, now: date | None = None, *, models_dir: Path
) -> pd.DataFrame:
    """Return churn probability and CLV of every customer in force (batch path).

    Propensity (for the cross-sell value) reads the peer counts stored with its model, as
    the single-customer path does.

    Args:
        source: A session (the whole book) or pre-loaded frames.
        now: Feature date (default the book's as-of date; required with frames).
        models_dir: The model registry.

    Returns:
        Frame indexed by customer id: ``churn_probability_12m``, ``clv_eur``,
        ``annual_margin_eur``, ``cross_sell_eur``; versions in ``attrs``.
    """
    if isinstance(source, Session):
        when, frames = now or book_as_of(source), load_book_frames(source)
    else:
        if now is None:
            raise ValueError("churn_book needs `now` when given frames.")
        when, frames = now, source
    values, _, _, versions = _scored(frames, when, None, models_dir)
    values.attrs.update(versions)
    return values


def churn_from_part(
    part: ChurnPart | None, customer_name: str, customer_id: str, catalogue: Catalogue
) -> ChurnCLV:
    """Return the customer's churn probability, CLV and drivers from its part (computed once).

    Args:
        part: The churn part, or None when the customer has no policy in force.
        customer_name: The customer's name, for the error message.
        customer_id: The customer.
        catalogue: For the drivers' names.

    Raises:
        NotEligible: the customer has no policy in force (nothing to churn).
    """
    if part is None:
        raise NotEligible(f"{customer_name} has no policy in force: no churn or CLV to score.")
    return ChurnCLV(
        customer_id=customer_id,
        churn_probability_12m=float(np.round(part.probability, 4)),
        clv_eur=float(np.round(part.clv.clv_eur, 2)),
        annual_margin_eur=float(np.round(part.clv.annual_margin_eur, 2)),
        cross_sell_eur=float(np.round(part.clv.cross_sell_eur, 2)),
        drivers=part.drivers(catalogue),
        model_version=part.version,
        input_versions=dict(part.input_versions),
    )


def churn_clv(
    session: Session,
    customer_id: str,
    now: date | datetime | None = None,
    *,
    models_dir: Path,
) -> ChurnCLV:
    """Return the customer's churn probability, CLV and churn drivers.

    Args:
        session: Open session on the book.
        customer_id: The customer (id or exact name).
        now: Decision moment (default the book's as-of date at noon); features use its day.
        models_dir: The model registry.

    Raises:
        UnknownCustomer: no such customer.
        NotEligible: the customer has no policy in force (nothing to churn).
        ModelNotTrained: run ``copilot models train`` first.
    """
    catalogue = load_catalogue()
    snapshot = customer_snapshot(session, customer_id, now)
    vector = customer_vector(snapshot, catalogue.codes)
    if not vector.in_force:
        return churn_from_part(None, snapshot.customer.name, snapshot.customer_id, catalogue)
    folder = models_dir
    churn, propensity, credibility = (
        churn_scorer(folder),
        propensity_scorer(folder),
        credibility_scorer(folder),
    )
    part = churn_part(
        churn,
        vector,
        propensity.score(vector, product_table(catalogue)),
        credibility.score(experience_of(snapshot, list(credibility.codes))),
        catalogue,
    )
    return churn_from_part(part, snapshot.customer.name, snapshot.customer_id, catalogue)


def top_defend(
    session: Session,
    advisor_id: str,
    limit: int = 20,
    now: date | None = None,
    *,
    models_dir: Path,
) -> list[DefendEntry]:
    """Return the advisor's customers with the most value at risk (churn x CLV), highest first.

    Raises:
        UnknownAdvisor: no such advisor.
        ModelNotTrained: run ``copilot models train`` first.
    """
    advisor = resolve_advisor(session, advisor_id)
    rows = session.execute(
        select(Customer.id, Customer.name).where(Customer.advisor_id == advisor.id)
    ).all()
    names = dict((r[0], r[1]) for r in rows)
    when = now or book_as_of(session)
    frames = load_book_frames(session, list(names))
    values, X, contributions, versions = _scored(frames, when, None, models_dir)
    values["value_at_risk_eur"] = values["churn_probability_12m"] * values["clv_eur"].clip(lower=0)
    ranked = values.sort_values("value_at_risk_eur", ascending=False).head(limit)
    catalogue = load_catalogue()
    return [
        DefendEntry(
            customer_id=cid,
            name=names[cid],
            churn_probability_12m=float(r["churn_probability_12m"]),
            clv_eur=float(r["clv_eur"]),
            value_at_risk_eur=round(float(r["value_at_risk_eur"]), 2),
            drivers=top_drivers(contributions.loc[cid], X.loc[cid], catalogue, 3),
            model_version=versions["churn"],
        )
        for cid, r in ranked.iterrows()
    ]
