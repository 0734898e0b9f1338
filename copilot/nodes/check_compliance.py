"""Node 6: check the draft with the compliance gate (code first; a reviewer can only add)."""

from __future__ import annotations

from typing import Any, Literal

from langgraph.runtime import Runtime

from copilot.citations import cited_ids
from copilot.compliance.gate import check_draft
from copilot.compliance.models import ComplianceContext, ComplianceReport, DraftText
from copilot.context import RunContext
from copilot.drafting.writer import llm_facts
from copilot.llm.drafting import split_subject
from copilot.llm.redact import minimise_facts
from copilot.llm.reviewer import LLMReviewer
from copilot.state import Draft, TurnState
from copilot.turn_facts import turn_facts
from tools.foundation.settings import Settings

MAX_ATTEMPTS = 2
"""The first draft and one automatic revision."""


def draft_text(draft: Draft) -> DraftText:
    """Return the gate's view of a draft."""
    return DraftText(
        subject=draft.subject,
        body=draft.body,
        channel=draft.channel,
        language=draft.language,
        citations=draft.citations,
    )


def grounding_facts(state: TurnState) -> dict[str, Any]:
    """Return the tool outputs a figure may come from, without CRM free text.

    A figure typed into a CRM note or an event's free text ("offer 50% off") is not a
    figure a tool produced, so it must not ground a draft.
    """
    return minimise_facts(turn_facts(state).jsonable())


def known_contacts(state: TurnState, settings: Settings) -> list[str]:
    """Return the contact details a draft may carry: the insurer's and the recipient's own.

    The facts the gate grounds figures in have their strings redacted, so the recipient's
    e-mail and phone (from the book) are passed here instead.
    """
    insurer = [settings.insurer_website, settings.insurer_email, settings.insurer_phone]
    recipient = state.get("recipient")
    own = [recipient.email, recipient.phone] if recipient is not None else []
    return [detail for detail in [*insurer, *own] if detail]


def person_names(state: TurnState) -> list[str]:
    """Return the names of the people the draft may talk about: the recipient's."""
    recipient = state.get("recipient")
    if recipient is None:
        return []
    return [name for name in (recipient.first_name, recipient.last_name) if name]


def compliance_context(
    state: TurnState, insurer: str, draft: Draft, contacts: list[str] | None = None
) -> ComplianceContext:
    """Return what the tools and the book say about the customer, for the gate.

    Args:
        state: The turn's state (customer, recipient, facts, retrieved chunks).
        insurer: The insurer that carries the risk.
        draft: The draft to check (its channel and language).
        contacts: Contact details the draft may carry (see ``known_contacts``).

    Consent and objection are the recipient's when the message goes to a contact person
    (their own consent per channel or the soft opt-in, the company's objection and care
    included, as ``tools.contactability`` decided them), else the company's record.
    """
    customer = state["customer"]
    recipient = state.get("recipient")
    reach = recipient.contactability if recipient is not None else customer.contactability
    policy = turn_facts(state).contact_policy
    return ComplianceContext(
        country=customer.country,
        language=draft.language,
        channel=draft.channel,
        insurer_name=insurer,
        retrieved_chunk_ids=[chunk.chunk_id for chunk in state.get("chunks", [])],
        consent=dict(reach.lawful()),
        objection_to_marketing=reach.objection_to_marketing,
        care_flag=reach.care_flag,
        contact_policy_blocks=list(policy.blocks) if policy is not None else [],
        is_existing_customer=customer.is_existing_customer,
        products_mentioned=draft.products or None,
        known_contacts=list(contacts or []),
        person_names=person_names(state),
    )


def check_compliance(state: TurnState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Run the gate on the current draft against the facts the tools produced.

    With a language model configured, its review adds findings (warnings by default); it
    can never pass what the code rules failed.
    """
    draft = state["draft"]
    settings = runtime.context.settings
    context = compliance_context(
        state, settings.insurer_name, draft, known_contacts(state, settings)
    )
    llm = None if state.get("llm_fallback") else runtime.context.llm
    brief = llm_facts(state, draft.language)  # the facts the drafter saw: within budget
    reviewer = LLMReviewer(llm, brief=brief) if llm is not None else None
    report = check_draft(draft_text(draft), grounding_facts(state), context, reviewer=reviewer)
    return {"compliance": report}


def route_after_check(
    state: TurnState,
) -> Literal["await_approval", "revise_draft", "escalate_draft"]:
    """Pass -> approval; first failure -> revise once; second failure -> a human."""
    if state["compliance"].passed:
        return "await_approval"
    if state["draft"].attempt < MAX_ATTEMPTS:
        return "revise_draft"
    return "escalate_draft"


def check_final_text(state: TurnState, settings: Settings, text: str) -> ComplianceReport:
    """Check the text a reviewer wants to send (an edit) against the same facts and chunks.

    The insurer's name and contact details come from the deployment's ``settings``.
    """
    draft = state["draft"]
    subject, body = split_subject(text) if draft.channel == "email" else (None, text)
    edited = draft.model_copy(
        update={"subject": subject, "body": body, "citations": cited_ids(text)}
    )
    contacts = known_contacts(state, settings)
    return check_draft(
        draft_text(edited),
        grounding_facts(state),
        compliance_context(state, settings.insurer_name, edited, contacts),
    )
