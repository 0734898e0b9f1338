"""The local router: intents and products from English and Nordic messages, no model."""

from __future__ import annotations

import pytest

from copilot.plan import Plan
from copilot.router import TOOLS_BY_INTENT, complete_plan, find_channel, find_products, route
from tools.catalogue import load_catalogue


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("What should I offer Nordic IT Solutions?", "recommend"),
        ("Vad ska jag rekommendera till kunden?", "recommend"),
        ("Skriv ett mejl om cyberförsäkring", "draft_outreach"),
        ("Kirjoita sähköposti asiakkaalle", "draft_outreach"),
        ("Forbered fornyelsen av ansvarsforsikringen", "renewal_prep"),
        ("Which gaps does the customer have?", "explain_gap"),
        ("Hvad dækker erhvervsansvarsforsikring?", "product_question"),
        ("Har vi samtycke att kontakta dem?", "compliance_question"),
        ("Prepare a call script", "prepare_call"),
    ],
)
def test_rules_find_the_intent(message: str, intent: str) -> None:
    assert route(message).intent == intent


@pytest.mark.parametrize(
    ("message", "products"),
    [
        ("cyberförsäkring och D&O", ["CYBER", "DO"]),
        ("styrelseansvar", ["DO"]),
        ("a PI quote plus general liability", ["GL", "PI"]),
        ("what do they do", []),
    ],
)
def test_product_words_map_to_catalogue_codes(message: str, products: list[str]) -> None:
    assert find_products(message) == products


def test_channel_words_map_to_draft_formats() -> None:
    assert find_channel("write an e-mail") == "email"
    assert find_channel("a message in the portal") == "portal_message"
    assert find_channel("talking points for the call") == "talking_points"


def test_plan_lists_the_tools_of_its_intent() -> None:
    plan = route("Draft an email about cyber")

    assert plan.tools == list(TOOLS_BY_INTENT["draft_outreach"])
    assert plan.source == "router"


@pytest.mark.slow
def test_paraphrase_without_keywords_uses_embedding_similarity() -> None:
    assert route("Help me get ready to phone them").intent == "prepare_call"


def test_a_model_plan_gets_the_tools_its_intent_needs() -> None:
    proposed = Plan(intent="recommend", products=[], tools=[], source="llm")

    plan = complete_plan(proposed, "What should I offer them?")

    assert plan.tools == list(TOOLS_BY_INTENT["recommend"])
    assert plan.source == "llm" and plan.intent == "recommend"


def test_a_model_plan_listing_the_catalogue_keeps_the_products_the_message_names() -> None:
    everything = list(load_catalogue().codes)
    proposed = Plan(intent="draft_outreach", products=everything, tools=["quote"], source="llm")

    plan = complete_plan(proposed, "Draft an email about cyber cover")

    assert plan.products == ["CYBER"]
    assert plan.tools[: len(TOOLS_BY_INTENT["draft_outreach"])] == list(
        TOOLS_BY_INTENT["draft_outreach"]
    )
