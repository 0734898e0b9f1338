"""Request and response models of the HTTP API (``*Create`` in, ``*Public`` out)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from copilot.plan import Channel
from copilot.review.reason_codes import ReviewReasonCode
from copilot.state import Decision, ReviewVerdict
from copilot.users import Role
from tools.batch.events import EventAction
from tools.portfolio import PortfolioItem

MAX_MESSAGE_CHARS = 4000
"""Longest advisor message (a longer one is refused with 413)."""


class HealthPublic(BaseModel):
    """The server is up."""

    status: Literal["ok"] = Field(description="Always ok when the server answers.")


class MePublic(BaseModel):
    """The authenticated caller."""

    user_id: str = Field(description="The user's id.")
    name: str = Field(description="The user's name.")
    role: Role = Field(description="advisor, compliance, admin or operations.")
    advisor_id: str | None = Field(description="The book an advisor looks after.")


class CustomerSummaryPublic(BaseModel):
    """One customer of the caller's book, for a search list."""

    id: str = Field(description="Customer id.")
    name: str = Field(description="Company name.")
    country: str = Field(description="Country code.")
    industry: str = Field(description="Industry label.")
    employees: int = Field(description="Headcount.")
    advisor_id: str = Field(description="The advisor who looks after it.")


class TurnCreate(BaseModel):
    """An advisor's request about a customer."""

    message: str = Field(
        min_length=1,
        description="The request in plain words (at most 4,000 characters; longer: 413).",
        json_schema_extra={"maxLength": MAX_MESSAGE_CHARS},
    )
    channel: Channel | None = Field(None, description="Outreach format wanted, if any.")
    contact_id: str | None = Field(
        None,
        min_length=1,
        max_length=24,
        description="Id of the customer's contact person to write to (listed in the customer"
        " view); default the primary contact. Another customer's contact is 404.",
    )


class DecisionCreate(BaseModel):
    """The advisor's decision on a draft (identity from the token, never from here)."""

    decision: Decision = Field(description="approve, edit or reject.")
    text: str | None = Field(
        None, max_length=20_000, description="The edited message (decision edit)."
    )
    reason: str = Field(min_length=1, max_length=1000, description="Why, in a few words.")


class ReviewDecisionCreate(BaseModel):
    """Compliance's decision on a queued draft."""

    decision: ReviewVerdict = Field(description="approve, reject or request_changes.")
    reason_code: ReviewReasonCode = Field(description="Reason code from the versioned list.")
    comment: str = Field(
        "",
        max_length=1000,
        description="Why, in a few words; required to reject or request changes (the advisor"
        " must know what to fix).",
    )
    text: str | None = Field(
        None, max_length=20_000, description="Compliance's edit of the message (approve)."
    )

    @model_validator(mode="after")
    def _comment_when_sent_back(self) -> ReviewDecisionCreate:
        if self.decision != "approve" and not self.comment.strip():
            raise ValueError("say in the comment what is wrong or must change")
        return self


class ReviewItemPublic(BaseModel):
    """A draft in the review queue."""

    approval_id: str = Field(description="The turn.")
    status: str = Field(description="waiting, approved, rejected or changes_requested.")
    queued_because: list[str] = Field(description="escalated, pre_approval, sample.")
    advisor_id: str = Field(description="The advisor who approved it.")
    customer_id: str = Field(description="The customer.")
    country: str = Field(description="The customer's country.")
    channel: str = Field(description="Outreach format.")
    products: list[str] = Field(description="Products the draft presents.")
    failed_rules: list[str] = Field(description="Rules with a finding on the draft.")
    queued_at: datetime = Field(description="When it entered the queue.")
    age_hours: float = Field(description="Hours since it entered the queue.")
    target_hours: float = Field(description="The review-time target from the settings.")
    overdue: bool = Field(description="Older than the target and still waiting.")
    decided_at: datetime | None = Field(description="When compliance decided it.")
    checker_id: str | None = Field(description="Who decided it.")
    reason_code: str | None = Field(description="The decision's reason code.")


class EventPublic(BaseModel):
    """The outcome of ingesting one business event."""

    event_id: int = Field(description="Id of the recorded event.")
    new: bool = Field(description="False when the same event was recorded before.")
    customers: int = Field(description="Customers the event concerns.")
    actions: list[EventAction] = Field(description="The actions it creates, most urgent first.")


ActionListKind = Literal["top_defend", "renewals", "incident", "growth"]
"""The action lists of an advisor's book."""


class ActionListPublic(BaseModel):
    """One of the caller's action lists."""

    kind: ActionListKind = Field(description="Which list.")
    advisor_id: str = Field(description="Whose book.")
    run_date: str | None = Field(description="Date of the nightly batch run it comes from.")
    source: Literal["batch", "computed"] = Field(
        description="batch: the latest nightly run; computed: decided now (no run yet, Top Defend)."
    )
    items: list[PortfolioItem] = Field(description="Entries, most important first.")


class UserCreate(BaseModel):
    """A user to create (admin)."""

    name: str = Field(min_length=1, max_length=120, description="The person's name.")
    role: Role = Field(description="advisor, compliance, admin or operations.")
    advisor_id: str | None = Field(
        None, max_length=16, description="The book an advisor looks after (advisors only)."
    )


class UserPublic(BaseModel):
    """A user (never its token)."""

    id: str = Field(description="User id.")
    name: str = Field(description="The person's name.")
    role: Role = Field(description="advisor, compliance, admin or operations.")
    advisor_id: str | None = Field(description="The advisor's book.")
    created_at: datetime = Field(description="When it was created.")
    revoked_at: datetime | None = Field(description="When its token was revoked, if it was.")


class UserCreatedPublic(UserPublic):
    """A new user with its token: shown this once, stored only as a hash."""

    token: str = Field(description="The API token (Authorization: Bearer TOKEN).")


class AuditEntryPublic(BaseModel):
    """One entry of the hash-chained audit log."""

    seq: int = Field(description="Position in the chain, from 1.")
    at: datetime = Field(description="When (UTC).")
    actor_id: str = Field(description="Who acted.")
    actor_role: str = Field(description="In which role.")
    action: str = Field(description="What they did, e.g. turn.decide.")
    subject_type: str = Field(description="customer, turn, user, ...")
    subject_id: str = Field(description="Which one.")
    reason: str = Field(description="The reason given, if any.")
    detail: dict[str, Any] = Field(description="Further facts of the act.")
    hash: str = Field(description="The entry's hash (covers the previous entry's hash).")
