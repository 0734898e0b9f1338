"""Expectations from a customer's facts: forbidden products, blocked action kinds, timing.

Written from shared/DOMAIN.md and the catalogue's data, independently of ``tools.nba`` and
``tools.decision``: the suite checks the recommender against these, so they must not share
its code paths.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel, Field

from evals.recommendations.book_facts import CustomerFacts
from evals.recommendations.dataset import TimingSpec, Windows
from tools.catalogue.loader import Catalogue
from tools.eligibility.pack import EligibilityRulePack

PRODUCT_KINDS = frozenset({"cross_sell", "incident_outreach"})
"""Actions that recommend a product."""
SALES_KINDS = PRODUCT_KINDS | {"consultation", "limits_review"}
"""Actions that are sales contact."""
OUTREACH_KINDS = SALES_KINDS | {"renewal_review"}
"""Every marketing outreach (an objection removes the customer from all of it)."""
ALL_KINDS = OUTREACH_KINDS | {"care"}
BLOCKED_KINDS: dict[str, frozenset[str]] = {
    "objection": OUTREACH_KINDS,
    "care": SALES_KINDS,
    "recent_claim": SALES_KINDS,
    "open_claim": PRODUCT_KINDS,  # an open claim suppresses cross-sell
    "contacted_today": OUTREACH_KINDS,  # no two outreach attempts on the same day
    "monthly_cap": PRODUCT_KINDS,
    "no_consent": ALL_KINDS,
}
"""What each customer-level block of DOMAIN.md's contact policy rules out."""


class TimingCheck(BaseModel):
    """A dated action the case expects among the chosen actions."""

    trigger: str = Field(description="Trigger kind the action must carry.")
    product: str | None = Field(None, description="Product it must be about, if any.")
    urgency: str | None = Field(None, description="Urgency it must have, if any.")
    due_by_latest: datetime = Field(description="Latest acceptable due date.")
    why: str = Field(description="The fact and the window that call for it.")


def blocks_of(facts: CustomerFacts, windows: Windows) -> list[str]:
    """Return every customer-level block that applies, in DOMAIN.md's order."""
    customer, today = facts.customer, facts.now.date()
    quiet = today - timedelta(days=windows.claim_quiet_days)
    hits = {
        "objection": customer.objection_to_marketing,
        "care": customer.care_flag,
        "open_claim": facts.open_claims > 0,
        "recent_claim": facts.last_claim is not None and facts.last_claim >= quiet,
        "contacted_today": facts.outreach_today > 0,
        "monthly_cap": facts.offers_this_month >= windows.max_recommendations_per_month,
        "no_consent": not facts.consented,
    }
    return [block for block, hit in hits.items() if hit]


def blocked_kinds(blocks: list[str]) -> frozenset[str]:
    """Return the action kinds the blocks rule out."""
    return frozenset().union(*(BLOCKED_KINDS[b] for b in blocks))


def _ineligible(
    facts: CustomerFacts, code: str, catalogue: Catalogue, pack: EligibilityRulePack
) -> str | None:
    customer, product = facts.customer, catalogue.products[code]
    market = product.target_market
    if not market.covers_industry(customer.industry_code):
        return "industry outside the target market"
    if not market.employees_min <= customer.employees <= market.employees_max:
        return "headcount outside the target market"
    if not market.turnover_min_eur <= customer.turnover_eur <= market.turnover_max_eur:
        return "turnover outside the target market"
    if customer.country not in pack.availability.countries(code):
        return f"not sold in {customer.country}"
    if customer.industry_code in pack.excluded_industries.get(code, []):
        return "industry excluded"
    return None


def forbidden_products(
    facts: CustomerFacts,
    catalogue: Catalogue,
    pack: EligibilityRulePack,
    worst_quintile: frozenset[str],
    blocks: list[str],
) -> dict[str, str]:
    """Return each product that must not be recommended, with the reason."""
    out: dict[str, str] = {}
    for code in catalogue.codes:
        if code in facts.held:
            out[code] = "held"
        elif reason := _ineligible(facts, code, catalogue, pack):
            out[code] = f"ineligible: {reason}"
        elif code in worst_quintile:
            out[code] = "worst credibility quintile"
        elif blocks:
            out[code] = f"contact policy: {blocks[0]}"
    return out


