"""Build the drafter's input from the turn: cited product sheets and quoted figures only."""

from __future__ import annotations

import re
from collections.abc import Sequence

from copilot.drafting.formatting import price_range
from copilot.drafting.localised import localised_wording
from copilot.drafting.models import BundlePoint, DraftInput, ProductPoint, ReviewPoint
from copilot.drafting.templates import load_phrases
from copilot.drafting.why_now import product_name
from copilot.plan import Channel
from copilot.state import ContactFacts, CustomerFacts, Recommendation
from knowledge import Chunk
from tools.catalogue import load_catalogue
from tools.gaps import CoverageGaps
from tools.quote import Quote

_BULLET = re.compile(r"^\s*[-*]\s+(.+)$", re.MULTILINE)
_DIGIT = re.compile(r"\d")


def product_chunk(chunks: Sequence[Chunk], code: str, section_word: str) -> Chunk | None:
    """Return the product sheet passage of a product whose section names ``section_word``."""
    sheets = [c for c in chunks if c.type == "product" and code in c.products]
    for chunk in sheets:
        if section_word in chunk.section.lower():
            return chunk
    return None


def names_a_product(text: str) -> bool:
    """Return whether a text names a catalogue product (by name, CODE or "cyber")."""
    folded = text.casefold()
    for code, product in load_catalogue().products.items():
        if product.name.casefold() in folded or re.search(rf"\b{re.escape(code)}\b", text):
            return True
    return "cyber" in folded


def main_exclusion(chunk: Chunk) -> str | None:
    """Return the first listed exclusion with no figure and no other product named.

    Figures must come from tools, and a product named in passing would read as an offer.
    """
    for bullet in _BULLET.findall(chunk.text):
        text = bullet.strip()
        if not _DIGIT.search(text) and not names_a_product(text):
            return text if text.endswith(".") else f"{text}."
    return None


def _localised_point(
    code: str, chunks: Sequence[Chunk], price: str | None, language: str
) -> ProductPoint | None:
    wording = localised_wording(chunks, code, language)
    if wording is None:
        return None
    return ProductPoint(
        code=code,
        name=wording.name,
        description=wording.description,
        cite=wording.description_cite,
        exclusion=wording.exclusion,
        exclusion_cite=wording.exclusion_cite if wording.exclusion else None,
        price=price,
    )


def _product_point(
    code: str, chunks: Sequence[Chunk], price: str | None, language: str = "en"
) -> ProductPoint | None:
    """Return a product's point: its localised sheet wording, else the English catalogue's.

    Without a localised passage an English draft quotes the catalogue and the English sheet
    (cited as before); a draft in another language names the product in its language (the
    phrase book) and quotes nothing, since an English sentence would break its language (the
    gate's ``language.mixed``); its terms sentence still says the conditions decide.
    """
    localised = _localised_point(code, chunks, price, language)
    if localised is not None:
        return localised
    cover = product_chunk(chunks, code, "cover") or product_chunk(chunks, code, "")
    if cover is None:
        return None  # nothing retrieved to cite: the drafter does not talk about it
    if language != "en":  # English sheet wording in another language: named, not quoted
        return ProductPoint(
            code=code, name=product_name(code, language), description="", cite=cover.chunk_id,
            price=price,
        )  # fmt: skip
    product = load_catalogue().product(code)
    excluded = product_chunk(chunks, code, "exclusion")
    exclusion = main_exclusion(excluded) if excluded else None
    return ProductPoint(
        code=code,
        name=product_name(code, language),
        description=product.description,
        cite=cover.chunk_id,
        exclusion=exclusion,
        exclusion_cite=excluded.chunk_id if exclusion and excluded else None,
        price=price,
    )


def quoted_prices(quote: Quote | None, language: str) -> dict[str, str]:
    """Return the indicative annual premium range of each eligible quoted product."""
    if quote is None:
        return {}
    return {
        line.product: price_range(line.premium_low_eur, line.premium_high_eur, language)
        for line in quote.lines
        if line.eligible
    }


def quoted_bundle(
    quote: Quote | None, language: str, presented: Sequence[str]
) -> BundlePoint | None:
    """Return the quoted bundle price and saving when every part of it is presented."""
    bundle = quote.bundle if quote is not None else None
    if bundle is None or not set(bundle.products) <= set(presented):
        return None
    return BundlePoint(
        name=load_phrases(language).bundles.get(bundle.code, bundle.name),
        total=price_range(bundle.bundle_total_low_eur, bundle.bundle_total_high_eur, language),
        saving=price_range(bundle.saving_low_eur, bundle.saving_high_eur, language),
    )


def _review_point(code: str, chunks: Sequence[Chunk], language: str) -> ReviewPoint | None:
    sheet = product_chunk(chunks, code, "")
    if sheet is None:
        return None
    return ReviewPoint(code=code, name=product_name(code, language), cite=sheet.chunk_id)


def build_draft_input(
    *,
    channel: Channel,
    language: str,
    customer: CustomerFacts,
    insurer: str,
    products: list[str],
    chunks: Sequence[Chunk],
    quote: Quote | None,
    sales_allowed: bool,
    reviews: Sequence[str] = (),
    notes: list[str] | None = None,
    recipient: ContactFacts | None = None,
    why: Sequence[str] = (),
    coverage_score: int | None = None,
) -> DraftInput:
    """Assemble what the drafter may say.

    When sales contact is not allowed (care, objection, contact policy) the draft names no
    product, no price and no sales note: it is an invitation to a cover review. The
    recipient is greeted by first name (else neutrally); ``why`` are the why-now sentences
    already in the language (copilot/drafting/why_now.py).
    """
    first_name = recipient.first_name if recipient is not None else None
    if not sales_allowed:
        return DraftInput(
            channel=channel,
            language=language,
            customer_name=customer.name,
            recipient_first_name=first_name,
            insurer=insurer,
            why_now=[s for s in why if s],
            sales_allowed=False,
        )
    prices = quoted_prices(quote, language)
    points = [
        p for p in (_product_point(c, chunks, prices.get(c), language) for c in products) if p
    ]
    held = [
        r for r in (_review_point(c, chunks, language) for c in reviews if c not in products) if r
    ]
    return DraftInput(
        channel=channel,
        language=language,
        customer_name=customer.name,
        recipient_first_name=first_name,
        why_now=list(why),
        coverage_score=coverage_score,
        insurer=insurer,
        products=points,
        reviews=held,
        bundle=quoted_bundle(quote, language, [p.code for p in points if p.price]),
        sales_allowed=True,
        notes=notes or [],
    )


def advisor_notes(recommendations: Sequence[Recommendation]) -> list[str]:
    """Return the reasons behind the recommendations, for talking points and call scripts."""
    return [f"{r.product}: {reason}" for r in recommendations for reason in r.reasons[:1]]


GAP_NOTES = 3
"""Gaps listed in talking points that explain a customer's gaps."""


def gap_notes(coverage_gaps: CoverageGaps | None, language: str = "en") -> list[str]:
    """Return the top gaps with why each matters, in the draft's language.

    English quotes the gaps tool's reasons (figures as the tool wrote them); another
    language names the product and the kind of gap in its own words (no figures).
    """
    gaps = coverage_gaps.gaps[:GAP_NOTES] if coverage_gaps is not None else []
    if language == "en":
        return [f"{gap.product_name}: {gap.reason}" for gap in gaps]
    why = load_phrases(language).gaps
    return [f"{product_name(gap.product, language)}: {why[gap.kind]}" for gap in gaps]
