"""Quotes: indicative annual premiums from a versioned rating table, with bundle discounts."""

from tools.quote.engine import quote, quote_of
from tools.quote.models import BundleQuote, NothingToQuote, Quote, QuoteLine, QuoteRequest

__all__ = [
    "BundleQuote",
    "NothingToQuote",
    "Quote",
    "QuoteLine",
    "QuoteRequest",
    "quote",
    "quote_of",
]