def missing_prerequisites(facts: CustomerFacts, catalogue: Catalogue) -> dict[str, list[str]]:
    """Return, per product, its prerequisites the customer does not hold."""
    out = {}
    for code, product in catalogue.products.items():
        missing = [r for r in product.requires if r not in facts.held]
        if missing:
            out[code] = missing
    return out


def _growth(facts: CustomerFacts, windows: Windows) -> str | None:
    start = facts.now - timedelta(days=windows.growth_lookback_days)
    limits = {
        "revenue_change": windows.revenue_jump_pct,
        "headcount_change": windows.headcount_jump_pct,
    }
    for event in facts.events:
        payload = event.payload or {}
        low, high = payload.get("from"), payload.get("to")
        if event.event_type not in limits or event.occurred_at < start or not low or high is None:
            continue
        growth = (high / low - 1) * 100
        if growth > limits[event.event_type]:
            return f"{event.event_type} {low} -> {high} (+{growth:.0f}%)"
    return None


def _logins(facts: CustomerFacts, windows: Windows) -> int:
    start = facts.now - timedelta(days=windows.behaviour_window_days)
    return sum(e.event_type == "portal_login" and e.occurred_at > start for e in facts.events)


def incident_products(facts: CustomerFacts, windows: Windows) -> dict[str, str]:
    """Return each cover a recent incident in the customer's industry calls for, with the why."""
    start = facts.now - timedelta(days=windows.incident_lookback_days)
    out: dict[str, str] = {}
    for event in facts.incidents:
        product = windows.incident_products.get(str((event.payload or {}).get("kind")))
        if product and event.occurred_at >= start:
            out.setdefault(product, f"{event.payload.get('kind')} in the industry")
    return out


def derived_timing(
    facts: CustomerFacts, windows: Windows, blocked: frozenset[str], forbidden: dict[str, str]
) -> list[TimingCheck]:
    """Return the dated actions the customer's events and renewals call for."""
    now, checks = facts.now, []
    if "consultation" not in blocked and (why := _growth(facts, windows)):
        due = now + timedelta(hours=windows.growth_within_hours)
        checks.append(TimingCheck(trigger="growth", due_by_latest=due, why=why))
    if "incident_outreach" not in blocked:
        due = now + timedelta(hours=windows.incident_within_hours)
        for product, why in incident_products(facts, windows).items():
            if product not in forbidden:
                checks.append(
                    TimingCheck(
                        trigger="industry_incident",
                        product=product,
                        urgency="high",
                        due_by_latest=due,
                        why=why,
                    )
                )
    if "consultation" not in blocked and (logins := _logins(facts, windows)) >= (
        windows.behaviour_min_logins
    ):
        due = now + timedelta(hours=windows.behaviour_within_hours)
        checks.append(TimingCheck(trigger="behaviour", due_by_latest=due, why=f"{logins} logins"))
    if "renewal_review" not in blocked:
        checks += _renewals(facts, windows)
    return checks


def _renewals(facts: CustomerFacts, windows: Windows) -> list[TimingCheck]:
    out = []
    for product, renews in sorted(facts.renewals.items()):
        days = (renews - facts.now.date()).days
        if 0 <= days <= windows.renewal_window_days:
            last = windows.renewal_last_reminder_days
            latest = renews - timedelta(days=last) if days > last else renews
            out.append(
                TimingCheck(
                    trigger="renewal",
                    product=product,
                    due_by_latest=datetime.combine(latest, datetime.max.time()),
                    why=f"{product} renews on {renews} (in {days} days)",
                )
            )
    return out


def seed_timing(facts: CustomerFacts, specs: list[TimingSpec]) -> list[TimingCheck]:
    """Resolve a seed case's hand-written timing against the decision moment and renewals."""
    out = []
    for spec in specs:
        if spec.within_hours is not None:
            latest = facts.now + timedelta(hours=spec.within_hours)
        else:
            assert spec.product is not None and spec.days_before_renewal is not None
            renews = facts.renewals[spec.product]
            day = renews - timedelta(days=spec.days_before_renewal)
            latest = datetime.combine(day, datetime.max.time())
        out.append(
            TimingCheck(
                trigger=spec.trigger,
                product=spec.product,
                urgency=spec.urgency,
                due_by_latest=latest,
                why="DOMAIN.md use case",
            )
        )
    return out
