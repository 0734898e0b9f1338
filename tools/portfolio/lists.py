"""``portfolio_actions``: action lists over an advisor's book or a segment, column-wise."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy.orm import Session

from tools.book.clock import resolve_now
from tools.book.repository import resolve_advisor
from tools.catalogue.loader import load_catalogue
from tools.contact_policy.pack import load_contact_policy
from tools.decision.book import decide_frames
from tools.foundation.errors import InvalidInput
from tools.portfolio.models import ListKind, PortfolioItem, PortfolioList
from tools.portfolio.top_defend import top_defend_rows
from tools.registry import ModelNotTrained
from tools.snapshot.frames import BookFrames, load_frames, restrict

# Which chosen actions make each list, and how the list is prioritised.
SELECT = {
    "incident_without_cover": lambda f: f["kind"] == "incident_outreach",
    "renewals_due": lambda f: f["kind"] == "renewal_review",
    "growth": lambda f: f["trigger_kind"] == "growth",
}
ORDER = {
    "incident_without_cover": (["employees", "turnover_eur", "customer_id"], [False, False, True]),
    "renewals_due": (["due_by", "expected_value_eur", "customer_id"], [True, False, True]),
    "growth": (["urgency_order", "expected_value_eur", "customer_id"], [True, False, True]),
    "top_defend": (["defend_score", "customer_id"], [False, True]),
}


class UnknownSegment(InvalidInput):
    """The segment is neither a size band, an industry code nor a country code."""


def _scope(
    frames: BookFrames, advisor_id: str | None, segment: str | None, industry: str | None
) -> BookFrames:
    catalogue = load_catalogue()
    customers = frames.customers
    keep = pd.Series(True, index=customers.index)
    if advisor_id is not None:
        keep &= customers["advisor_id"] == advisor_id
    if segment is not None:
        known = set(catalogue.size_bands) | set(catalogue.industries) | set(catalogue.countries)
        if segment not in known:
            raise UnknownSegment(
                f"Unknown segment {segment!r}: use a size band "
                f"({', '.join(catalogue.size_bands)}), an industry code or a country code."
            )
        band = customers["employees"].map(catalogue.size_band)
        keep &= (
            band.eq(segment)
            | customers["industry_code"].eq(segment)
            | customers["country"].eq(segment)
        )
    if industry is not None:
        keep &= customers["industry_code"] == industry
    return restrict(frames, keep)


def _items(rows: pd.DataFrame, limit: int | None) -> list[PortfolioItem]:
    rows = rows.drop_duplicates("customer_id").head(limit)
    return [
        PortfolioItem(
            priority=k + 1,
            customer_id=r.customer_id,
            name=r.name,
            advisor_id=r.advisor_id,
            industry=r.industry_code,
            employees=int(r.employees),
            turnover_eur=int(r.turnover_eur),
            action_id=r.action_id,
            product=r.product if isinstance(r.product, str) else None,
            reason=r.reason,
            urgency=r.urgency,
            due_by=pd.Timestamp(r.due_by).to_pydatetime(),
            delivery=r.delivery,
            expected_value_eur=float(r.expected_value_eur),
        )
        for k, r in enumerate(rows.itertuples(index=False))
    ]


def portfolio_actions(
    session: Session,
    *,
    advisor_id: str | None = None,
    segment: str | None = None,
    kind: ListKind,
    now: datetime | date | str | None = None,
    product: str | None = None,
    industry: str | None = None,
    limit: int | None = None,
    models_dir: Path | None = None,
) -> PortfolioList:
    """Return an action list over a book: who to contact, why, by when, most important first.

    Lists: ``incident_without_cover`` (customers in an industry hit by a recent incident
    without the cover it calls for, largest first), ``renewals_due`` (renewals in the next 60
    days, soonest first), ``growth`` (growth triggers, most urgent first), ``top_defend``
    (highest churn risk x lifetime value). The contact policy applies: a customer it holds
    back (objection, recent claim, ...) is not listed and is counted under ``excluded``.

    Args:
        session: Open session on the book.
        advisor_id: Only this advisor's customers.
        segment: Only a size band (micro/small/medium), an industry code or a country code.
        kind: Which list.
        now: Decision moment; default the book's as-of date at 12:00.
        product: Only actions about this product code.
        industry: Only this industry code.
        limit: At most this many entries.
        models_dir: The registered models (needed by ``top_defend``: churn and CLV).

    Raises:
        UnknownAdvisor: no such advisor.
        UnknownProduct: the product code is not in the catalogue.
        UnknownSegment: the segment is not a size band, industry or country.
        InvalidDate: ``now`` is not a valid date.
        ModelNotTrained: ``top_defend`` without the models it needs.
    """
    moment = resolve_now(session, now)
    if advisor_id is not None:
        advisor_id = resolve_advisor(session, advisor_id).id
    if product is not None:
        product = load_catalogue().product(product).code
    frames = _scope(load_frames(session, moment), advisor_id, segment, industry)
    policy = load_contact_policy()
    if kind == "top_defend":
        if models_dir is None:
            raise ModelNotTrained("churn")
        rows, excluded = top_defend_rows(session, frames, models_dir)
    else:
        rows, excluded = _decided_rows(frames, kind, product)
    rows = rows.assign(urgency_order=rows["urgency"].map(policy.urgency_order))
    columns, ascending = ORDER[kind]
    rows = rows.sort_values(columns, ascending=ascending, kind="stable")
    return PortfolioList(
        kind=kind,
        generated_at=moment,
        items=_items(rows, limit),
        excluded=excluded,
        scope={
            "advisor_id": advisor_id,
            "segment": segment,
            "industry": industry,
            "product": product,
        },
        policy_version=policy.version,
    )


def _decided_rows(
    frames: BookFrames, kind: str, product: str | None
) -> tuple[pd.DataFrame, dict[str, int]]:
    decided = decide_frames(frames)
    wanted = decided[SELECT[kind](decided)]
    if product is not None:
        wanted = wanted[wanted["product"] == product]
    chosen = wanted[wanted["rank"].notna()]
    held = wanted[wanted["rank"].isna() & ~wanted["customer_id"].isin(chosen["customer_id"])]
    excluded = held.drop_duplicates("customer_id")["suppressed_by"].value_counts()
    rows = chosen.merge(frames.customers, on="customer_id", suffixes=("", "_customer"))
    return rows, {str(k): int(v) for k, v in excluded.items()}
