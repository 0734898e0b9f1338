"""The gather node: one snapshot, explicit inputs, dependencies run and recorded."""

from __future__ import annotations

from copilot.nodes.gather_facts import planned_tools
from copilot.plan import Plan
from copilot.turn_inputs import load_inputs
from tests.copilot.conftest import NOW
from tools.foundation.settings import Settings


def test_arbitration_brings_the_candidates_it_stands_on() -> None:
    plan = Plan(intent="recommend", tools=["arbitrate", "quote"])

    assert planned_tools(plan) == {"arbitrate", "next_best_actions", "quote"}


def test_peer_tables_are_read_only_for_the_gaps_tool(shared_settings: Settings) -> None:
    without = load_inputs(shared_settings, "S000001", NOW, [], {"customer_profile"})
    with_gaps = load_inputs(shared_settings, "S000001", NOW, [], {"coverage_gaps"})

    assert without.peers is None and with_gaps.peers is not None
    assert with_gaps.coverage_gaps().customer_id == "S000001"


def test_eligibility_is_checked_for_the_named_products_only(shared_settings: Settings) -> None:
    inputs = load_inputs(shared_settings, "S000001", NOW, ["CYBER"], {"check_eligibility"})

    checked = inputs.check_eligibility()

    assert checked is not None and list(checked) == ["CYBER"]
    assert load_inputs(shared_settings, "S000001", NOW, [], set()).check_eligibility() is None


def test_a_quote_prices_the_products_it_is_given(shared_settings: Settings) -> None:
    inputs = load_inputs(shared_settings, "S000001", NOW, [], {"quote"})

    assert [line.product for line in inputs.quote(["CYBER", "DO"]).lines] == ["CYBER", "DO"]
