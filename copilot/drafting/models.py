"""What the offline drafter is given: facts already decided by tools and retrieval."""

from __future__ import annotations

from pydantic import BaseModel, Field

from copilot.plan import Channel


class ProductPoint(BaseModel):
    """One product the message is about, with its cited cover and main exclusion."""

    code: str = Field(description="Catalogue product code.")
    name: str = Field(description="Product display name.")
    description: str = Field(description="One line on what the cover is for (catalogue).")
    cite: str = Field(description="Chunk id of the product sheet passage describing the cover.")
    exclusion: str | None = Field(None, description="Main exclusion, from the product sheet.")
    exclusion_cite: str | None = Field(None, description="Chunk id of the exclusions passage.")
    price: str | None = Field(None, description="Indicative annual premium, copied from quote.")
    reason: str | None = Field(
        None, description="Why now, from the decision tool (advisor-facing)."
    )


class ReviewPoint(BaseModel):
    """A held product due for a renewal or limits review (service, not an offer)."""

    code: str = Field(description="Catalogue product code.")
    name: str = Field(description="Product display name.")
    cite: str = Field(description="Chunk id of the product sheet passage.")


class BundlePoint(BaseModel):
    """A bundle price from the quote tool; each part stays purchasable on its own."""

    name: str = Field(description="Bundle display name.")
    total: str = Field(description="Bundle price, copied from quote.")
    saving: str | None = Field(None, description="Saving against separate prices, from quote.")


class DraftInput(BaseModel):
    """Everything the offline drafter may say: nothing else reaches the text."""

    channel: Channel = Field(description="Outreach format.")
    language: str = Field(description="Requested language; English when no template exists.")
    customer_name: str = Field(description="Company name (talking points name the customer).")
    recipient_first_name: str | None = Field(
        None, description="First name of the contact person greeted; None: a neutral greeting."
    )
    insurer: str = Field(description="Insurer that carries the risk.")
    products: list[ProductPoint] = Field(default_factory=list, description="Products, best first.")
    reviews: list[ReviewPoint] = Field(
        default_factory=list, description="Held products due for a renewal or limits review."
    )
    bundle: BundlePoint | None = Field(None, description="Bundle price, when quoted.")
    sales_allowed: bool = Field(True, description="False: invite to a cover review, no offer.")
    why_now: list[str] = Field(
        default_factory=list,
        description="Why we write now, in the draft's language, figures copied from the tools.",
    )
    coverage_score: int | None = Field(
        None, description="The customer's coverage score 0-100 (profile tool), when it helps."
    )
    notes: list[str] = Field(
        default_factory=list, description="Advisor-facing points (English talking points)."
    )
