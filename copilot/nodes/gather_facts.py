"""Node 2: run the planned deterministic tools with the identity injected from the state."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime
from sqlalchemy.orm import Session

from copilot.context import RunContext
from copilot.plan import ToolName
from copilot.state import CustomerFacts, TurnFacts, TurnState
from copilot.tool_registry import TOOL_REGISTRY, ToolCall, ToolRun, contact_policy_status, run_tool
from tools.book.repository import resolve_customer
from tools.contactability import contactability
from tools.foundation.db import session_scope

EXECUTION_ORDER: tuple[ToolName, ...] = (
    "customer_profile",
    "coverage_gaps",
    "check_eligibility",
    "propensity",
    "risk_profile",
    "churn_clv",
    "next_best_actions",
    "arbitrate",
    "quote",
)
"""Dependency order: arbitrate needs the candidates, quote prices what arbitration chose."""


def load_customer_facts(session: Session, customer_id: str, advisor_id: str) -> CustomerFacts:
    """Read the customer's country, language, channel consent and care flags from the book.

    Raises:
        UnknownCustomer: the customer is not in this advisor's book.
    """
    customer = resolve_customer(session, customer_id, advisor_id=advisor_id)
    return CustomerFacts(
        id=customer.id,
        name=customer.name,
        country=customer.country,
        language=customer.language,
        industry=customer.industry_code,
        preferred_channel=customer.preferred_channel,
        contactability=contactability(customer),
        is_existing_customer=not customer.is_prospect,
    )


def _update(runs: list[ToolRun]) -> dict[str, Any]:
    return {
        "facts": TurnFacts(**{run.name: run.raw for run in runs if run.raw is not None}),
        "tools_called": [run.name for run in runs if not run.skipped],
        "tool_errors": [run.error for run in runs if run.error is not None],
        "tool_seconds": sum(run.seconds for run in runs),
    }


def gather_facts(state: TurnState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Run the contact-policy check and the planned tools, in dependency order."""
    plan = state["plan"]
    planned = [name for name in EXECUTION_ORDER if name in plan.tools]
    with session_scope(runtime.context.settings) as session:
        customer = load_customer_facts(session, state["customer_id"], state["advisor_id"])
        call = ToolCall(session, state["customer_id"], state["now"], list(plan.products))
        runs = [run_tool("contact_policy", contact_policy_status, call)]
        runs += [run_tool(name, TOOL_REGISTRY[name], call) for name in planned]
    return {"customer": customer, **_update(runs)}
