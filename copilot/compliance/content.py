"""What a draft talks about: products, prices, selling. Shared by the disclosure and care rules."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from copilot.compliance.check_input import CheckInput
from copilot.compliance.number_words import morphemes, segment
from copilot.compliance.tokens import Token, contains_any, find_term
from tools.catalogue.loader import load_catalogue

PRODUCT_NAMES = Path(__file__).parent / "lexicon" / "products.yaml"
PRICE_REACH = 8
"""A number within this many words of a product name is that product's price."""


@dataclass(frozen=True)
class ProductMention:
    """A catalogue product named in the text."""

    code: str
    first: int
    last: int


def _is_number(token: Token, language: str) -> bool:
    return token.text[:1].isdigit() or segment(token.text, morphemes(language)) is not None


@lru_cache(maxsize=1)
def product_terms() -> dict[str, set[str]]:
    """Return the lexicon terms naming each product: English name, code, Nordic names."""
    with PRODUCT_NAMES.open(encoding="utf-8") as handle:
        nordic: dict[str, list[str]] = yaml.safe_load(handle)
    return {
        code: {product.name.casefold(), code.casefold().replace("_", " ")}
        | set(nordic.get(code, []))
        for code, product in load_catalogue().products.items()
    }


def products_in_text(check: CheckInput) -> list[ProductMention]:
    """Return catalogue products named by code (upper case) or by name in the text."""
    mentions: list[ProductMention] = []
    for code, names in product_terms().items():
        hits = {hit for name in names for hit in find_term(check.tokens, name)}
        for first, last in sorted(hits):
            original = check.text[check.tokens[first].start : check.tokens[last].end]
            if original.casefold() == code.casefold() and original != code:
                continue  # "do", "event", "travel" in lower case are ordinary words
            mentions.append(ProductMention(code, first, last))
    return mentions


def price_mentioned(check: CheckInput) -> bool:
    """Return whether the text states a price: a price word and an amount in one clause.

    A limit or an excess in euros is not a price (an amount right after "up to", "excess",
    "selvrisiko" is a limit), nor is a percentage; "premium EUR 1,200" and "1 200 kr per
    year" are.
    """
    limits = _limit_amounts(check)
    for term in check.lexicon.price_terms:
        for first, _ in find_term(check.tokens, term):
            clause = check.tokens[first].clause
            if any(
                _is_amount(check.tokens, token.index, check.language) and token.index not in limits
                for token in check.tokens
                if token.clause == clause
            ):
                return True
    return False


LIMIT_REACH = 3
"""An amount this few tokens after a limit word ("up to", "excess") is that limit."""


def _limit_amounts(check: CheckInput) -> set[int]:
    """Return the token indexes of amounts introduced by a limit or excess word."""
    found: set[int] = set()
    for term in check.lexicon.limit_terms:
        for _, last in find_term(check.tokens, term):
            clause = check.tokens[last].clause
            for index in range(last + 1, min(len(check.tokens), last + 1 + LIMIT_REACH)):
                if check.tokens[index].clause == clause:
                    found.add(index)
    return found


PERCENT_WORDS = frozenset({"per", "percent", "pct", "procent", "prosent", "prósent"})
"""Words after a number that make it a percentage (a discount), not a price."""


def _is_amount(tokens: list[Token], index: int, language: str) -> bool:
    token = tokens[index]
    if token.text.endswith("%") or not _is_number(token, language):
        return False
    after = tokens[index + 1].text if index + 1 < len(tokens) else ""
    return after not in PERCENT_WORDS and not after.startswith("prosentti")


def number_near(check: CheckInput, mention: ProductMention) -> bool:
    """Return whether an amount (not a percentage) stands within reach of a product mention."""
    low = max(0, mention.first - PRICE_REACH)
    high = min(len(check.tokens), mention.last + PRICE_REACH + 1)
    return any(_is_amount(check.tokens, index, check.language) for index in range(low, high))


def is_selling(check: CheckInput) -> bool:
    """Return whether the text sells: names a product, states a price or offers/quotes.

    A draft the drafter declares to be about products (``products_mentioned``) sells too.
    """
    return (
        bool(check.context.products_mentioned)
        or bool(products_in_text(check))
        or price_mentioned(check)
        or contains_any(check.tokens, check.lexicon.selling_terms)
    )
