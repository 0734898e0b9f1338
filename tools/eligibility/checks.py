"""The checks an eligibility rule can run: plain predicates on a customer's values (no I/O).

Each check returns ``(passed, detail)``; the detail states the figures compared, so an
advisor or compliance officer sees why. The batch path can run the same comparisons
column-wise: each is a membership test or a bound on one column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tools.catalogue.loader import Product
from tools.eligibility.pack import EligibilityRulePack


@dataclass(frozen=True)
class EligibilityFacts:
    """The plain values the eligibility rules read."""

    industry: str
    country: str
    employees: int
    turnover_eur: int
    held: frozenset[str]
    open_claims: int
    objection_to_marketing: bool
    care_flag: bool
    quoted_with: frozenset[str] = frozenset()


Outcome = tuple[bool, str]
Check = Callable[[EligibilityFacts, Product, EligibilityRulePack], Outcome]


def industry_in_target_market(f: EligibilityFacts, p: Product, _: EligibilityRulePack) -> Outcome:
    """Pass when the customer's industry is in the product's target market."""
    market = p.target_market.industries
    shown = "every industry" if "*" in market else ", ".join(market)
    return p.target_market.covers_industry(f.industry), f"industry {f.industry}; target: {shown}"


def country_available(f: EligibilityFacts, p: Product, pack: EligibilityRulePack) -> Outcome:
    """Pass when the product is sold in the customer's country."""
    countries = pack.availability.countries(p.code)
    return f.country in countries, f"country {f.country}; sold in {', '.join(countries)}"


def employees_in_target_market(f: EligibilityFacts, p: Product, _: EligibilityRulePack) -> Outcome:
    """Pass when the headcount is within the product's target-market bounds."""
    low, high = p.target_market.employees_min, p.target_market.employees_max
    return low <= f.employees <= high, f"{f.employees} employees; target {low}-{high}"


def turnover_in_target_market(f: EligibilityFacts, p: Product, _: EligibilityRulePack) -> Outcome:
    """Pass when the turnover is within the product's target-market bounds."""
    low, high = p.target_market.turnover_min_eur, p.target_market.turnover_max_eur
    detail = f"turnover EUR {f.turnover_eur:,}; target EUR {low:,}-{high:,}"
    return low <= f.turnover_eur <= high, detail


def industry_not_excluded(f: EligibilityFacts, p: Product, pack: EligibilityRulePack) -> Outcome:
    """Pass when the customer's industry is not excluded from the product."""
    excluded = pack.excluded_industries.get(p.code, [])
    shown = ", ".join(excluded) or "none"
    return f.industry not in excluded, f"industry {f.industry}; excluded: {shown}"


def prerequisites_held(f: EligibilityFacts, p: Product, _: EligibilityRulePack) -> Outcome:
    """Pass when every prerequisite product is held or quoted together with this one."""
    if not p.requires:
        return True, "no prerequisite"
    missing = [code for code in p.requires if code not in f.held | f.quoted_with]
    if missing:
        return False, f"requires {', '.join(p.requires)}; not held: {', '.join(missing)}"
    return True, f"requires {', '.join(p.requires)}; held or quoted together"


def not_already_held(f: EligibilityFacts, p: Product, _: EligibilityRulePack) -> Outcome:
    """Pass when the customer has no policy of this product in force."""
    held = p.code in f.held
    return not held, f"{p.code} {'already held' if held else 'not held'}"


def no_open_claim(f: EligibilityFacts, _p: Product, _: EligibilityRulePack) -> Outcome:
    """Pass when no claim is open."""
    return f.open_claims == 0, f"{f.open_claims} open claim(s)"


def no_objection_to_marketing(f: EligibilityFacts, _p: Product, _: EligibilityRulePack) -> Outcome:
    """Pass when the customer has not objected to direct marketing."""
    objected = f.objection_to_marketing
    return not objected, "objected to direct marketing" if objected else "no objection recorded"


def no_care_flag(f: EligibilityFacts, _p: Product, _: EligibilityRulePack) -> Outcome:
    """Pass when the customer is not flagged for care."""
    return not f.care_flag, "care flag set" if f.care_flag else "no care flag"


CHECKS: dict[str, Check] = {
    check.__name__: check
    for check in (
        industry_in_target_market,
        country_available,
        employees_in_target_market,
        turnover_in_target_market,
        industry_not_excluded,
        prerequisites_held,
        not_already_held,
        no_open_claim,
        no_objection_to_marketing,
        no_care_flag,
    )
}
"""Every check a rule pack may name, by function name."""
