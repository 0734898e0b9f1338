"""The graph state of one copilot turn (a TypedDict with reducers) and the models it carries.

Tool outputs stay typed (``TurnFacts``); everything else the nodes exchange is a small
pydantic model, so a checkpoint resumed in another process reads back the same typed values.
"""

from __future__ import annotations

import operator
from datetime import datetime
from typing import Annotated, Literal, TypedDict

from pydantic import BaseModel, Field

from copilot.compliance.models import ComplianceReport
from copilot.plan import Channel, Plan
from copilot.turn_facts import ToolError, TurnFacts, merge_facts
from knowledge import Chunk
from prompts.registry import PromptRef
from tools.contactability import Contactability

__all__ = [
    "ApprovalDecision",
    "ContactFacts",
    "CustomerFacts",
    "Decision",
    "Draft",
    "Recommendation",
    "SuppressedAction",
    "ToolError",
    "TurnFacts",
    "TurnState",
]

Decision = Literal["approve", "edit", "reject"]
"""What the advisor (the maker) decides about a draft."""
ReviewVerdict = Literal["approve", "reject", "request_changes"]
"""What compliance (the checker) decides about a draft the advisor approved."""


class ContactFacts(BaseModel):
    """A contact person at the customer a message may be addressed to (from the book)."""

    id: str = Field(description="Contact id in the book.")
    first_name: str = Field(description="First name (used in the greeting).")
    last_name: str = Field(description="Family name.")
    role: str = Field(description="Role at the company: owner, ceo, cfo, hr, ...")
    email: str | None = Field(None, description="Work e-mail address, if known.")
    phone: str | None = Field(None, description="Work phone number, if known.")
    language: str = Field(description="The person's preferred language code.")
    primary: bool = Field(False, description="The customer's primary contact.")
    contactability: Contactability = Field(
        description="This person's consent per channel, objection and care, as decided by"
        " the contactability tool (company objection and care included)."
    )


class CustomerFacts(BaseModel):
    """What the book says about the customer that routing, drafting and the gate need."""

    id: str = Field(description="Customer id.")
    name: str = Field(description="Company name (used in the greeting).")
    country: str = Field(description="Country code: SE, NO, DK, FI or IS.")
    language: str = Field(description="Preferred language code of the customer.")
    industry: str = Field(description="Industry code.")
    preferred_channel: str = Field(description="The customer's preferred contact channel.")
    contactability: Contactability = Field(
        description="Consent per channel, objection and care, decided by the contactability tool."
    )
    is_existing_customer: bool = Field(description="Holds a policy (not a prospect).")
    marketed_before: bool = Field(
        False, description="An offer or a sales contact reached the customer in the last year."
    )


class Recommendation(BaseModel):
    """One arbitrated action presented to the advisor."""

    product: str = Field(description="Catalogue product code.")
    rank: int = Field(description="1 = present first.")
    reasons: list[str] = Field(description="Why this action, from the tools.")
    channel: str | None = Field(None, description="Contact channel from preference and history.")
    delivery: str | None = Field(None, description="advisor_call, automated_email or portal.")
    action: str | None = Field(None, description="Kind of action, e.g. cross_sell or renewal.")
    due: str | None = Field(None, description="When to act (ISO date or time), if the tool says.")
    score: float | None = Field(None, description="Arbitration score.")
    trigger: str | None = Field(None, description="Trigger family that made it worth doing now.")
    urgency: str | None = Field(None, description="high (48 h), medium or low.")
    triggered_at: str | None = Field(
        None, description="When the event fired the trigger (ISO), else when it was detected."
    )
    propensity: float | None = Field(None, description="Purchase probability it was ranked on.")


class SuppressedAction(BaseModel):
    """A candidate action the decision tool suppressed, and why not."""

    product: str = Field(description="Catalogue product code.")
    rule: str = Field(description="Id of the rule that suppressed it.")
    reason: str = Field(description="The rule in words.")


class Draft(BaseModel):
    """A drafted message with the provenance every record keeps."""

    channel: Channel = Field(description="Outreach format.")
    language: str = Field(description="Language code of the text.")
    subject: str | None = Field(None, description="Subject line (email), part of the message.")
    body: str = Field(description="Message text.")
    citations: list[str] = Field(default_factory=list, description="Chunk ids cited.")
    products: list[str] = Field(default_factory=list, description="Products the draft is about.")
    prompt: PromptRef = Field(description="Prompt or template id, version and hash.")
    source: Literal["offline", "llm"] = Field(description="Offline drafter or language model.")
    model: str | None = Field(None, description="Model name when the LLM wrote it.")
    attempt: int = Field(1, description="1 = first draft, 2 = the automatic revision.")


