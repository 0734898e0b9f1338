"""The five acceptance use-case customers of the seed, with the seed's exact names and figures."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from tools.book.generator.seed_contacts import seed_contacts

SEED_ADVISOR = "ADV-001"
SEED_IDS = ("S000001", "S000002", "S000003", "S000004", "S000005")


def seed_customer_ids() -> tuple[str, ...]:
    """Return the ids of the five seed use-case customers, in use-case order."""
    return SEED_IDS


def _at(as_of: date, days_back: int, hour: int = 10) -> datetime:
    return datetime.combine(as_of - timedelta(days=days_back), time(hour, 0))


def _customer(
    cid: str,
    name: str,
    country: str,
    industry: str,
    label: str,
    employees: int,
    turnover: int,
    language: str,
    channel: str,
    since: date | None,
    notes: str,
) -> dict[str, Any]:
    return {
        "id": cid,
        "org_number": f"SEED-{cid}",
        "name": name,
        "country": country,
        "industry_code": industry,
        "industry_label": label,
        "employees": employees,
        "turnover_eur": turnover,
        "founded": date(2012, 3, 1),
        "customer_since": since,
        "is_prospect": since is None,
        "preferred_channel": channel,
        "language": language,
        "consent_email": True,
        "consent_phone": True,
        "consent_portal": True,
        "objection_to_marketing": False,
        "care_flag": False,
        "advisor_id": SEED_ADVISOR,
        "crm_notes": notes,
    }


def _policy(cid: str, code: str, premium: float, start: date, renewal: date) -> dict[str, Any]:
    return {
        "customer_id": cid,
        "product_code": code,
        "status": "active",
        "annual_premium_eur": premium,
        "limit_eur": 2_000_000,
        "deductible_eur": 2500,
        "start_date": start,
        "renewal_date": renewal,
        "end_date": None,
    }


def _event(cid: str | None, kind: str, when: datetime, payload: dict[str, Any]) -> dict[str, Any]:
    return {"customer_id": cid, "event_type": kind, "occurred_at": when, "payload": payload}


def seed_book(as_of: date) -> dict[str, list[dict[str, Any]]]:
    """Return the rows of the five seed customers, dated relative to ``as_of``."""
    year = timedelta(days=365)
    customers = [
        _customer(
            "S000001",
            "Nordic IT Solutions AB",
            "SE",
            "it_services",
            "IT services",
            15,
            3_000_000,
            "sv",
            "email",
            as_of - 3 * year,
            "Prefers email. CFO contact: anna.berg@nordicit.example, +46 70 123 45 67.",
        ),
        _customer(
            "S000002",
            "Nordic Manufacturing Oy",
            "FI",
            "manufacturing",
            "Manufacturing",
            22,
            4_200_000,
            "fi",
            "email",
            as_of - 5 * year,
            "Plant in Tampere.",
        ),
        _customer(
            "S000003",
            "Oslo Consulting AS",
            "NO",
            "consulting",
            "Management consulting",
            12,
            1_800_000,
            "nb",
            "email",
            None,
            "Webshop prospect, quoting PI.",
        ),
        _customer(
            "S000004",
            "Stockholm Retail AB",
            "SE",
            "retail",
            "Retail trade",
            35,
            8_500_000,
            "sv",
            "phone",
            as_of - 3 * year,
            "Always renews on time; high MyBusiness engagement.",
        ),
        _customer(
            "S000005",
            "Bergen Tech AS",
            "NO",
            "it_services",
            "IT services",
            18,
            2_600_000,
            "nb",
            "portal",
            as_of - 4 * year,
            "Usually logs in quarterly for routine tasks.",
        ),
    ]
    policies = [
        _policy(
            "S000001",
            "PI",
            3000,
            as_of - 3 * year + timedelta(days=100),
            as_of + timedelta(days=100),
        ),
        _policy(
            "S000002",
            "GL",
            2400,
            as_of - 5 * year + timedelta(days=40),
            as_of + timedelta(days=40 + 90),
        ),
        _policy(
            "S000002",
            "PROPERTY",
            1800,
            as_of - 5 * year + timedelta(days=40),
            as_of + timedelta(days=40 + 90),
        ),
        _policy(
            "S000004", "GL", 3600, as_of - 3 * year + timedelta(days=60), as_of + timedelta(days=60)
        ),
        _policy(
            "S000005",
            "GL",
            2100,
            as_of - 4 * year + timedelta(days=150),
            as_of + timedelta(days=150),
        ),
        _policy(
            "S000005",
            "PROPERTY",
            1500,
            as_of - 4 * year + timedelta(days=150),
            as_of + timedelta(days=150),
        ),
    ]
    events = [
        _event("S000001", "headcount_change", _at(as_of, 1), {"from": 8, "to": 15}),
        _event(
            "S000001",
            "revenue_change",
            _at(as_of, 1, 11),
            {"from": 2_100_000, "to": 3_000_000, "source": "Q3 financial report"},
        ),
        _event(
            None,
            "industry_incident",
            _at(as_of, 0, 6),
            {
                "industry": "manufacturing",
                "kind": "ransomware",
                "region": "Nordic",
                "headline": "Ransomware attack hits a prominent Nordic manufacturer",
            },
        ),
        _event(
            "S000003", "quote_request", _at(as_of, 0, 9), {"product": "PI", "source": "webshop"}
        ),
        _event("S000004", "headcount_change", _at(as_of, 30), {"from": 27, "to": 35}),
        _event(
            "S000004", "location_added", _at(as_of, 45), {"locations_from": 3, "locations_to": 4}
        ),
    ]
    events += [
        _event("S000005", "portal_login", _at(as_of, d, 9 + d), {"source": "mybusiness_portal"})
        for d in (1, 2, 4, 6)
    ]
    events += [
        _event("S000005", "portal_login", _at(as_of, d), {"source": "mybusiness_portal"})
        for d in (40, 130)
    ]
    events += [
        _event(
            "S000005",
            "document_download",
            _at(as_of, d, 15),
            {"document": "policy_schedule", "source": "mybusiness_portal"},
        )
        for d in (2, 4)
    ]
    events += [
        _event("S000004", "portal_login", _at(as_of, d), {"source": "mybusiness_portal"})
        for d in (3, 12, 25, 33, 50)
    ]
    return {
        "customers": customers,
        "contacts": seed_contacts(),
        "policies": policies,
        "events": events,
    }
