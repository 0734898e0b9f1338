"""The deterministic tools a plan may name, each bound to the run's identity.

A plan only names tools (``ToolName``); the arguments that say *whose* data is read (the
customer id, the clock) are injected here from the run context, never taken from the plan or
the model. Expected tool errors (``CopilotError`` subclasses) come back typed; anything else
propagates.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from pydantic_core import to_jsonable_python
from sqlalchemy.orm import Session

from copilot.plan import ToolName
from copilot.state import ToolError
from tools.foundation.errors import CopilotError


@dataclass
class ToolCall:
    """The injected arguments of one tool run: identity from the run context, never the plan."""

    session: Session
    customer_id: str
    now: datetime
    products: list[str]
    outputs: dict[str, Any] = field(default_factory=dict)
    """Raw outputs of the tools that already ran this turn (arbitrate reads the candidates)."""


ToolFunction = Callable[[ToolCall], Any]
"""A bound tool: returns its output, or None when there is nothing to run it on."""


def _customer_profile(call: ToolCall) -> Any:
    from tools.profile import customer_profile

    return customer_profile(call.session, call.customer_id, now=call.now)


def _coverage_gaps(call: ToolCall) -> Any:
    from tools.gaps import coverage_gaps

    return coverage_gaps(call.session, call.customer_id, now=call.now)


def _check_eligibility(call: ToolCall) -> Any:
    from tools.eligibility import check_eligibility

    if not call.products:
        return None
    return {
        p: check_eligibility(call.session, call.customer_id, p, now=call.now) for p in call.products
    }


def chosen_products(outputs: dict[str, Any]) -> list[str]:
    """Return the product codes of the arbitrated actions, best first."""
    arbitration = outputs.get("arbitrate")
    if arbitration is None:
        return []
    return [r.action.product for r in arbitration.chosen if r.action.product]


def _quote(call: ToolCall) -> Any:
    from tools.quote import quote

    products = list(dict.fromkeys(call.products + chosen_products(call.outputs)))
    if not products:
        return None
    return quote(call.session, call.customer_id, products, now=call.now)


def _propensity(call: ToolCall) -> Any:
    from tools.propensity import score_customer

    return score_customer(
        call.session, call.customer_id, products=call.products or None, now=call.now
    )


def _risk_profile(call: ToolCall) -> Any:
    from tools.credibility import risk_profile

    return risk_profile(call.session, call.customer_id, at=call.now.date())


def _churn_clv(call: ToolCall) -> Any:
    from tools.churn import churn_clv

    return churn_clv(call.session, call.customer_id, now=call.now.date())


def _next_best_actions(call: ToolCall) -> Any:
    from tools.nba import next_best_actions

    return next_best_actions(call.session, call.customer_id, now=call.now)


def _arbitrate(call: ToolCall) -> Any:
    from tools.decision import arbitrate

    candidates = call.outputs.get("next_best_actions")
    if candidates is None:
        candidates = _next_best_actions(call)
        call.outputs["next_best_actions"] = candidates
    return arbitrate(call.session, call.customer_id, candidates, now=call.now)


def contact_policy_status(call: ToolCall) -> Any:
    """Return the customer's contact-policy status (always run: the gate needs its blocks)."""
    from tools.contact_policy import contact_policy

    return contact_policy(call.session, call.customer_id, now=call.now)


TOOL_REGISTRY: dict[ToolName, ToolFunction] = {
    "customer_profile": _customer_profile,
    "coverage_gaps": _coverage_gaps,
    "check_eligibility": _check_eligibility,
    "quote": _quote,
    "propensity": _propensity,
    "risk_profile": _risk_profile,
    "churn_clv": _churn_clv,
    "next_best_actions": _next_best_actions,
    "arbitrate": _arbitrate,
}
"""Every planable tool name mapped to its bound implementation."""


class ToolRun(BaseModel):
    """The result of running one tool: a JSON-ready output or a typed error."""

    name: str = Field(description="Tool name.")
    output: Any = Field(None, description="JSON-ready output (None when skipped or failed).")
    raw: Any = Field(None, description="The typed output, as the tool returned it.")
    error: ToolError | None = Field(None, description="The expected error, if it failed.")
    seconds: float = Field(description="Wall time inside the tool.")
    skipped: bool = Field(False, description="Nothing to run it on (e.g. no product to quote).")


def run_tool(name: str, function: ToolFunction, call: ToolCall) -> ToolRun:
    """Run one bound tool; record its raw output in ``call.outputs`` for later tools.

    Expected errors (``CopilotError``) become a typed ``ToolError``; others propagate.
    """
    start = time.perf_counter()
    try:
        raw = function(call)
    except CopilotError as error:
        seconds = time.perf_counter() - start
        typed = ToolError(tool=name, error_type=type(error).__name__, message=str(error))
        return ToolRun(name=name, error=typed, seconds=seconds)
    seconds = time.perf_counter() - start
    if raw is None:
        return ToolRun(name=name, seconds=seconds, skipped=True)
    call.outputs[name] = raw
    return ToolRun(name=name, output=to_jsonable_python(raw), raw=raw, seconds=seconds)
