"""Build the drafter's input from the turn: cited product sheets and quoted figures only."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from copilot.drafting.models import BundlePoint, DraftInput, ProductPoint
from copilot.plan import Channel
from copilot.state import CustomerFacts, Recommendation
from knowledge import Chunk
from tools.catalogue import load_catalogue

_BULLET = re.compile(r"^\s*[-*]\s+(.+)$", re.MULTILINE)
_DIGIT = re.compile(r"\d")


def product_chunk(chunks: Sequence[Chunk], code: str, section_word: str) -> Chunk | None:
    """Return the product sheet passage of a product whose section names ``section_word``."""
    sheets = [c for c in chunks if c.type == "product" and code in c.products]
    for chunk in sheets:
        if section_word in chunk.section.lower():
            return chunk
    return None


def main_exclusion(chunk: Chunk) -> str | None:
    """Return the first listed exclusion without figures (figures must come from tools)."""
    for bullet in _BULLET.findall(chunk.text):
        text = bullet.strip()
        if not _DIGIT.search(text):
            return text if text.endswith(".") else f"{text}."
    return None


def format_eur(amount: float) -> str:
    """Format a euro amount exactly as a tool produced it (no rounding beyond cents)."""
    whole = round(amount)
    return f"EUR {whole:,}" if abs(amount - whole) < 0.005 else f"EUR {amount:,.2f}"


def _product_point(code: str, chunks: Sequence[Chunk], price: float | None) -> ProductPoint | None:
    cover = product_chunk(chunks, code, "cover") or product_chunk(chunks, code, "")
    if cover is None:
        return None  # nothing retrieved to cite: the drafter does not talk about it
    product = load_catalogue().product(code)
    excluded = product_chunk(chunks, code, "exclusion")
    exclusion = main_exclusion(excluded) if excluded else None
    return ProductPoint(
        code=code,
        name=product.name,
        description=product.description,
        cite=cover.chunk_id,
        exclusion=exclusion,
        exclusion_cite=excluded.chunk_id if exclusion and excluded else None,
        price=format_eur(price) if price is not None else None,
    )


def quoted_prices(quote: dict[str, Any] | None) -> dict[str, float]:
    """Return the indicative annual premium per product from the quote tool's output."""
    if not quote:
        return {}
    return {line["product"]: float(line["annual_premium_eur"]) for line in quote.get("lines", [])}


def quoted_bundle(quote: dict[str, Any] | None) -> BundlePoint | None:
    """Return the bundle price from the quote tool's output, if it priced one."""
    bundle = (quote or {}).get("bundle")
    if not bundle:
        return None
    return BundlePoint(
        name=bundle["name"],
        total=format_eur(bundle["total_eur"]),
        saving=format_eur(bundle["saving_eur"]) if bundle.get("saving_eur") else None,
    )


def build_draft_input(
    *,
    channel: Channel,
    language: str,
    customer: CustomerFacts,
    insurer: str,
    products: list[str],
    chunks: Sequence[Chunk],
    facts: dict[str, Any],
    sales_allowed: bool,
    notes: list[str] | None = None,
) -> DraftInput:
    """Assemble what the drafter may say; prices only when sales contact is allowed."""
    prices = quoted_prices(facts.get("quote")) if sales_allowed else {}
    points = [_product_point(code, chunks, prices.get(code)) for code in products]
    return DraftInput(
        channel=channel,
        language=language,
        customer_name=customer.name,
        insurer=insurer,
        products=[p for p in points if p is not None],
        bundle=quoted_bundle(facts.get("quote")) if sales_allowed else None,
        sales_allowed=sales_allowed,
        notes=notes or [],
    )


def advisor_notes(recommendations: Sequence[Recommendation]) -> list[str]:
    """Return the reasons behind the recommendations, for talking points and call scripts."""
    return [f"{r.product}: {reason}" for r in recommendations for reason in r.reasons[:1]]
