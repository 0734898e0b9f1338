"""Why now: the lead actions' triggers in plain words, with the tools' figures copied."""

from __future__ import annotations

from typing import Any

from copilot.drafting.why_now import coverage_score, lead_actions, why_now
from copilot.state import TurnState
from copilot.turn_facts import TurnFacts, turn_facts


def _with_lead_trigger(facts: TurnFacts, kind: str, evidence: dict[str, Any]) -> TurnFacts:
    """Return the facts with the lead chosen action's trigger replaced."""
    assert facts.arbitrate is not None
    lead = facts.arbitrate.chosen[0]
    trigger = lead.action.trigger.model_copy(update={"kind": kind, "evidence": evidence})
    action = lead.action.model_copy(update={"trigger": trigger})
    chosen = [lead.model_copy(update={"action": action}), *facts.arbitrate.chosen[1:]]
    arbitration = facts.arbitrate.model_copy(update={"chosen": chosen})
    return facts.model_copy(update={"arbitrate": arbitration})


def test_growth_states_headcount_and_revenue_as_the_tool_gave_them(
    seed_states: dict[str, TurnState],
) -> None:
    state = seed_states["growth"]

    sentences = why_now(turn_facts(state), state["customer"], "sv")

    assert sentences == [
        "Ert företag har vuxit från 8 till 15 anställda.",
        "Omsättningen har ökat med 42,9 % till 3\u00a0000\u00a0000 euro.",
    ]


def test_renewal_leads_and_the_growth_behind_the_limits_review_follows(
    seed_states: dict[str, TurnState],
) -> None:
    state = seed_states["renewal"]
    facts = turn_facts(state)

    kinds = [action.trigger.kind for action in lead_actions(facts)]
    sentences = why_now(facts, state["customer"], "en")

    assert kinds == ["renewal", "growth"]
    assert sentences[0] == "Your general liability policy renews on 21 January 2027."
    assert "Your business has grown from 27 to 35 employees." in sentences


def test_after_a_claim_the_draft_names_the_claim_date(seed_states: dict[str, TurnState]) -> None:
    state = seed_states["behaviour"]
    evidence = {"claim_product": "PROPERTY", "claim_date": "2026-11-03", "claim_status": "open"}
    facts = _with_lead_trigger(turn_facts(state), "claim", evidence)

    sentences = why_now(facts, state["customer"], "nb")

    assert sentences[0] == (
        "Vi tar kontakt i forbindelse med skademeldingen deres fra 3. november 2026."
    )


def test_an_unknown_incident_kind_reads_as_a_serious_incident(
    seed_states: dict[str, TurnState],
) -> None:
    state = seed_states["incident"]
    evidence = {"incident": "flood", "industry": "manufacturing", "occurred_at": "2026-11-20"}
    facts = _with_lead_trigger(turn_facts(state), "industry_incident", evidence)

    assert why_now(facts, state["customer"], "da")[0] == (
        "Den 20. november 2026 blev en virksomhed i jeres branche ramt af en alvorlig hændelse."
    )


def test_a_prospect_without_a_trigger_is_thanked_and_a_customer_is_told_nothing(
    seed_states: dict[str, TurnState],
) -> None:
    prospect = seed_states["webshop"]["customer"]
    customer = seed_states["growth"]["customer"]

    assert prospect.is_existing_customer is False
    assert why_now(TurnFacts(), prospect, "fi") == [
        "Kiitos kiinnostuksestanne vakuuttaa yrityksenne meillä."
    ]
    assert why_now(TurnFacts(), customer, "fi") == []


def test_coverage_score_is_the_profile_tools(seed_states: dict[str, TurnState]) -> None:
    assert coverage_score(turn_facts(seed_states["growth"])) == 14
    assert coverage_score(TurnFacts()) is None
