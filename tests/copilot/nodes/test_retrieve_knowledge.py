"""The retrieve node adds the customer wording of the turn's products in the draft language."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from langgraph.runtime import Runtime

from copilot.context import RunContext
from copilot.drafting.choices import decide_channel, decide_language
from copilot.nodes.retrieve_knowledge import draft_language, retrieve_knowledge
from copilot.plan import Channel, Plan
from copilot.state import CustomerFacts, Recommendation
from knowledge import search
from tests.knowledge.stores import sheets_of, store_of
from tools.contactability import Contactability
from tools.foundation.settings import Settings

DOCUMENTS = (
    "product/product-cyber.md",
    "product/product-fleet.md",
    "compliance/compliance-consent-sweden.md",
    *sheets_of("product-cyber", ["en", "sv", "fi"]),
    *sheets_of("product-fleet", ["en", "sv"]),
)
QUESTION = "Write an email about cyber cover for this customer."


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Return settings of a small real store: advisor sheets and some customer sheets."""
    return store_of(DOCUMENTS, tmp_path_factory.mktemp("corpus"), tmp_path_factory.mktemp("kb"))


def state(language: str, channel: Channel = "email", **extra: Any) -> dict[str, Any]:
    customer = CustomerFacts(
        id="S000001",
        name="Nordic IT Solutions AB",
        country="SE",
        language=language,
        industry="it_services",
        preferred_channel="email",
        contactability=Contactability(
            channels=[], objection_to_marketing=False, care_flag=False, may_sell=True
        ),
        is_existing_customer=True,
    )
    plan = Plan(intent="recommend", products=["CYBER"], channel=channel, tools=[])
    return {"message": QUESTION, "plan": plan, "customer": customer, **extra}


def run(turn: dict[str, Any], settings: Settings) -> list[Any]:
    context = RunContext(
        advisor_id="ADV-001",
        customer_id="S000001",
        now=datetime(2026, 11, 22, 9, 0),
        request_id="test",
        settings=settings,
    )
    update = retrieve_knowledge(turn, Runtime(context=context))  # type: ignore[arg-type]
    return list(update["chunks"])


def test_swedish_draft_gets_the_swedish_cover_and_exclusion(store: Settings) -> None:
    chunks = run(state("sv"), store)

    customer = [(c.doc_id, c.section_kind) for c in chunks if c.audience == "customer"]
    assert customer == [("product-cyber.sv", "cover"), ("product-cyber.sv", "exclusion")]


def test_the_advisor_passages_are_kept_and_come_first(store: Settings) -> None:
    turn = state("sv")
    chunks = run(turn, store)
    ranked = search(QUESTION, products=["CYBER"], countries=["SE"], k=4, settings=store)

    advisor = [c.chunk_id for c in chunks if c.audience == "advisor"]
    assert {c.chunk_id for c in ranked} <= set(advisor)
    assert chunks[: len(advisor)] == [c for c in chunks if c.audience == "advisor"]


def test_recommended_products_get_their_wording_too(store: Settings) -> None:
    pick = Recommendation(product="FLEET", rank=1, reasons=["vans"], channel="email")
    chunks = run(state("sv", recommendations=[pick]), store)

    assert [c.doc_id for c in chunks if c.audience == "customer"] == [
        "product-cyber.sv",
        "product-cyber.sv",
        "product-fleet.sv",
        "product-fleet.sv",
    ]


@pytest.mark.parametrize("channel", ["email", "talking_points"])
def test_the_wording_is_in_the_language_the_drafter_will_write(
    store: Settings, channel: Channel
) -> None:
    turn = state("fi", channel)
    chunks = run(turn, store)

    expected = decide_language(turn, decide_channel(turn))  # type: ignore[arg-type]
    assert draft_language(turn) == expected  # type: ignore[arg-type]
    assert {c.language for c in chunks if c.audience == "customer"} == {expected}


def test_a_language_without_sheets_in_the_store_adds_nothing(store: Settings) -> None:
    chunks = run(state("da"), store)

    assert [c for c in chunks if c.audience == "customer"] == []
    assert chunks
