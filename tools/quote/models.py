"""Pydantic outputs of ``quote``."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from tools.foundation.errors import InvalidInput


class NothingToQuote(InvalidInput):
    """No product code was given to quote."""

    def __init__(self) -> None:
        super().__init__("Nothing to quote: give at least one product code, e.g. ['PI'].")


class QuoteLine(BaseModel):
    """The indicative annual premium of one product, bought on its own."""

    product: str = Field(description="Product code.")
    product_name: str = Field(description="Product display name.")
    premium_low_eur: int = Field(description="Low end of the indicative annual premium, EUR.")
    premium_high_eur: int = Field(description="High end of the indicative annual premium, EUR.")
    factors: dict[str, Any] = Field(description="Every rating input and factor used, by name.")
    eligible: bool = Field(description="Whether the customer passed every eligibility rule.")
    failed_rules: list[str] = Field(description="Ids of eligibility rules that failed.")


class BundlePart(BaseModel):
    """A bundle component with its separate price (each can be bought on its own)."""

    product: str = Field(description="Product code.")
    separate_low_eur: int = Field(description="Low end of its separate annual premium, EUR.")
    separate_high_eur: int = Field(description="High end of its separate annual premium, EUR.")


class BundleQuote(BaseModel):
    """The catalogue bundle discount applied to the quoted products it contains."""

    code: str = Field(description="Bundle code, e.g. BUSINESS_PROTECTION.")
    name: str = Field(description="Bundle display name.")
    products: list[str] = Field(description="Quoted products the discount applies to.")
    parts: list[BundlePart] = Field(description="Each component with its separate price.")
    discount_pct: float = Field(description="Discount on the sum of separate prices, percent.")
    separate_total_low_eur: int = Field(description="Sum of the parts' low separate prices.")
    separate_total_high_eur: int = Field(description="Sum of the parts' high separate prices.")
    bundle_total_low_eur: int = Field(description="Low end of the bundle price, EUR.")
    bundle_total_high_eur: int = Field(description="High end of the bundle price, EUR.")
    saving_low_eur: int = Field(description="Saving at the low end (separate - bundle), EUR.")
    saving_high_eur: int = Field(description="Saving at the high end (separate - bundle), EUR.")
    note: str = Field(description="States that each part can be bought separately.")


class Quote(BaseModel):
    """Indicative annual premiums for one customer: indicative, not an offer."""

    customer_id: str = Field(description="Customer id.")
    customer_name: str = Field(description="Customer name.")
    as_of: datetime = Field(description="The moment the quote was computed for.")
    lines: list[QuoteLine] = Field(description="One line per product, in the order asked.")
    bundle: BundleQuote | None = Field(description="The bundle discount, when one applies.")
    total_low_eur: int = Field(
        description="Low end of the total of the eligible lines, bundle discount applied."
    )
    total_high_eur: int = Field(
        description="High end of the total of the eligible lines, bundle discount applied."
    )
    label: Literal["indicative, not an offer"] = Field(description="Every quote's status.")
    currency: Literal["EUR"] = Field(description="Currency of every figure.")
    rating_table_version: str = Field(description="Version of tools/quote/rating.yaml used.")
    eligibility_rule_pack_version: str = Field(description="Eligibility rule pack version.")
    catalogue_version: str = Field(description="Version of the product catalogue used.")


class QuoteRequest(BaseModel):
    """What a model may choose when asking for a quote (the customer comes from the run)."""

    products: list[str] = Field(
        min_length=1, description="Product codes to quote, e.g. ['PI', 'GL', 'CYBER']."
    )
    now: datetime | None = Field(
        None, description="Moment to quote for (ISO 8601); default the book's as-of date."
    )
