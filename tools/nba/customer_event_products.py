"""One customer's product proposals from events: an industry incident, a quote request.

The twin of ``event_products`` for a single customer: the latest incident of the customer's
industry per cover in the lookback, the bundle partners of recently quoted products.
"""

from __future__ import annotations

from datetime import timedelta

from tools.catalogue.loader import Catalogue
from tools.nba.config import TriggerConfig
from tools.nba.event_products import BUNDLE_RULE, INCIDENT_RULE, bundle_partners, quoted_code
from tools.nba.proposals import RuleHit
from tools.nba.reasons import bundle_evidence, bundle_reason, incident_evidence, incident_reason
from tools.snapshot import CustomerSnapshot


def incident_hits(snapshot: CustomerSnapshot, label: str, config: TriggerConfig) -> list[RuleHit]:
    """Return the covers the incidents of the customer's industry in the lookback call for.

    The latest incident per cover counts (its evidence and reason are quoted).
    """
    rules = config.industry_incident
    start = snapshot.now - timedelta(days=rules.lookback_days)
    latest = {}
    for event in sorted(snapshot.industry_events, key=lambda e: (e.occurred_at, e.id)):
        kind = event.payload.get("kind")
        product = rules.products.get(kind) if isinstance(kind, str) else None
        if event.occurred_at >= start and product is not None:
            latest[product] = event  # the latest incident per cover counts
    industry, relevance = snapshot.customer.industry_code, config.relevance["incident"]
    hits = []
    for product, event in latest.items():
        kind, at = event.payload["kind"], event.occurred_at
        evidence = incident_evidence(kind, industry, at, event.payload.get("headline", ""))
        reason = incident_reason(kind, label, at, product)
        hits.append(
            RuleHit(product, INCIDENT_RULE, relevance, "industry_incident", evidence, reason)
        )
    return hits


def quoted_products_of(
    snapshot: CustomerSnapshot, config: TriggerConfig, catalogue: Catalogue
) -> list[str]:
    """Return the catalogue products of the customer's recent quote requests, first asked first."""
    start = snapshot.now - timedelta(days=config.quote_request.lookback_days)
    asked: list[str] = []
    for event in sorted(snapshot.events, key=lambda e: e.id):
        if event.event_type != "quote_request" or event.occurred_at < start:
            continue
        code = quoted_code(event.payload)
        if code in catalogue.products and code not in asked:
            asked.append(code)
    return asked


def bundle_hits(asked: list[str], config: TriggerConfig, catalogue: Catalogue) -> list[RuleHit]:
    """Return the bundle partners of the quoted products (``quoted_products_of``)."""
    partners = bundle_partners(catalogue)
    rel = config.relevance["bundle_partner"]
    return [
        RuleHit(
            p,
            BUNDLE_RULE,
            rel,
            "quote_request",
            bundle_evidence(q, BUNDLE_RULE),
            bundle_reason(q, p),
        )
        for q in asked
        for p in partners[q]
    ]
