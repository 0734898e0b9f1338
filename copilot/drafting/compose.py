"""Render a draft from a template and decided facts: compliant by construction.

Every sentence comes from a versioned template or phrase book; the only variable parts are
the recipient's first name, the customer's and insurer's names, product wording with its
chunk ids, why-now sentences and figures copied from the tools. The marketing label,
"indicative, not an offer", the bundle's separate prices, the insurer that carries the risk
and the opt-out notice are always written; a draft over its channel's limit
(copilot/drafting/formats.py) drops optional detail, least needed first, until it fits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, Field

from copilot.citations import CITATION
from copilot.drafting.formats import within_limits
from copilot.drafting.models import DraftInput, ProductPoint
from copilot.drafting.templates import DraftTemplate, load_template
from copilot.drafting.why_now import coverage_sentence
from prompts.registry import PromptRef

_TRAILING_MARKS = re.compile(rf"(?:\s*{CITATION.pattern})+$")


class ComposedDraft(BaseModel):
    """A rendered offline draft."""

    subject: str | None = Field(None, description="Subject line (emails).")
    body: str = Field(description="Message text.")
    language: str = Field(description="Language actually written.")
    citations: list[str] = Field(description="Chunk ids cited, in order of first use.")
    template: PromptRef = Field(description="Template id, version and hash.")


class Detail(BaseModel):
    """How much optional detail a rendering carries (the limits may ask for less)."""

    coverage: bool = Field(True, description="State the coverage score.")
    descriptions: int = Field(99, description="Products whose cover is described, best first.")
    exclusions: int = Field(99, description="Products whose main exclusion is stated.")
    bundle: bool = Field(True, description="State the bundle price.")
    prices: bool = Field(True, description="State each product's indicative price.")
    reasons: int = Field(99, description="Why-now sentences kept.")
    notes: int = Field(99, description="Advisor notes kept (talking points).")


_SHORTER: tuple[dict[str, bool | int], ...] = (
    {"notes": 2},
    {"notes": 1},
    {"descriptions": 1},
    {"notes": 0},
    {"exclusions": 1},
    {"descriptions": 0},
    {"coverage": False},
    {"exclusions": 0},
    {"bundle": False},
    {"prices": False},
    {"reasons": 2},
    {"reasons": 1},
)


def _detail_steps() -> tuple[Detail, ...]:
    steps = [Detail()]
    for change in _SHORTER:
        steps.append(steps[-1].model_copy(update=change))
    return tuple(steps)


DETAIL_STEPS: tuple[Detail, ...] = _detail_steps()
"""Renderings from the fullest to the shortest; the first within the limits is used."""


def _product_lines(
    template: DraftTemplate, point: ProductPoint, bundled: bool, index: int, detail: Detail
) -> list[str]:
    """Return the lines of one product: cover (or its separate price in a bundle), exclusion.

    In a bundle each part's separate price stands next to its name (the gate wants a price
    beside every part named), so the cover description, which may name other covers, is
    left to the cited product sheet.
    """
    if bundled and point.price:
        lines = [
            template.product_priced.format(name=point.name, price=point.price, cite=point.cite)
        ]
    elif index < detail.descriptions and point.description:
        lines = [
            template.product.format(name=point.name, description=point.description, cite=point.cite)
        ]
    else:
        lines = [template.product_short.format(name=point.name, cite=point.cite)]
    if point.exclusion and point.exclusion_cite and index < detail.exclusions:
        lines.append(
            template.exclusion.format(exclusion=point.exclusion, cite=point.exclusion_cite)
        )
    if point.price and not bundled and detail.prices:
        lines.append(template.price.format(price=point.price))
    return lines


def _citations(draft: DraftInput, body: str) -> list[str]:
    """Return the chunk ids the body cites, in the order of the facts, without duplicates."""
    ids = [point.cite for point in draft.products] + [review.cite for review in draft.reviews]
    ids += [point.exclusion_cite for point in draft.products if point.exclusion_cite]
    return [cid for cid in dict.fromkeys(ids) if f"[{cid}]" in body]


class _Parts(BaseModel):
    """The rendered pieces of one draft, before a channel lays them out."""

    greeting: str
    why: str | None
    intro: str
    items: list[list[str]]
    priced: bool
    cta: str


def _parts(template: DraftTemplate, draft: DraftInput, detail: Detail) -> _Parts:
    first = draft.recipient_first_name
    fields = {"first_name": first, "customer": draft.customer_name, "insurer": draft.insurer}
    greeting = (template.greeting if first else template.greeting_neutral).format(**fields)
    sentences = draft.why_now[: detail.reasons]
    selling = draft.sales_allowed and bool(draft.products or draft.reviews or draft.notes)
    if selling and detail.coverage and draft.coverage_score is not None:
        sentences = [*sentences, coverage_sentence(draft.coverage_score, template.language)]
    why = template.why.format(why=" ".join(sentences)) if sentences else None
    bundled = selling and draft.bundle is not None and detail.bundle
    items: list[list[str]] = []
    if selling and not bundled:  # in a bundle every product named needs its price beside it
        items += [[template.review.format(name=r.name, cite=r.cite)] for r in draft.reviews]
    if selling:
        for index, point in enumerate(draft.products):
            items.append(_product_lines(template, point, bundled, index, detail))
    if bundled and draft.bundle is not None:
        bundle = draft.bundle
        line = template.bundle.format(
            name=bundle.name, total=bundle.total, saving=bundle.saving or ""
        )
        items.append([line])
    if not bundled:  # a note names products, each of which would need its price beside it
        items += [[template.note.format(note=note)] for note in draft.notes[: detail.notes]]
    priced = selling and any(p.price for p in draft.products) and (detail.prices or bundled)
    if not selling:
        cta = template.cta_review
    elif priced and template.cta_quote:
        cta = template.cta_quote
    else:
        cta = template.cta
    return _Parts(
        greeting=greeting,
        why=why,
        intro=template.intro_sales if selling else template.intro_review,
        items=items,
        priced=priced,
        cta=cta,
    )


def _written(template: DraftTemplate, draft: DraftInput, parts: _Parts) -> Iterator[str]:
    """Yield the lines of an email or portal message."""
    yield template.marketing.format(insurer=draft.insurer)
    yield ""
    yield parts.greeting
    yield ""
    if parts.why:
        yield parts.why
        yield ""
    yield parts.intro
    for item in parts.items:
        yield from item
    if parts.priced:
        yield template.price_note
    yield ""
    yield parts.cta
    yield ""
    yield f"{template.terms} {template.insurer_line.format(insurer=draft.insurer)}"
    yield template.opt_out
    yield ""
    yield template.signoff.format(insurer=draft.insurer)


def _call_script(template: DraftTemplate, draft: DraftInput, parts: _Parts) -> Iterator[str]:
    """Yield the labelled steps of a call script: opening to next step."""
    label = template.sections
    purpose = template.marketing.format(insurer=draft.insurer)
    yield f"[{label['opening']}] {parts.greeting} {purpose}"
    yield f"[{label['permission']}] {template.permission or ''}".rstrip()
    yield f"[{label['need']}] {parts.why or template.intro_review}"
    proposal = parts.intro if parts.items else ""
    yield f"[{label['proposal']}] {proposal}".rstrip()
    for item in parts.items:
        yield from item
    if parts.priced:
        yield f"  {template.price_note}"
    yield f"  {template.terms} {template.insurer_line.format(insurer=draft.insurer)}"
    yield f"[{label['objection']}] {template.opt_out}"
    yield f"[{label['next_step']}] {parts.cta} {template.signoff}"


def _sentence(line: str) -> str:
    """Return a line that ends its sentence, before any trailing citation markers.

    Talking points join a product's lines into one bullet, so "price [cite]" followed by
    "Main exclusion: ..." needs a full stop between them.
    """
    text = line.strip()
    marks = _TRAILING_MARKS.search(text)
    words, cited = (text[: marks.start()], text[marks.start() :]) if marks else (text, "")
    if words and words[-1] not in ".!?:;":
        words += "."
    return words + cited


def _talking_points(template: DraftTemplate, draft: DraftInput, parts: _Parts) -> Iterator[str]:
    """Yield talking points: heading, why now, one bullet per product, the one ask, reminders."""
    yield template.marketing.format(insurer=draft.insurer)
    yield parts.greeting
    yield ""
    yield parts.intro
    if parts.why:
        yield parts.why
    for item in parts.items:
        yield " ".join(_sentence(line) for line in item)
    yield parts.cta
    yield ""
    reminders = [template.price_note] if parts.priced else []
    reminders += [template.terms, template.insurer_line.format(insurer=draft.insurer)]
    yield " ".join([*reminders, template.opt_out, template.signoff])


def _body(template: DraftTemplate, draft: DraftInput, detail: Detail) -> str:
    parts = _parts(template, draft, detail)
    if draft.channel == "call_script":
        lines = list(_call_script(template, draft, parts))
    elif draft.channel == "talking_points":
        lines = list(_talking_points(template, draft, parts))
    else:
        lines = list(_written(template, draft, parts))
    return "\n".join(lines).strip()


def _subject(template: DraftTemplate, draft: DraftInput) -> str | None:
    if not template.subject:
        return None
    selling = draft.sales_allowed and draft.products and draft.bundle is None
    names = ", ".join(point.name for point in draft.products)
    topic_sales = template.topic_sales or "{products}"
    # a bundle's parts each need their price beside them: the subject does not name them
    topic = topic_sales.format(products=names) if selling else template.topic_review or ""
    return template.subject.format(insurer=draft.insurer, topic=topic)


def compose_draft(draft: DraftInput) -> ComposedDraft:
    """Render a draft in the customer's language, within its channel's limits.

    Args:
        draft: The decided facts: recipient, why now, products with citations, quoted prices.

    Returns:
        Subject, body, citations and the template identity.
    """
    template = load_template(draft.channel, draft.language)
    body = ""
    for detail in DETAIL_STEPS:
        body = _body(template, draft, detail)
        if within_limits(draft.channel, body):
            break
    return ComposedDraft(
        subject=_subject(template, draft),
        body=body,
        language=template.language,
        citations=_citations(draft, body),
        template=template.ref,
    )