class ApprovalDecision(BaseModel):
    """The advisor's answer to an approval request."""

    decision: Decision = Field(description="approve, edit or reject.")
    reviewer: str = Field(description="Who decided (the authenticated user's id or name).")
    reviewer_role: str = Field("advisor", description="The decider's role.")
    reason: str = Field(description="Why, in the reviewer's words.")
    edited_text: str | None = Field(None, description="The edited message (decision edit).")
    decided_at: datetime = Field(description="When the decision was made.")


class ReviewDecision(BaseModel):
    """Compliance's answer on a draft the advisor approved (maker-checker)."""

    decision: ReviewVerdict = Field(description="approve, reject or request_changes.")
    reviewer: str = Field(description="Who decided (the compliance officer's user id).")
    reviewer_role: str = Field("compliance", description="The decider's role.")
    reason_code: str = Field(description="Reason code from the versioned review list.")
    comment: str = Field("", description="The reviewer's words.")
    edited_text: str | None = Field(None, description="Compliance's edit of the message.")
    decided_at: datetime = Field(description="When the decision was made.")


class TurnState(TypedDict, total=False):
    """Everything one turn knows; nodes return partial updates merged by the reducers."""

    message: str
    """The advisor's message, as typed (data, not a source of identity)."""
    advisor_id: str
    """Advisor id copied from the run context at the first node (never from text)."""
    customer_id: str
    """Customer id copied from the run context at the first node (never from text)."""
    request_id: str
    """Request id; also the thread id and approval id."""
    now: datetime
    """Clock of the turn, from the run context."""
    requested_channel: Channel | None
    """The outreach format the request asked for (API field or CLI option), if any."""
    plan: Plan
    """The understood request."""
    plan_prompt: PromptRef | None
    """The prompt that produced the plan (None when the local router planned)."""
    customer: CustomerFacts
    """Book facts about the customer used by the drafter and the gate."""
    requested_contact_id: str | None
    """The contact the advisor chose to write to (API field or CLI option), if any."""
    recipient: ContactFacts | None
    """The person the message goes to: the requested contact, else the primary one."""
    facts: Annotated[TurnFacts, merge_facts]
    """Typed tool outputs: the only source of figures."""
    tools_called: Annotated[list[str], operator.add]
    """Names of the tools run, in order."""
    tool_errors: Annotated[list[ToolError], operator.add]
    """Expected, typed tool errors (the turn continued without that output)."""
    tool_seconds: Annotated[float, operator.add]
    """Wall time spent inside tools and retrieval (for the overhead benchmark)."""
    chunks: list[Chunk]
    """Retrieved knowledge passages; the only citable sources."""
    actions: list[Recommendation]
    """Every chosen next-best action (reviews and consultations too), in arbitration order."""
    recommendations: list[Recommendation]
    """Chosen product recommendations (products not held), ranked 1..n."""
    suppressed: list[SuppressedAction]
    """Suppressed candidates with the rule that suppressed them."""
    draft: Draft
    """The current draft."""
    drafts: Annotated[list[Draft], operator.add]
    """Every draft of the turn, first draft and revision."""
    compliance: ComplianceReport
    """The gate's report on the current draft."""
    escalated: bool
    """The draft failed the gate after the revision: a human must fix it."""
    notices: Annotated[list[str], operator.add]
    """Messages for the advisor (e.g. the offline fallback happened)."""
    llm_fallback: bool
    """A language-model fault made the turn fall back to the offline path."""
    decision: ApprovalDecision
    """The advisor's latest decision, after resume."""
    review_reasons: list[str]
    """Why compliance must see the draft before it goes out (empty: it may go out at once)."""
    review: ReviewDecision
    """Compliance's latest decision, when the draft was reviewed."""
    decisions: Annotated[list[ApprovalDecision | ReviewDecision], operator.add]
    """Every decision on the draft in order: advisor, compliance, advisor again, ..."""
    released: bool
    """The message went to the outbox."""
    record_id: str
    """Id of the stored outcome record."""
