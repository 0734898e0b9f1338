"""Node 2: read the customer once and run the planned tools, each on explicit inputs.

One snapshot of the customer (identity from the run, never the plan) and one scoring through
the registered models serve every tool; the decision chain runs in its order with its inputs
passed on explicitly: candidates -> arbitration (with the contact-policy status) -> a quote of
what was chosen. No tool calls another or reads another's output behind the scenes. The
message's recipient is the contact the request named (its id from the authenticated request,
never the text), else the customer's primary contact; None when the customer has none.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from copilot.context import RunContext
from copilot.plan import Plan, ToolName
from copilot.recipients import choose_recipient
from copilot.state import CustomerFacts, TurnFacts, TurnState
from copilot.tool_runner import ToolRunner
from copilot.turn_inputs import TurnInputs, load_inputs
from tools.contactability import contactability
from tools.foundation.errors import UnknownCustomer

NEEDS: dict[ToolName, tuple[ToolName, ...]] = {"arbitrate": ("next_best_actions",)}
"""Tools a planned tool stands on; they run too, in order, and are recorded as run."""
FACT_TOOLS: tuple[ToolName, ...] = (
    "customer_profile",
    "coverage_gaps",
    "check_eligibility",
    "propensity",
    "risk_profile",
    "churn_clv",
)
"""Tools that read only the snapshot, the scores and book aggregates."""


def planned_tools(plan: Plan) -> set[ToolName]:
    """Return the plan's tools with the tools they stand on."""
    wanted = set(plan.tools)
    for tool, needs in NEEDS.items():
        if tool in wanted:
            wanted.update(needs)
    return wanted


def customer_facts(inputs: TurnInputs) -> CustomerFacts:
    """Return what routing, drafting and the gate need to know of the customer."""
    customer = inputs.snapshot.customer
    return CustomerFacts(
        id=customer.id,
        name=customer.name,
        country=customer.country,
        language=customer.language,
        industry=customer.industry_code,
        preferred_channel=customer.preferred_channel,
        contactability=contactability(customer),
        is_existing_customer=not customer.is_prospect,
        marketed_before=bool(inputs.snapshot.offers)
        or any(contact.kind == "sales" for contact in inputs.snapshot.contacts),
    )


def _decide(inputs: TurnInputs, wanted: set[ToolName], runner: ToolRunner) -> dict[str, Any]:
    """Run, when planned, candidates -> arbitration -> a quote of the chosen products."""
    out: dict[str, Any] = {}
    candidates = arbitration = None
    if "next_best_actions" in wanted:
        candidates = out["next_best_actions"] = runner.run(
            "next_best_actions", inputs.next_best_actions
        )
    if "arbitrate" in wanted and candidates is not None:
        arbitration = out["arbitrate"] = runner.run(
            "arbitrate", lambda: inputs.arbitrate(candidates)
        )
    if "quote" in wanted:
        chosen = TurnFacts(arbitrate=arbitration).chosen_products()
        products = list(dict.fromkeys([*inputs.products, *chosen]))
        if products:
            out["quote"] = runner.run("quote", lambda: inputs.quote(products))
    return out


def gather_facts(state: TurnState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Read the customer once, score it once, then run the planned tools in order.

    Raises:
        UnknownCustomer: the customer is not the advisor's.
        UnknownContact: the requested contact is not one of the customer's contacts.
    """
    plan, wanted, runner = state["plan"], planned_tools(state["plan"]), ToolRunner()
    inputs = runner.timed(
        lambda: load_inputs(
            runtime.context.settings, state["customer_id"], state["now"], plan.products, wanted
        )
    )
    if inputs.snapshot.customer.advisor_id != state["advisor_id"]:
        raise UnknownCustomer(state["customer_id"])  # identity is the run's, checked again
    recipient = choose_recipient(
        inputs.contact_persons, state["customer_id"], state.get("requested_contact_id")
    )
    outputs: dict[str, Any] = {
        "contact_policy": runner.run("contact_policy", inputs.contact_policy)
    }
    for name in FACT_TOOLS:
        if name in wanted:
            outputs[name] = runner.run(name, getattr(inputs, name))
    outputs |= _decide(inputs, wanted, runner)
    facts = TurnFacts(**{k: v for k, v in outputs.items() if v is not None})
    return {
        "customer": customer_facts(inputs),
        "recipient": recipient,
        "facts": facts,
        "tools_called": runner.called,
        "tool_errors": runner.errors,
        "tool_seconds": runner.seconds,
    }
