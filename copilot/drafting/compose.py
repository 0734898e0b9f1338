"""Render a draft from a template and decided facts: compliant by construction.

Every sentence comes from a versioned template; the only variable parts are the customer's
name, the insurer, catalogue descriptions, product-sheet exclusions with their chunk ids and
figures copied from the quote tool. The marketing label, "indicative, not an offer", the
bundle's separate prices, the insurer that carries the risk and the opt-out notice are always
written.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from copilot.drafting.models import DraftInput, ProductPoint
from copilot.drafting.templates import DraftTemplate, load_template
from prompts.registry import PromptRef


class ComposedDraft(BaseModel):
    """A rendered offline draft."""

    subject: str | None = Field(None, description="Subject line (emails).")
    body: str = Field(description="Message text.")
    language: str = Field(description="Language actually written.")
    citations: list[str] = Field(description="Chunk ids cited, in order of first use.")
    template: PromptRef = Field(description="Template id, version and hash.")


def _product_lines(
    template: DraftTemplate, point: ProductPoint, insurer: str, bundled: bool
) -> list[str]:
    """Return the lines of one product: cover (or its separate price in a bundle), exclusion.

    In a bundle each part's separate price stands next to its name (the gate wants a price
    beside every part named), so the cover description, which may name other covers, is
    left to the cited product sheet.
    """
    if bundled and point.price:
        priced = template.product_priced.format(name=point.name, price=point.price, cite=point.cite)
        lines = [priced]
    else:
        lines = [
            template.product.format(name=point.name, description=point.description, cite=point.cite)
        ]
    if point.exclusion and point.exclusion_cite:
        lines.append(
            template.exclusion.format(exclusion=point.exclusion, cite=point.exclusion_cite)
        )
    if point.price and not bundled:
        lines.append(template.price.format(price=point.price, insurer=insurer))
    return lines


def _citations(draft: DraftInput) -> list[str]:
    """Return the chunk ids the draft cites, without duplicates."""
    ids = [point.cite for point in draft.products] + [review.cite for review in draft.reviews]
    ids += [point.exclusion_cite for point in draft.products if point.exclusion_cite]
    return list(dict.fromkeys(ids))


def compose_draft(draft: DraftInput) -> ComposedDraft:
    """Render a draft in the customer's language when a template exists (else English).

    Args:
        draft: The decided facts: products with citations and quoted prices.

    Returns:
        Subject, body, citations and the template identity.
    """
    template = load_template(draft.channel, draft.language)
    names = ", ".join(point.name for point in draft.products)
    lines = [
        template.marketing.format(insurer=draft.insurer),
        "",
        template.greeting.format(customer=draft.customer_name),
        "",
        template.intro_sales
        if draft.sales_allowed and (draft.products or draft.notes)
        else template.intro_review,
    ]
    lines += [template.note.format(note=note) for note in draft.notes]
    bundled = draft.bundle is not None and draft.sales_allowed
    if not bundled:  # in a bundle every product named needs its price beside it
        lines += [template.review.format(name=r.name, cite=r.cite) for r in draft.reviews]
    for point in draft.products:
        lines += _product_lines(template, point, draft.insurer, bundled)
    if draft.bundle and bundled:
        lines.append(
            template.bundle.format(
                name=draft.bundle.name, total=draft.bundle.total, saving=draft.bundle.saving or ""
            )
        )
    lines += ["", template.closing, "", template.insurer_line.format(insurer=draft.insurer)]
    lines += [template.opt_out, "", template.signoff.format(insurer=draft.insurer)]
    subject = (
        template.subject.format(products=names, insurer=draft.insurer) if template.subject else None
    )
    return ComposedDraft(
        subject=subject,
        body="\n".join(lines).strip(),
        language=template.language,
        citations=_citations(draft),
        template=template.ref,
    )
