"""The local router: the advisor's message -> a ``Plan`` without any language model.

Keyword rules in English and the Nordic languages decide the intent; when no rule fires, the
message is compared with intent exemplars by embedding similarity (the offline MiniLM model,
loaded on first use). Product words in any of the languages map to catalogue codes. Only the
advisor's message is read here: CRM free text never reaches the router.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from copilot.plan import Channel, Intent, Plan, ToolName
from tools.catalogue import load_catalogue
from tools.errors import CopilotError

INTENT_RULES: tuple[tuple[Intent, tuple[str, ...]], ...] = (
    (
        "renewal_prep",
        (
            "renewal",
            "renew",
            "expir",
            "förnye",
            "förnya",
            "fornye",
            "uusi",
            "erääntyy",
            "løper ut",
            "löper ut",
            "udløb",
        ),
    ),
    (
        "compliance_question",
        (
            "complian",
            "consent",
            "gdpr",
            "allowed to",
            "may i contact",
            "can i contact",
            "can we contact",
            "opt-out",
            "objection",
            "samtycke",
            "samtykke",
            "suostumus",
            "lov att",
            "lov til",
            "saako",
            "markedsføringsloven",
            "marknadsföringslagen",
        ),
    ),
    (
        "prepare_call",
        (
            "prepare a call",
            "prepare the call",
            "call script",
            "phone call",
            "before i call",
            "meeting",
            "förbered",
            "forbered",
            "samtal",
            "møte",
            "möte",
            "puhelu",
            "valmistele",
            "opkald",
        ),
    ),
    (
        "draft_outreach",
        (
            "draft",
            "write",
            "email",
            "e-mail",
            "mail",
            "portal message",
            "message to",
            "reach out",
            "outreach",
            "skriv",
            "utkast",
            "meddelande",
            "melding",
            "besked",
            "viesti",
            "kirjoita",
            "luonnos",
            "sähköposti",
        ),
    ),
    (
        "explain_gap",
        (
            "gap",
            "missing",
            "uncovered",
            "not covered",
            "underinsured",
            "lucka",
            "luckor",
            "hull i",
            "mangler",
            "huller",
            "aukko",
            "puuttuu",
        ),
    ),
    (
        "product_question",
        (
            "what does",
            "what is",
            "does it cover",
            "exclusion",
            "excluded",
            "how does",
            "täcker",
            "dekker",
            "dækker",
            "kattaa",
            "undantag",
            "unntak",
            "undtagelse",
            "poikkeus",
            "vad är",
            "hva er",
            "hvad er",
        ),
    ),
    (
        "recommend",
        (
            "recommend",
            "offer",
            "suggest",
            "what should",
            "cross-sell",
            "cross sell",
            "next best",
            "upsell",
            "rekommend",
            "anbefal",
            "suosittele",
            "erbjud",
            "tilby",
            "tilbyd",
            "tarjo",
            "föreslå",
            "foreslå",
            "ehdota",
        ),
    ),
)
"""Intent keywords, most specific intent first (the first intent with a hit wins)."""

INTENT_EXEMPLARS: dict[Intent, tuple[str, ...]] = {
    "recommend": ("Which products should this customer buy next?", "Any cross-sell ideas?"),
    "explain_gap": ("Which risks does this company leave uninsured?", "Where is it exposed?"),
    "product_question": ("How does this insurance work and what is excluded?",),
    "compliance_question": ("Are we permitted to market to this customer?",),
    "draft_outreach": ("Send the customer a note about the cover.",),
    "prepare_call": ("Help me get ready to phone the customer.",),
    "renewal_prep": ("The policy comes up for review soon, get me ready.",),
}
"""Exemplar phrasings for the embedding fallback (paraphrases the rules do not catch)."""

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

CHANNEL_RULES: tuple[tuple[Channel, tuple[str, ...]], ...] = (
    ("talking_points", ("talking points", "talking-points", "stödpunkter", "punkter")),
    ("call_script", ("call script", "script", "phone", "call", "ring", "samtal", "puhelu")),
    ("portal_message", ("portal", "portaal", "portaali", "in-app")),
    ("email", ("email", "e-mail", "mail", "mejl", "e-post", "epost", "sähköposti")),
)
"""Channel keywords, most specific first."""

PRODUCT_WORDS: dict[str, tuple[str, ...]] = {
    "GL": (
        "general liability",
        "public liability",
        "ansvarsförsäkring",
        "ansvarsforsikring",
        "vastuuvakuutus",
        "ábyrgðartrygging",
    ),
    "PI": (
        "professional indemnity",
        "professional liability",
        "konsultansvar",
        "konsulentansvar",
        "rådgiveransvar",
        "ammatillinen vastuu",
    ),
    "CYBER": ("cyber", "ransomware", "data breach", "kyber", "tietoturva"),
    "BI": ("business interruption", "avbrott", "driftsavbrudd", "driftstab", "keskeytys"),
    "DO": (
        "d&o",
        "directors",
        "styrelseansvar",
        "styreansvar",
        "bestyrelsesansvar",
        "johdon vastuu",
    ),
    "PROPERTY": ("property", "egendom", "eiendom", "ejendom", "omaisuus", "building"),
    "EQUIPMENT": ("equipment", "maskin", "utstyr", "udstyr", "laite"),
    "FLEET": ("fleet", "vehicle", "fordon", "kjøretøy", "køretøj", "ajoneuvo"),
    "CARGO": ("cargo", "transit", "transport", "kuljetus"),
    "GROUP_LIFE": ("group life", "gruppliv", "gruppeliv", "ryhmähenki"),
    "HEALTH": ("health", "sjukvård", "helse", "sundhed", "terveys"),
    "KEY_PERSON": ("key person", "nyckelperson", "nøkkelperson", "nøgleperson", "avainhenkilö"),
    "EPL": ("employment practices", "epl"),
    "WORKERS_COMP": (
        "workers comp",
        "workers' comp",
        "arbetsskada",
        "yrkesskade",
        "arbejdsskade",
        "työtapaturma",
    ),
    "TRAVEL": ("travel", "resa", "reise", "rejse", "matka"),
    "PRODUCT_LIABILITY": ("product liability", "produktansvar", "tuotevastuu"),
    "ENVIRONMENTAL": ("environmental", "miljö", "miljø", "ympäristö"),
    "TRADE_CREDIT": ("trade credit", "kreditförsäkring", "kredittforsikring", "luottovakuutus"),
    "EVENT": ("event insurance", "evenemang", "arrangement", "tapahtuma"),
}
"""Words that name a product, in English and the Nordic languages (lower case)."""

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
    found |= {code for code, words in PRODUCT_WORDS.items() if any(_has(text, w) for w in words)}
    return [code for code in codes if code in found]


def find_channel(message: str) -> Channel | None:
    """Return the outreach format a message asks for, if any."""
    text = message.lower()
    for channel, words in CHANNEL_RULES:
        if any(_has(text, word) for word in words):
            return channel
    return None


def rule_intent(message: str) -> Intent | None:
    """Return the intent of the first keyword rule that fires, or None."""
    text = message.lower()
    for intent, words in INTENT_RULES:
        if any(_has(text, word) for word in words):
            return intent
    return None


@lru_cache(maxsize=1)
def _exemplar_matrix() -> tuple[tuple[Intent, ...], np.ndarray] | None:
    """Embed the exemplars once per process (None when the local model is not installed)."""
    from knowledge.embeddings import LocalMiniLMEmbeddingFunction  # lazy: loads onnxruntime

    pairs = [(intent, text) for intent, texts in INTENT_EXEMPLARS.items() for text in texts]
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
