"""The ``quote`` tool: indicative annual premiums per product, with any bundle discount."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from tools.book.clock import resolve_now
from tools.catalogue.loader import Catalogue, Product, load_catalogue
from tools.eligibility.engine import eligibility_facts, eligibility_of
from tools.eligibility.pack import load_eligibility_rules
from tools.foundation.clock import Moment
from tools.quote.bundles import best_bundle
from tools.quote.models import NothingToQuote, Quote, QuoteLine
from tools.quote.rating import Exposure, RatingFacts, expected_claims, rate_product
from tools.quote.table import RatingTable, load_rating_table
from tools.snapshot import CustomerSnapshot, load_snapshot


def rating_facts(
    records: CustomerSnapshot, catalogue: Catalogue, table: RatingTable
) -> RatingFacts:
    """Return the plain values the rating table reads, from a customer's records."""
    customer, today = records.customer, records.now.date()
    risk = catalogue.industries[customer.industry_code].risk
    window_start = today - timedelta(days=round(365.25 * table.claims_experience.window_years))
    exposures = [Exposure(p.product_code, p.start_date, p.end_date) for p in records.policies]
    return RatingFacts(
        industry=customer.industry_code,
        industry_risk=risk,
        country=customer.country,
        employees=customer.employees,
        size_band=catalogue.size_band(customer.employees),
        claims_observed=sum(
            1 for c in records.claims if c.status != "rejected" and c.claim_date >= window_start
        ),
        claims_expected=expected_claims(exposures, today, customer.employees, risk, table),
    )


def _requested(products: list[str] | str, catalogue: Catalogue) -> list[Product]:
    if isinstance(products, str):  # a lone code, not its letters
        products = [products]
    if not products:
        raise NothingToQuote()
    chosen = [catalogue.product(code) for code in products]
    return list({p.code: p for p in chosen}.values())


def quote(
    session: Session, customer_id: str, products: list[str] | str, *, now: Moment = None
) -> Quote:
    """Quote indicative annual premiums for products, with the bundle price where one applies.

    Each line is priced on its own from the rating table (size band, industry risk, country,
    claims experience against the tariff) as a range rounded to EUR 10, with every factor
    and the customer's eligibility. When eligible lines make up a catalogue bundle (e.g.
    GL + PI + CYBER, 15% off), the bundle price is shown next to each part's separate price.
    Indicative, not an offer: underwriting sets the price.

    Args:
        session: a session on the book of business.
        customer_id: the customer's id (already resolved); prospects can be quoted.
        products: product codes, e.g. ``["PI", "GL", "CYBER"]`` (duplicates ignored; a
            single code string is read as one product).
        now: the moment to quote for (date, datetime or ISO string); default the book's as-of.

    Returns:
        One line per product, the bundle (if any), totals of the eligible lines and the
        table versions.

    Raises:
        UnknownCustomer: no customer has this id.
        UnknownProduct: a product code is not in the catalogue.
        NothingToQuote: no product code was given.
        InvalidDate: ``now`` is not a readable date.
    """
    _requested(products, load_catalogue())  # bad codes are refused before any I/O
    return quote_of(load_snapshot(session, customer_id, resolve_now(session, now)), products)


def quote_of(records: CustomerSnapshot, products: list[str] | str) -> Quote:
    """Return the ``quote`` of products for a customer snapshot (no I/O: the turn's path).

    Raises:
        UnknownProduct: a product code is not in the catalogue.
        NothingToQuote: no product code was given.
    """
    catalogue, table = load_catalogue(), load_rating_table()
    chosen = _requested(products, catalogue)
    facts = rating_facts(records, catalogue, table)
    codes = [p.code for p in chosen]
    lines = [_line(records, product, facts, codes, table) for product in chosen]
    bundle = best_bundle(list(catalogue.bundles.values()), lines, table)
    buyable = [line for line in lines if line.eligible]
    low = sum(line.premium_low_eur for line in buyable)
    high = sum(line.premium_high_eur for line in buyable)
    if bundle is not None:
        low -= bundle.saving_low_eur
        high -= bundle.saving_high_eur
    return Quote(
        customer_id=records.customer.id,
        customer_name=records.customer.name,
        as_of=records.now,
        lines=lines,
        bundle=bundle,
        total_low_eur=low,
        total_high_eur=high,
        label="indicative, not an offer",
        currency="EUR",
        rating_table_version=table.version,
        eligibility_rule_pack_version=load_eligibility_rules().version,
        catalogue_version=catalogue.version,
    )


def _line(
    records: CustomerSnapshot,
    product: Product,
    facts: RatingFacts,
    codes: list[str],
    table: RatingTable,
) -> QuoteLine:
    others = [code for code in codes if code != product.code]
    verdict = eligibility_of(records, product, eligibility_facts(records, others))
    low, high, factors = rate_product(product, facts, table)
    return QuoteLine(
        product=product.code,
        product_name=product.name,
        premium_low_eur=low,
        premium_high_eur=high,
        factors=factors,
        eligible=verdict.eligible,
        failed_rules=verdict.failed,
    )
