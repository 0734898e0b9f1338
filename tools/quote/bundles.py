"""Apply the catalogue's bundle discounts to quoted lines (pure: no I/O)."""

from __future__ import annotations

from tools.catalogue.loader import Bundle
from tools.quote.models import BundlePart, BundleQuote, QuoteLine
from tools.quote.table import RatingTable

SEPARATELY = (
    "Each part can be bought separately at the price shown for it; the discount applies"
    " only when they are bought together."
)


def bundle_quote(bundle: Bundle, lines: list[QuoteLine], table: RatingTable) -> BundleQuote | None:
    """Return the bundle price over the eligible quoted lines it contains, or None if too few.

    Totals are computed from the rounded line prices, so separate total - bundle total =
    saving holds exactly for every figure shown.
    """
    parts = [line for line in lines if line.eligible and line.product in bundle.products]
    if len(parts) < bundle.min_products:
        return None
    low = sum(line.premium_low_eur for line in parts)
    high = sum(line.premium_high_eur for line in parts)
    keep = 1 - bundle.discount_pct / 100
    bundle_low, bundle_high = table.round_eur(low * keep), table.round_eur(high * keep)
    return BundleQuote(
        code=bundle.code,
        name=bundle.name,
        products=[line.product for line in parts],
        parts=[
            BundlePart(
                product=line.product,
                separate_low_eur=line.premium_low_eur,
                separate_high_eur=line.premium_high_eur,
            )
            for line in parts
        ],
        discount_pct=bundle.discount_pct,
        separate_total_low_eur=low,
        separate_total_high_eur=high,
        bundle_total_low_eur=bundle_low,
        bundle_total_high_eur=bundle_high,
        saving_low_eur=low - bundle_low,
        saving_high_eur=high - bundle_high,
        note=SEPARATELY,
    )


def best_bundle(
    bundles: list[Bundle], lines: list[QuoteLine], table: RatingTable
) -> BundleQuote | None:
    """Return the bundle that saves the most on these lines (ties: catalogue order), if any."""
    offers = [q for q in (bundle_quote(b, lines, table) for b in bundles) if q is not None]
    if not offers:
        return None
    return max(offers, key=lambda q: (q.saving_high_eur, -offers.index(q)))
