"""The ``check_eligibility`` tool: evaluate a product's rule pack for one customer."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from tools.book.clock import resolve_now
from tools.catalogue.loader import Product, load_catalogue
from tools.contactability import contactability
from tools.eligibility.checks import CHECKS, EligibilityFacts
from tools.eligibility.models import Eligibility, RuleResult
from tools.eligibility.pack import EligibilityRulePack, load_eligibility_rules
from tools.foundation.clock import Moment
from tools.snapshot import CustomerSnapshot, load_snapshot


def evaluate_rules(
    facts: EligibilityFacts, product: Product, pack: EligibilityRulePack
) -> list[RuleResult]:
    """Return the outcome of every rule of the pack for one product (pure: no I/O)."""
    results = []
    for spec in pack.rules:
        passed, detail = CHECKS[spec.check](facts, product, pack)
        results.append(
            RuleResult(
                rule_id=spec.id,
                description=spec.description,
                category=spec.category,
                passed=passed,
                detail=detail,
            )
        )
    return results


def eligibility_facts(
    records: CustomerSnapshot, quoted_with: Iterable[str] = ()
) -> EligibilityFacts:
    """Return the plain values the rules read, from a customer's records."""
    customer = records.customer
    reach = contactability(customer)
    return EligibilityFacts(
        industry=customer.industry_code,
        country=customer.country,
        employees=customer.employees,
        turnover_eur=customer.turnover_eur,
        held=frozenset(records.held_products),
        open_claims=len(records.open_claims),
        objection_to_marketing=reach.objection_to_marketing,
        care_flag=reach.care_flag,
        quoted_with=frozenset(code.upper() for code in quoted_with),
    )


def eligibility_of(
    records: CustomerSnapshot, product: Product, facts: EligibilityFacts
) -> Eligibility:
    """Return the eligibility verdict of one product from already-loaded records."""
    pack = load_eligibility_rules()
    results = evaluate_rules(facts, product, pack)
    failed = [r.rule_id for r in results if not r.passed]
    return Eligibility(
        customer_id=records.customer.id,
        product=product.code,
        product_name=product.name,
        as_of=records.now,
        eligible=not failed,
        rules=results,
        failed=failed,
        rule_pack_version=pack.version,
        catalogue_version=load_catalogue().version,
    )


def check_eligibility(
    session: Session,
    customer_id: str,
    product: str,
    *,
    now: Moment = None,
    quoted_with: Iterable[str] = (),
) -> Eligibility:
    """Check whether a customer may be offered a product, rule by rule.

    Evaluates the versioned rule pack: target market (industry, headcount, turnover),
    country availability, excluded industries, prerequisites (e.g. general liability under
    product liability), already held, open claim, objection to marketing and care flag.
    Eligible only when every rule passes; every rule is returned with its figures.

    Args:
        session: a session on the book of business.
        customer_id: the customer's id (already resolved).
        product: the product code, e.g. ``CYBER`` (case-insensitive).
        now: the moment to evaluate (date, datetime or ISO string); default the book's as-of.
        quoted_with: other product codes bought together, which satisfy prerequisites.

    Returns:
        The verdict, every rule's outcome and the rule-pack version.

    Raises:
        UnknownCustomer: no customer has this id.
        UnknownProduct: the product code is not in the catalogue.
        InvalidDate: ``now`` is not a readable date.
    """
    catalogue = load_catalogue()
    item = catalogue.product(product)
    for code in quoted_with:
        catalogue.product(code)
    records = load_snapshot(session, customer_id, resolve_now(session, now))
    return eligibility_of(records, item, eligibility_facts(records, quoted_with))
