"""One customer's product proposals from its snapshot: which products, by which rules.

The twin of ``product_rules``, ``event_products`` and the de-duplication of ``candidates``
for a single customer, in plain Python: the same rules in the same order (industry key and
standard covers, size rules, growth rules, crossed size thresholds, incidents, bundle
partners of quotes), the product rules of the eligibility pack, the quoted-product exclusion,
then one proposal per product: the event-driven rule first, then the most relevant, carrying
the strongest relevance and every supporting rule.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tools.catalogue.loader import Catalogue
from tools.eligibility import eligibility_facts
from tools.eligibility.checks import CHECKS, EligibilityFacts
from tools.eligibility.pack import load_eligibility_rules
from tools.gaps.pack import GapRulePack
from tools.nba.config import TriggerConfig
from tools.nba.customer_event_products import bundle_hits, incident_hits, quoted_products_of
from tools.nba.growth import GrowthRow, customer_rule_fires
from tools.nba.product_rules import (
    GROWTH_TEMPLATES,
    KEY_COVER_TEMPLATE,
    STANDARD_COVER_TEMPLATE,
    crossed_template,
    growth_rule_relevance,
    size_template,
    threshold_rules,
)
from tools.nba.proposals import Proposal, RuleHit
from tools.nba.reasons import industry_labels, rule_evidence, rule_reason
from tools.snapshot import CustomerSnapshot


def _standing(
    snapshot: CustomerSnapshot, config: TriggerConfig, pack: GapRulePack, catalogue: Catalogue
) -> list[RuleHit]:
    rel, customer = config.relevance, snapshot.customer
    industry = catalogue.industries.get(customer.industry_code)
    hits = [
        RuleHit(p, "industry_key_covers", rel["industry_rule"], "gap", template=KEY_COVER_TEMPLATE)
        for p in pack.industry_key_covers.get(customer.industry_code, [])
    ]
    hits += [
        RuleHit(p, "standard_cover", rel["standard_cover"], "gap", template=STANDARD_COVER_TEMPLATE)
        for p in (industry.standard_covers if industry else [])
    ]
    for rule in pack.size_rules:
        if rule.employees_min <= customer.employees <= rule.employees_max and all(
            code in snapshot.held_products for code in rule.held_all
        ):
            template = size_template(rule)
            hits += [
                RuleHit(p, rule.id, rel["size_rule"], "gap", template=template)
                for p in rule.products
            ]
    return hits


def _growth(
    snapshot: CustomerSnapshot,
    growth: GrowthRow,
    config: TriggerConfig,
    pack: GapRulePack,
    catalogue: Catalogue,
) -> list[RuleHit]:
    country = snapshot.customer.country
    hits = [
        RuleHit(
            p,
            rule.id,
            growth_rule_relevance(rule, country, p, config, catalogue),
            "growth",
            template=GROWTH_TEMPLATES[rule.metric],
        )
        for rule in pack.growth_rules
        if customer_rule_fires(growth, rule)
        for p in rule.products
    ]
    low, high = growth["headcount_from"], growth["headcount_to"]
    for rule in threshold_rules(pack):
        if low < rule.employees_min and rule.employees_min <= high <= rule.employees_max:
            template = crossed_template(rule)
            size = config.relevance["size_rule"]
            hits += [RuleHit(p, rule.id, size, "growth", template=template) for p in rule.products]
    return hits


def _eligible(facts: EligibilityFacts, code: str, catalogue: Catalogue) -> bool:
    # Only the product rules: the conduct rules (open claim, objection, care) are the contact
    # policy's to apply, with a why-not trace.
    pack, product = load_eligibility_rules(), catalogue.products[code]
    return all(
        CHECKS[spec.check](facts, product, pack)[0]
        for spec in pack.rules
        if spec.category == "product"
    )


def _timing(
    trigger: str, now: datetime, config: TriggerConfig, growth: tuple[str, datetime] | None
) -> tuple[str, datetime]:
    if trigger == "gap":
        return "low", now + timedelta(days=config.gap.respond_within_days)
    if trigger == "growth" and growth is not None:
        return growth
    return "high", now + timedelta(hours=config.industry_incident.respond_within_hours)


def _by_product(
    snapshot: CustomerSnapshot, hits: list[RuleHit], asked: list[str], catalogue: Catalogue
) -> dict[str, list[RuleHit]]:
    # The hits of each eligible product not already in the quote flow, in rule order.
    facts, eligible = eligibility_facts(snapshot), {}
    groups: dict[str, list[RuleHit]] = {}
    for hit in hits:
        if hit.product not in eligible:
            eligible[hit.product] = _eligible(facts, hit.product, catalogue)
        if eligible[hit.product] and hit.product not in asked:
            groups.setdefault(hit.product, []).append(hit)
    return groups


def _proposal(
    snapshot: CustomerSnapshot,
    group: list[RuleHit],
    label: str,
    config: TriggerConfig,
    growth_timing: tuple[str, datetime] | None,
) -> Proposal:
    # The event-driven hit first, then the most relevant (the first such in rule order) names
    # the trigger; the relevance is the strongest rule's, every rule supports it.
    kept = min(group, key=lambda h: (h.trigger_kind == "gap", -h.relevance))
    employees = snapshot.customer.employees
    evidence, reason = kept.evidence, kept.reason
    if evidence is None:
        evidence = rule_evidence(kept.rule, label, employees)
        reason = rule_reason(str(kept.template), kept.product, label, employees)
    urgency, due_by = _timing(kept.trigger_kind, snapshot.now, config, growth_timing)
    return Proposal(
        "incident_outreach" if kept.trigger_kind == "industry_incident" else "cross_sell",
        kept.product,
        kept.trigger_kind,
        evidence | {"supporting_rules": sorted({h.rule for h in group})},
        str(reason),
        due_by,
        urgency,
        max(h.relevance for h in group),
    )


def product_proposals(
    snapshot: CustomerSnapshot,
    growth: GrowthRow | None,
    growth_timing: tuple[str, datetime] | None,
    config: TriggerConfig,
    catalogue: Catalogue,
    pack: GapRulePack,
) -> list[Proposal]:
    """Return one proposal per product the customer's rules propose, by product code.

    Args:
        snapshot: The customer's rows.
        growth: The customer's growth row, or None when it did not grow.
        growth_timing: Urgency and deadline of the growth actions (None without growth).
        config: The trigger configuration.
        catalogue: The product catalogue.
        pack: The gaps rule pack.
    """
    customer = snapshot.customer
    label = industry_labels(catalogue).get(customer.industry_code, customer.industry_code)
    asked = quoted_products_of(snapshot, config, catalogue)
    hits = _standing(snapshot, config, pack, catalogue)
    if growth is not None:
        hits += _growth(snapshot, growth, config, pack, catalogue)
    hits += incident_hits(snapshot, label, config) + bundle_hits(asked, config, catalogue)
    groups = _by_product(snapshot, hits, asked, catalogue)
    return [
        _proposal(snapshot, groups[product], label, config, growth_timing)
        for product in sorted(groups)
    ]
