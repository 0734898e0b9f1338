"""The local router: the advisor's message -> a ``Plan`` without any language model.

Keyword rules in English and the Nordic languages decide the intent; when no rule fires, the
message is compared with intent exemplars by embedding similarity (the offline MiniLM model,
loaded on first use). Product words in any of the languages map to catalogue codes. Only the
advisor's message is read here: CRM free text never reaches the router.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml
from pydantic import BaseModel, Field

from copilot.plan import Channel, Intent, Plan, ToolName
from tools.catalogue import load_catalogue
from tools.foundation.errors import CopilotError

WORDS_FILE = Path(__file__).with_name("router_words.yaml")


class RouterWords(BaseModel):
    """The router's vocabulary (``router_words.yaml``), versioned with the code."""

    version: str = Field(description="Version of the word lists.")
    intent_rules: dict[Intent, list[str]] = Field(
        description="Intent keywords, most specific intent first (first hit wins)."
    )
    intent_exemplars: dict[Intent, list[str]] = Field(
        description="Phrasings for the embedding fallback (paraphrases the rules miss)."
    )
    channel_rules: dict[Channel, list[str]] = Field(description="Channel keywords, first hit wins.")
    product_words: dict[str, list[str]] = Field(
        description="Words naming each product code, in English and the Nordic languages."
    )


@lru_cache(maxsize=1)
def router_words() -> RouterWords:
    """Load the router's vocabulary (cached: it is versioned, not edited live)."""
    return RouterWords.model_validate(yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8")))


TOOLS_BY_INTENT: dict[Intent, tuple[ToolName, ...]] = {
    "recommend": (
        "customer_profile",
        "coverage_gaps",
        "propensity",
        "risk_profile",
        "next_best_actions",
        "arbitrate",
        "quote",
    ),
    "explain_gap": ("customer_profile", "coverage_gaps"),
    "product_question": ("customer_profile", "check_eligibility", "quote"),
    "compliance_question": ("customer_profile",),
    "draft_outreach": (
        "customer_profile",
        "coverage_gaps",
        "next_best_actions",
        "arbitrate",
        "quote",
    ),
    "prepare_call": (
        "customer_profile",
        "coverage_gaps",
        "churn_clv",
        "next_best_actions",
        "arbitrate",
        "quote",
    ),
    "renewal_prep": (
        "customer_profile",
        "coverage_gaps",
        "churn_clv",
        "risk_profile",
        "next_best_actions",
        "arbitrate",
        "quote",
    ),
}
"""The deterministic tools each intent needs, in the order they run."""

SIMILARITY_FLOOR = 0.35
"""Cosine similarity an exemplar needs before the embedding fallback trusts it."""


def _has(text: str, word: str) -> bool:
    """Return whether ``word`` starts a word in ``text`` (so stems match inflections)."""
    return re.search(rf"(?<![\w&]){re.escape(word)}", text) is not None


def find_products(message: str) -> list[str]:
    """Return the catalogue codes a message names (by CODE or by word), in catalogue order."""
    text = message.lower()
    codes = load_catalogue().codes
    # Codes count in capitals only: "do", "event" and "travel" are ordinary words.
    found = {code for code in codes if re.search(rf"\b{re.escape(code)}\b", message)}
    named = router_words().product_words.items()
    found |= {code for code, words in named if any(_has(text, w) for w in words)}
    return [code for code in codes if code in found]


def find_channel(message: str) -> Channel | None:
    """Return the outreach format a message asks for, if any."""
    text = message.lower()
    for channel, words in router_words().channel_rules.items():
        if any(_has(text, word) for word in words):
            return channel
    return None


def rule_intent(message: str) -> Intent | None:
    """Return the intent of the first keyword rule that fires, or None."""
    text = message.lower()
    for intent, words in router_words().intent_rules.items():
        if any(_has(text, word) for word in words):
            return intent
    return None


@lru_cache(maxsize=1)
def _exemplar_matrix() -> tuple[tuple[Intent, ...], np.ndarray] | None:
    """Embed the exemplars once per process (None when the local model is not installed)."""
    from knowledge.embeddings import LocalMiniLMEmbeddingFunction  # lazy: loads onnxruntime

    exemplars = router_words().intent_exemplars.items()
    pairs = [(intent, text) for intent, texts in exemplars for text in texts]
    try:
        vectors = LocalMiniLMEmbeddingFunction()([text for _, text in pairs])
    except CopilotError:
        return None
    return tuple(intent for intent, _ in pairs), np.vstack(vectors)


def similar_intent(message: str) -> Intent | None:
    """Return the intent of the most similar exemplar, if similar enough."""
    exemplars = _exemplar_matrix()
    if exemplars is None:
        return None
    from knowledge.embeddings import LocalMiniLMEmbeddingFunction

    intents, matrix = exemplars
    query = np.asarray(LocalMiniLMEmbeddingFunction()([message])[0])
    similarities = matrix @ query
    best = int(np.argmax(similarities))
    return intents[best] if float(similarities[best]) >= SIMILARITY_FLOOR else None


def route(message: str) -> Plan:
    """Plan a request with rules first, then embedding similarity, else ``recommend``.

    Args:
        message: The advisor's message.

    Returns:
        The plan (``source="router"``) with the intent's tools.
    """
    intent: Intent = rule_intent(message) or similar_intent(message) or "recommend"
    return Plan(
        intent=intent,
        products=find_products(message),
        channel=find_channel(message),
        tools=list(TOOLS_BY_INTENT[intent]),
        source="router",
    )


MAX_NAMED_PRODUCTS = 3
"""More products than this in a model's plan is not a request naming them (a small model
sometimes lists the whole catalogue); the products the message names are used instead."""


def complete_plan(plan: Plan, message: str) -> Plan:
    """Return a model's plan with the tools its intent needs, which code decides.

    The intent's tools (``TOOLS_BY_INTENT``) always run first, in their order, then any
    other known tool the model named; a plan listing the catalogue instead of the products
    the advisor named gets the products found in the message.
    """
    tools = list(dict.fromkeys([*TOOLS_BY_INTENT[plan.intent], *plan.tools]))
    products = plan.products if len(plan.products) <= MAX_NAMED_PRODUCTS else find_products(message)
    return plan.model_copy(update={"tools": tools, "products": products})
