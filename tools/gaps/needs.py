"""Evaluate the rule-based expected covers of one customer from plain values (no I/O).

The batch path evaluates the same rules column-wise: every rule is a membership test or a
threshold on a firmographic or growth figure, read from ``rules.yaml`` and the catalogue.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from tools.catalogue.loader import Catalogue, Product
from tools.gaps.models import GapKind, GapReason
from tools.gaps.pack import GapRulePack, MetricRule
from tools.growth.trends import GrowthTrends


@dataclass(frozen=True)
class NeedFacts:
    """The plain values the rule-based gap rules read."""

    industry: str
    country: str
    employees: int
    turnover_eur: int
    held: frozenset[str]
    trends: GrowthTrends


Findings = dict[str, list[GapReason]]


def in_target_market(product: Product, industry: str, employees: int, turnover: int) -> bool:
    """Return whether a customer is in a product's target market (industry, size, turnover)."""
    market = product.target_market
    return (
        market.covers_industry(industry)
        and market.employees_min <= employees <= market.employees_max
        and market.turnover_min_eur <= turnover <= market.turnover_max_eur
    )


def industry_words(label: str) -> str:
    """Return an industry label for use mid-sentence (``Retail trade`` -> ``retail trade``)."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def _industry_findings(facts: NeedFacts, catalogue: Catalogue, pack: GapRulePack) -> Findings:
    found: Findings = defaultdict(list)
    industry = catalogue.industries[facts.industry]
    words = industry_words(industry.label)
    key_covers = pack.industry_key_covers.get(facts.industry, [])
    for code in key_covers:
        found[code].append(
            GapReason(
                kind="industry_standard",
                rule_id="industry_key_covers",
                reason=f"key cover for {words} companies (seed industry rule)",
                evidence={"industry": facts.industry, "key_covers": list(key_covers)},
            )
        )
    for code in industry.standard_covers:
        if code in found:
            continue
        found[code].append(
            GapReason(
                kind="industry_standard",
                rule_id="industry_standard_covers",
                reason=f"standard cover for {words} companies",
                evidence={"industry": facts.industry, "standard_covers": industry.standard_covers},
            )
        )
    return found


def _mandatory_findings(facts: NeedFacts, catalogue: Catalogue) -> Findings:
    found: Findings = defaultdict(list)
    country = str(catalogue.countries.get(facts.country, {}).get("name", facts.country))
    for code, product in catalogue.products.items():
        if facts.country in product.mandatory_in:
            found[code].append(
                GapReason(
                    kind="mandatory",
                    rule_id="catalogue_mandatory_in",
                    reason=f"statutory for employers in {country}",
                    evidence={"country": facts.country, "mandatory_in": product.mandatory_in},
                )
            )
    return found


def _size_findings(facts: NeedFacts, pack: GapRulePack) -> Findings:
    found: Findings = defaultdict(list)
    for rule in pack.size_rules:
        if not rule.applies(facts.employees, facts.held):
            continue
        for code in rule.products:
            found[code].append(
                GapReason(
                    kind="size_rule",
                    rule_id=rule.id,
                    reason=rule.reason.format(employees=facts.employees),
                    evidence={"employees": facts.employees, "rule": rule.model_dump()},
                )
            )
    return found


def metric_findings(
    rules: list[MetricRule], trends: GrowthTrends, kind: GapKind = "growth_rule"
) -> Findings:
    """Return the findings of growth-metric rules, by product.

    Args:
        rules: the growth or limit-review rules of the pack.
        trends: the customer's growth signals.
        kind: ``growth_rule`` for new covers, ``inadequate_limit`` for held limits.
    """
    found: Findings = defaultdict(list)
    for rule in rules:
        observed = trends.metric(rule.metric)
        if observed is None or not observed[0] > rule.above:
            continue
        value, low, high = observed
        text = rule.reason.format(value=value, from_value=low, to_value=high)
        evidence = {"metric": rule.metric, "value": value, "from": low, "to": high}
        for code in rule.products:
            found[code].append(
                GapReason(
                    kind=kind,
                    rule_id=rule.id,
                    reason=text,
                    evidence={**evidence, "threshold": rule.above},
                )
            )
    return found


def merge(*parts: Findings) -> Findings:
    """Merge findings by product, keeping every reason."""
    merged: Findings = defaultdict(list)
    for part in parts:
        for code, reasons in part.items():
            merged[code].extend(reasons)
    return dict(merged)


def expected_covers(facts: NeedFacts, catalogue: Catalogue, pack: GapRulePack) -> Findings:
    """Return every cover the rules expect, held or not, restricted to its target market.

    The rules: the industry's key and standard covers, statutory covers of the country,
    the headcount rules and the growth rules of the pack.
    """
    findings = merge(
        _mandatory_findings(facts, catalogue),
        _industry_findings(facts, catalogue, pack),
        _size_findings(facts, pack),
        metric_findings(pack.growth_rules, facts.trends),
    )
    return {
        code: reasons
        for code, reasons in findings.items()
        if in_target_market(
            catalogue.products[code], facts.industry, facts.employees, facts.turnover_eur
        )
    }
