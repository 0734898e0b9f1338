"""The cases the suite scores: the seed use cases, and generated ones derived from a book.

A case carries everything its scoring needs (expected products, the oracle's probabilities,
forbidden products with reasons, blocked kinds, channel and timing expectations), so the
per-case result in the report shows exactly what the system was held to.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from evals.recommendations.book_facts import CustomerFacts
from evals.recommendations.dataset import Dataset, SeedCase, StratumTag
from evals.recommendations.rules import (
    TimingCheck,
    blocked_kinds,
    blocks_of,
    derived_timing,
    forbidden_products,
    incident_products,
    missing_prerequisites,
    seed_timing,
)
from tools.catalogue.loader import Catalogue
from tools.eligibility.pack import EligibilityRulePack


class Case(BaseModel):
    """One customer case and what the recommendations must satisfy."""

    id: str = Field(description="Case id.")
    customer_id: str = Field(description="The customer decided on.")
    source: Literal["seed", "generated"] = Field(description="Seed use case or generated.")
    tags: list[str] = Field(description="Tags for the charts (source, stratum, country).")
    expected_top: list[str] = Field(description="Products that count as right in the top 2.")
    expected_first: str | None = Field(None, description="Product that must be ranked first.")
    oracle: dict[str, float] = Field(
        default_factory=dict,
        description="Ground-truth purchase probability of each allowed product (generated).",
    )
    forbidden: dict[str, str] = Field(description="Product -> why it must not be recommended.")
    prerequisites: dict[str, list[str]] = Field(
        description="Product -> prerequisites not held (must be recommended with it)."
    )
    blocks: list[str] = Field(description="Customer-level contact-policy blocks.")
    blocked_kinds: list[str] = Field(description="Action kinds the blocks rule out.")
    product_room: int = Field(description="How many products may be recommended today.")
    lead_kind: str | None = Field(None, description="Kind of action that must lead.")
    channels: list[str] = Field(description="Acceptable lead channels (empty: no expectation).")
    delivery: str | None = Field(None, description="Expected lead delivery, if any.")
    consented: list[str] = Field(description="Channels with a recorded yes.")
    timing: list[TimingCheck] = Field(description="Dated actions expected.")


def _common(
    facts: CustomerFacts,
    dataset: Dataset,
    catalogue: Catalogue,
    pack: EligibilityRulePack,
    worst: frozenset[str],
) -> dict[str, Any]:
    # The fields every case derives from the book's rows the same way.
    blocks = blocks_of(facts, dataset.windows)
    blocked = blocked_kinds(blocks)
    forbidden = forbidden_products(facts, catalogue, pack, worst - facts.held, blocks)
    preferred = facts.customer.preferred_channel
    consented = sorted(facts.consented)
    return {
        "customer_id": facts.customer.id,
        "forbidden": forbidden,
        "prerequisites": missing_prerequisites(facts, catalogue),
        "blocks": blocks,
        "blocked_kinds": sorted(blocked),
        "product_room": 0 if blocks else facts.product_room(dataset.windows),
        "channels": [preferred] if preferred in consented else consented,
        "consented": consented,
        "timing": derived_timing(facts, dataset.windows, blocked, forbidden),
    }


def seed_case(
    seed: SeedCase,
    facts: CustomerFacts,
    dataset: Dataset,
    catalogue: Catalogue,
    pack: EligibilityRulePack,
    worst: frozenset[str],
) -> Case:
    """Return a seed use case: DOMAIN.md's hand-written expectations plus the book's rules."""
    common = _common(facts, dataset, catalogue, pack, worst)
    forbidden = dict(common.pop("forbidden"))
    for code in seed.forbidden:
        forbidden.setdefault(code, "DOMAIN.md use case")
    common.pop("timing")
    channel = seed.channel
    if channel is not None and channel.channel is not None:
        common["channels"] = [channel.channel]
    return Case(
        id=seed.id,
        source="seed",
        tags=seed.tags,
        expected_top=seed.expected_top,
        expected_first=seed.expected_first,
        forbidden=forbidden,
        lead_kind=seed.lead_kind,
        delivery=channel.delivery if channel is not None else None,
        timing=seed_timing(facts, seed.timing),
        **common,
    )


def oracle_top(oracle: dict[str, float], k: int) -> list[str]:
    """Return the oracle's top ``k`` products, with every product tied at the cut."""
    ranked = sorted(oracle.items(), key=lambda item: (-item[1], item[0]))
    if len(ranked) <= k:
        return [code for code, _ in ranked]
    cut = ranked[k - 1][1]
    return [code for code, p in ranked if p >= cut]


def generated_case(
    facts: CustomerFacts,
    truth: dict[str, float],
    dataset: Dataset,
    catalogue: Catalogue,
    pack: EligibilityRulePack,
    worst: frozenset[str],
) -> Case:
    """Return a generated case: the oracle's top products among those not forbidden.

    The case is tagged with the first stratum it matches (``stratum_of``) and its country.
    """
    common = _common(facts, dataset, catalogue, pack, worst)
    forbidden: dict[str, str] = common["forbidden"]
    oracle = {code: p for code, p in truth.items() if p > 0 and code not in forbidden}
    expected = oracle_top(oracle, dataset.generated.oracle_top)
    for product in incident_products(facts, dataset.windows):
        if product not in forbidden and product not in expected:
            expected.append(product)
    customer = facts.customer
    case = Case(
        id=f"gen-{customer.id}",
        source="generated",
        tags=["generated"],
        expected_top=expected,
        oracle=oracle,
        **common,
    )
    case.tags += [stratum_of(case, worst - facts.held), customer.country]
    return case


def stratum_of(case: Case, worst: frozenset[str]) -> StratumTag:
    """Return the first stratum a derived case matches (the dataset's order)."""
    blocks = set(case.blocks)
    triggers = {check.trigger for check in case.timing}
    tests: list[tuple[StratumTag, bool]] = [
        ("objection", "objection" in blocks),
        ("care", "care" in blocks),
        ("claim", bool(blocks & {"open_claim", "recent_claim"})),
        ("contact_block", bool(blocks & {"contacted_today", "monthly_cap"})),
        ("no_consent", "no_consent" in blocks),
        ("worst_quintile", bool(worst)),
        ("incident", "industry_incident" in triggers),
        ("growth", "growth" in triggers),
        ("renewal", "renewal" in triggers),
        ("behaviour", "behaviour" in triggers),
    ]
    return next((tag for tag, hit in tests if hit), "plain")
