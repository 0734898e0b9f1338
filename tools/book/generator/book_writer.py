"""Generate a whole book batch by batch and write it in one transaction per batch."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

import numpy as np
from sqlalchemy import Table
from sqlalchemy.orm import Session

from tools.book.generator.activity import event_rows, offer_and_contact_rows
from tools.book.generator.contacts import contact_rows, contact_stream
from tools.book.generator.firmographics import FirmBatch, draw_firms
from tools.book.generator.holdings import Holdings, draw_holdings
from tools.book.generator.lapses import history_stream, lapse_dates
from tools.book.generator.policies_claims import claim_rows, policy_rows
from tools.book.generator.seed_customers import seed_book
from tools.book.generator.self_service import self_service_rows
from tools.book.models import (
    Advisor,
    Base,
    BookMeta,
    BusinessEvent,
    Claim,
    Contact,
    ContactLog,
    Customer,
    GroundTruth,
    Offer,
    Policy,
)
from tools.catalogue.loader import Catalogue, load_catalogue

# Fixed so that the same seed gives the same book whatever the caller's memory budget.
BATCH_SIZE = 5_000
ADVISORS = [
    ("ADV-001", "Maja Lindqvist", "SE"),
    ("ADV-002", "Erik Johansson", "SE"),
    ("ADV-003", "Sara Nilsson", "SE"),
    ("ADV-004", "Ole Hansen", "NO"),
    ("ADV-005", "Ingrid Berg", "NO"),
    ("ADV-006", "Mette Jensen", "DK"),
    ("ADV-007", "Lars Madsen", "DK"),
    ("ADV-008", "Aino Virtanen", "FI"),
    ("ADV-009", "Mikko Korhonen", "FI"),
    ("ADV-010", "Guðrún Jónsdóttir", "IS"),
]
LANGUAGE = {"SE": "sv", "NO": "nb", "DK": "da", "FI": "fi", "IS": "is"}
LEGAL_FORM = {"SE": "AB", "NO": "AS", "DK": "ApS", "FI": "Oy", "IS": "ehf"}
NAME_PREFIX = (
    "Nord",
    "Fjell",
    "Vik",
    "Sol",
    "Berg",
    "Lund",
    "Strand",
    "Hav",
    "Skog",
    "Ask",
    "Ek",
    "Dal",
    "Sjö",
    "Ljus",
    "Varg",
    "Björk",
    "Lax",
    "Ulv",
    "Storm",
    "Is",
)
NAME_STEM = (
    "holm",
    "vik",
    "berg",
    "dal",
    "lund",
    "strand",
    "fors",
    "ås",
    "näs",
    "by",
    "sund",
    "mark",
    "heim",
    "borg",
    "gård",
)
INDUSTRY_WORD = {
    "it_services": "Data",
    "consulting": "Konsult",
    "professional_services": "Revision",
    "manufacturing": "Industri",
    "retail": "Handel",
    "wholesale": "Grossist",
    "construction": "Bygg",
    "transport": "Logistik",
    "hospitality": "Hotell",
    "healthcare": "Hälsa",
}
Progress = Callable[[int], None]


@dataclass(frozen=True)
class BookSpec:
    """What to generate: size, seed and the as-of date every relative date hangs on."""

    customers: int
    seed: int
    as_of: date


def _insert(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    # Core executemany: the ORM bulk path costs several times more per row.
    session.execute(cast(Table, model.__table__).insert(), rows)


def _advisor_for(rng: np.random.Generator, countries: np.ndarray) -> list[str]:
    by_country: dict[str, list[str]] = {}
    for advisor_id, _, country in ADVISORS:
        by_country.setdefault(country, []).append(advisor_id)
    return [str(rng.choice(by_country[str(c)])) for c in countries]


def company_name(customer_id: str, industry: str, country: str) -> str:
    """Return a plausible Nordic company name, derived deterministically from the id."""
    number = int(customer_id[1:])
    prefix = NAME_PREFIX[number % len(NAME_PREFIX)]
    stem = NAME_STEM[(number // len(NAME_PREFIX)) % len(NAME_STEM)]
    series = number // (len(NAME_PREFIX) * len(NAME_STEM))
    suffix = f" {series + 1}" if series else ""
    return f"{prefix}{stem} {INDUSTRY_WORD[industry]}{suffix} {LEGAL_FORM[country]}"


def _customer_rows(
    catalogue: Catalogue, firms: FirmBatch, advisors: list[str]
) -> list[dict[str, Any]]:
    rows = []
    for i, cid in enumerate(firms.ids):
        industry = str(firms.industry[i])
        rows.append(
            {
                "id": cid,
                "org_number": f"{firms.country[i]}{cid[1:]}-{int(firms.employees[i]) % 10}",
                "name": company_name(cid, industry, str(firms.country[i])),
                "country": str(firms.country[i]),
                "industry_code": industry,
                "industry_label": catalogue.industries[industry].label,
                "employees": int(firms.employees[i]),
                "turnover_eur": int(firms.turnover[i]),
                "founded": firms.founded[i],
                "customer_since": firms.customer_since[i],
                "is_prospect": False,
                "preferred_channel": str(firms.preferred_channel[i]),
                "language": LANGUAGE[str(firms.country[i])],
                "consent_email": firms.consent["email"][i],
                "consent_phone": firms.consent["phone"][i],
                "consent_portal": firms.consent["portal"][i],
                "objection_to_marketing": bool(firms.objection[i]),
                "care_flag": bool(firms.care[i]),
                "advisor_id": advisors[i],
                "crm_notes": "",
            }
        )
    return rows


def _truth_rows(
    firms: FirmBatch,
    holdings: Holdings,
    multiplier: dict[str, float],
    gone: np.ndarray,
) -> list[dict[str, Any]]:
    rows = []
    for i, cid in enumerate(firms.ids):
        # A customer who left before the labelled year buys nothing in it.
        probs = holdings.purchase_probability[i] * (not gone[i])
        rows.append(
            {
                "customer_id": cid,
                "buy_affinity": float(firms.buy_affinity[i]),
                "risk_attitude": float(firms.risk_attitude[i]),
                "churn_hazard": float(firms.churn_hazard[i]),
                "claim_multiplier": multiplier[cid],
                "purchase_probability": {
                    holdings.codes[k]: round(float(probs[k]), 5) for k in np.flatnonzero(probs)
                },
            }
        )
    return rows


def _write_batch(
    session: Session, spec: BookSpec, catalogue: Catalogue, index: int, size: int
) -> None:
    rng = np.random.default_rng([spec.seed, index])
    firms = draw_firms(rng, catalogue, index * BATCH_SIZE + 1, size, spec.as_of)
    holdings = draw_holdings(rng, catalogue, firms)
    advisors = _advisor_for(rng, firms.country)
    # Lapses and self-service events draw from their own stream (as the contact persons do).
    history = history_stream(spec.seed, index)
    lapses = lapse_dates(history, firms, holdings, spec.as_of)
    snapshot = spec.as_of - timedelta(days=365)
    gone = np.array([lapse is not None and lapse <= snapshot for lapse in lapses])
    multiplier = {
        cid: float(np.exp(0.45 * firms.risk_attitude[i] - 0.1)) for i, cid in enumerate(firms.ids)
    }
    policies = policy_rows(rng, catalogue, firms, holdings, lapses, spec.as_of)
    offers, contacts = offer_and_contact_rows(rng, firms, holdings, advisors, spec.as_of)
    customers = _customer_rows(catalogue, firms, advisors)
    _insert(session, Customer, customers)
    # The persons draw from their own stream: the other tables stay as they were without them.
    people = contact_rows(contact_stream(spec.seed, index), customers)
    if people:
        _insert(session, Contact, people)
    _insert(session, Policy, policies)
    claims = claim_rows(rng, catalogue, firms, policies, multiplier, spec.as_of)
    events = event_rows(rng, firms, holdings, spec.as_of)
    events += self_service_rows(history, firms, holdings, policies, lapses, spec.as_of)
    for model, rows in (
        (Claim, claims),
        (BusinessEvent, events),
        (Offer, offers),
        (ContactLog, contacts),
        (GroundTruth, _truth_rows(firms, holdings, multiplier, gone)),
    ):
        if rows:
            _insert(session, model, rows)


def _write_seed_customers(session: Session, as_of: date) -> None:
    rows = seed_book(as_of)
    _insert(session, Customer, rows["customers"])
    _insert(session, Contact, rows["contacts"])
    _insert(session, Policy, rows["policies"])
    _insert(session, BusinessEvent, rows["events"])


def generate_book(session: Session, spec: BookSpec, progress: Progress | None = None) -> None:
    """Write advisors, ``spec.customers`` synthetic customers and the five seed customers.

    Each batch is committed on its own so a million-customer book streams in bounded memory;
    the book metadata is written last, so an interrupted run is detected and redone.
    """
    catalogue = load_catalogue()
    _insert(
        session,
        Advisor,
        [
            {"id": a, "name": n, "email": f"{a.lower()}@fjordmutual.example", "country": c}
            for a, n, c in ADVISORS
        ],
    )
    _write_seed_customers(session, spec.as_of)
    session.commit()
    for index, start in enumerate(range(0, spec.customers, BATCH_SIZE)):
        size = min(BATCH_SIZE, spec.customers - start)
        _write_batch(session, spec, catalogue, index, size)
        session.commit()
        if progress:
            progress(size)
    session.add_all(
        [
            BookMeta(key="seed", value=str(spec.seed)),
            BookMeta(key="customers", value=str(spec.customers)),
            BookMeta(key="as_of", value=spec.as_of.isoformat()),
            BookMeta(key="catalogue_version", value=catalogue.version),
        ]
    )
    session.commit()
