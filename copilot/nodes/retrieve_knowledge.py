"""Node 4: retrieve knowledge, filtered by the chosen products and the customer's country.

Besides the advisor guidance it ranks, it adds the customer sheets' cover and exclusion passages
of the turn's products in the draft's language, so a Swedish draft can quote Swedish wording.
"""

from __future__ import annotations

import time
from typing import Any

from langgraph.runtime import Runtime

from copilot.context import RunContext
from copilot.drafting.choices import decide_channel, decide_language
from copilot.plan import Plan
from copilot.state import TurnState
from copilot.turn_facts import TurnFacts, turn_facts
from knowledge import Chunk, search
from knowledge.localised import localised_passages
from tools.catalogue import load_catalogue

PASSAGES_PER_QUERY = 4
"""Passages kept from the advisor's question."""
PASSAGES_PER_PRODUCT = 4
"""Passages kept per product (its product sheet: cover, exclusions, limits)."""
NO_KNOWLEDGE = (
    "No knowledge passage was found (is the knowledge base ingested? `copilot knowledge"
    " ingest`): the draft cannot describe any cover, so it only invites a review."
)
MAX_TOPIC_PRODUCTS = 3
"""Products retrieved for at most (the plan's plus the top arbitrated ones)."""


def topic_products(plan: Plan, facts: TurnFacts) -> list[str]:
    """Return the products the turn is about: the plan's, then the arbitrated ones, best first."""
    return list(dict.fromkeys([*plan.products, *facts.chosen_products()]))[:MAX_TOPIC_PRODUCTS]


def localised_products(state: TurnState, topics: list[str]) -> list[str]:
    """Return the products whose customer wording the drafter may need: topics, then picks."""
    recommended = [r.product for r in state.get("recommendations", [])]
    return list(dict.fromkeys([*topics, *recommended]))


def draft_language(state: TurnState) -> str:
    """Return the language the draft will be written in (the drafter's own decision)."""
    return decide_language(state, decide_channel(state))


def _types_for(plan: Plan) -> list[str] | None:
    return ["compliance"] if plan.intent == "compliance_question" else None


def retrieve_knowledge(state: TurnState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Search the advisor's question and each topic product's sheet in the customer's country.

    The customer-sheet passages of the products in the draft language come after the ranked
    ones, so they add to what was retrieved and never push a passage out.
    """
    settings = runtime.context.settings
    plan, country = state["plan"], [state["customer"].country]
    products = topic_products(plan, turn_facts(state))
    start = time.perf_counter()
    found: list[Chunk] = search(
        state["message"],
        products=products or None,
        countries=country,
        types=_types_for(plan),
        k=PASSAGES_PER_QUERY,
        settings=settings,
    )
    catalogue = load_catalogue()
    for code in products:
        query = f"{catalogue.product(code).name}: what it covers, main exclusions"
        found += search(
            query,
            products=[code],
            countries=country,
            types=["product"],
            k=PASSAGES_PER_PRODUCT,
            settings=settings,
        )
    found += localised_passages(
        localised_products(state, products), draft_language(state), settings=settings
    )
    unique = list({chunk.chunk_id: chunk for chunk in found}.values())
    update: dict[str, Any] = {"chunks": unique, "tool_seconds": time.perf_counter() - start}
    if not unique:
        update["notices"] = [NO_KNOWLEDGE]
    return update
