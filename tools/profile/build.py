"""The ``customer_profile`` tool: the facts the copilot may state about one customer."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from tools.book.clock import resolve_now
from tools.catalogue.loader import Catalogue, load_catalogue
from tools.contactability import contactability
from tools.foundation.clock import Moment
from tools.gaps.build import need_facts
from tools.gaps.needs import expected_covers
from tools.gaps.pack import load_gap_rules
from tools.profile.derivation import load_derivation
from tools.profile.derive import (
    derive_coverage,
    derive_engagement,
    derive_lifecycle,
    derive_risk_score,
    derive_segment,
)
from tools.profile.models import (
    ChannelPermission,
    ClaimFact,
    ClaimsSummary,
    CustomerProfile,
    EventFact,
    Firmographics,
    Flags,
    PolicyInForce,
)
from tools.snapshot import CustomerRow, CustomerSnapshot, EventRow, load_snapshot


def _policies(records: CustomerSnapshot, catalogue: Catalogue) -> list[PolicyInForce]:
    rows = []
    for p in sorted(records.policies_in_force, key=lambda p: (p.renewal_date, p.product_code)):
        product = catalogue.products.get(p.product_code)
        rows.append(
            PolicyInForce(
                product=p.product_code,
                product_name=product.name if product else p.product_code,
                risk_area=product.risk_area if product else "unknown",
                annual_premium_eur=p.annual_premium_eur,
                limit_eur=p.limit_eur,
                deductible_eur=p.deductible_eur,
                start_date=p.start_date,
                renewal_date=p.renewal_date,
                days_to_renewal=(p.renewal_date - records.now.date()).days,
            )
        )
    return rows


def _claims(records: CustomerSnapshot, years: int) -> ClaimsSummary:
    since = records.now.date() - timedelta(days=round(365.25 * years))
    listed = [c for c in records.claims if c.status == "open" or c.claim_date >= since]
    facts = [
        ClaimFact(
            product=c.product_code,
            claim_date=c.claim_date,
            amount_eur=c.amount_eur,
            status=c.status,
        )
        for c in listed
    ]
    return ClaimsSummary(
        window_years=years,
        open_count=sum(c.status == "open" for c in listed),
        closed_count=sum(c.status == "closed" for c in listed),
        rejected_count=sum(c.status == "rejected" for c in listed),
        total_amount_eur=round(sum(c.amount_eur for c in listed if c.status != "rejected"), 2),
        last_claim_date=max((c.claim_date for c in records.claims), default=None),
        claims=facts,
    )


def _events(records: CustomerSnapshot, days: int) -> list[EventFact]:
    since = records.now - timedelta(days=days)

    def fact(event: EventRow, scope: str) -> EventFact:
        return EventFact(
            event_type=event.event_type,
            occurred_at=event.occurred_at,
            scope=scope,
            payload=dict(event.payload or {}),
        )

    rows = [fact(e, "customer") for e in records.events if e.occurred_at >= since]
    rows += [fact(e, "industry") for e in records.industry_events if e.occurred_at >= since]
    return sorted(rows, key=lambda e: e.occurred_at, reverse=True)


def _channels(customer: CustomerRow) -> list[ChannelPermission]:
    decided = contactability(customer)
    return [
        ChannelPermission(
            channel=state.channel,
            consent=state.consent,
            marketing_allowed=state.marketing_allowed,
            preferred=customer.preferred_channel == state.channel,
        )
        for state in decided.channels
    ]


def _firmographics(customer: CustomerRow) -> Firmographics:
    return Firmographics(
        name=customer.name,
        org_number=customer.org_number,
        country=customer.country,
        industry_code=customer.industry_code,
        industry_label=customer.industry_label,
        employees=customer.employees,
        turnover_eur=customer.turnover_eur,
        founded=customer.founded,
        customer_since=customer.customer_since,
        is_prospect=customer.is_prospect,
        language=customer.language,
        advisor_id=customer.advisor_id,
    )


def customer_profile(session: Session, customer_id: str, *, now: Moment = None) -> CustomerProfile:
    """Describe a customer: firmographics, policies, claims, events and derived scores.

    Derived values (segment, lifecycle stage, risk score, engagement level, coverage score)
    each carry the rule and inputs that produced them; channel permissions fail closed
    (unknown consent means no marketing on that channel).

    Args:
        session: a session on the book of business.
        customer_id: the customer's id (already resolved).
        now: the moment to describe (date, datetime or ISO string); default the book's as-of.

    Returns:
        The customer's profile.

    Raises:
        UnknownCustomer: no customer has this id.
        InvalidDate: ``now`` is not a readable date.
    """
    return profile_of(load_snapshot(session, customer_id, resolve_now(session, now)))


def profile_of(records: CustomerSnapshot) -> CustomerProfile:
    """Return the ``customer_profile`` of a customer snapshot (no I/O: the turn's path)."""
    catalogue, pack, derivation = load_catalogue(), load_gap_rules(), load_derivation()
    customer, now = records.customer, records.now
    facts = need_facts(records, pack)
    claims = _claims(records, derivation.claims_window_years)
    segment = derive_segment(customer.employees, catalogue)
    coverage, areas = derive_coverage(
        expected_covers(facts, catalogue, pack), set(records.held_products), catalogue
    )
    premiums = sum(p.annual_premium_eur for p in records.policies_in_force)
    return CustomerProfile(
        customer_id=customer.id,
        as_of=now,
        firmographics=_firmographics(customer),
        policies=_policies(records, catalogue),
        total_annual_premium_eur=round(premiums, 2),
        claims=claims,
        recent_events=_events(records, derivation.recent_events_days),
        growth=facts.trends,
        segment=segment,
        lifecycle_stage=derive_lifecycle(customer.founded, now, facts.trends, derivation.lifecycle),
        risk_score=derive_risk_score(
            customer.industry_code,
            catalogue.industries[customer.industry_code].risk,
            segment.value,
            claims.closed_count + claims.open_count,
            claims.open_count,
            derivation.risk_score,
        ),
        engagement_level=derive_engagement(list(records.events), now, derivation.engagement),
        coverage_score=coverage,
        coverage_by_area=areas,
        channels=_channels(customer),
        flags=Flags(
            objection_to_marketing=customer.objection_to_marketing,
            care_flag=customer.care_flag,
            open_claim=claims.open_count > 0,
        ),
        derivation_version=derivation.version,
        gap_rules_version=pack.version,
        catalogue_version=catalogue.version,
    )
