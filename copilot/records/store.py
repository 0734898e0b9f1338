"""Pending approvals: create one, find it, claim it for one decision, give the claim back."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, or_, update
from sqlalchemy.orm import Session

from copilot.records.models import ApprovalRecord
from copilot.state import TurnState
from tools.foundation.errors import Conflict, Forbidden, NotFound

DECISION_STATUS = {"approve": "approved", "edit": "edited", "reject": "rejected"}
PENDING, IN_REVIEW, DECIDING = "pending", "in_review", "deciding"
"""A turn waiting for the advisor, one waiting for compliance, one being decided right now."""
STALE_CLAIM = timedelta(minutes=15)
"""A claim older than this belongs to a process that died mid-decision: it may be taken."""


class UnknownApproval(NotFound):
    """No turn is waiting under this approval id."""

    def __init__(self, approval_id: str) -> None:
        super().__init__(
            f"Unknown approval id {approval_id!r}: check the id `copilot ask` printed."
        )


class ApprovalAlreadyDecided(Conflict):
    """The approval was decided already (or is being decided right now); a decision is final."""

    def __init__(self, record: ApprovalRecord) -> None:
        when = f"{record.decided_at:%Y-%m-%d %H:%M}" if record.decided_at else "just now"
        if record.status == DECIDING:
            text = f"is being decided by {record.reviewer} ({when}); reload to see the outcome"
        else:
            text = f"was already decided ({record.status} by {record.reviewer} at {when})"
        super().__init__(f"Approval {record.id!r} {text}.")


def create_pending(
    session: Session, approval_id: str, state: TurnState, created_at: datetime
) -> ApprovalRecord:
    """Store a pending approval so any process can find and resume the turn."""
    record = ApprovalRecord(
        id=approval_id,
        advisor_id=state["advisor_id"],
        customer_id=state["customer_id"],
        status=PENDING,
        escalated=bool(state.get("escalated")),
        message=state["message"],
        created_at=created_at,
    )
    session.add(record)
    return record


def pending_approval(session: Session, approval_id: str) -> ApprovalRecord:
    """Return the pending approval with this id.

    Raises:
        UnknownApproval: no such approval.
        ApprovalAlreadyDecided: it was decided already.
    """
    record = session.get(ApprovalRecord, approval_id)
    if record is None:
        raise UnknownApproval(approval_id)
    if record.status not in (PENDING, DECIDING):
        raise ApprovalAlreadyDecided(record)
    return record


def claim_pending(
    session: Session, approval_id: str, reviewer: str, at: datetime, expected: str = PENDING
) -> None:
    """Claim a waiting approval for one decision, atomically (compare-and-set in the database).

    Of two decisions racing on one approval exactly one claims it; the other gets
    ``ApprovalAlreadyDecided``. A claim left by a process that died mid-decision is taken
    over once it is older than ``STALE_CLAIM``. Commits on its own, so the claim is visible
    to every other process at once.

    Raises:
        UnknownApproval: no such approval.
        ApprovalAlreadyDecided: it is decided, or another decision holds a fresh claim.
    """
    claimable = or_(
        ApprovalRecord.status == expected,
        and_(ApprovalRecord.status == DECIDING, ApprovalRecord.decided_at < at - STALE_CLAIM),
    )
    won = session.execute(
        update(ApprovalRecord)
        .where(ApprovalRecord.id == approval_id, claimable)
        .values(status=DECIDING, reviewer=reviewer, decided_at=at)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    if won.rowcount == 1:  # type: ignore[attr-defined]
        return
    record = session.get(ApprovalRecord, approval_id)
    if record is None:
        raise UnknownApproval(approval_id)
    session.refresh(record)
    raise ApprovalAlreadyDecided(record)


def release_claim(session: Session, approval_id: str, back_to: str = PENDING) -> None:
    """Give a claimed approval back (the decision failed before it was recorded)."""
    session.execute(
        update(ApprovalRecord)
        .where(ApprovalRecord.id == approval_id, ApprovalRecord.status == DECIDING)
        .values(status=back_to, reviewer=None, decided_at=None)
        .execution_options(synchronize_session=False)
    )
    session.commit()


class ReviewNotWaiting(Conflict):
    """Compliance can decide only a draft the advisor approved that waits in the queue."""

    def __init__(self, approval_id: str, status: str) -> None:
        super().__init__(
            f"Draft {approval_id!r} is not waiting for compliance (it is {status}): only drafts "
            "an advisor approved into the review queue can be reviewed."
        )


class SelfApproval(Forbidden):
    """No one checks their own draft: the checker must not be the maker."""

    def __init__(self, approval_id: str) -> None:
        super().__init__(
            f"You approved draft {approval_id!r} as its maker; another person must review it."
        )


class ApprovalBlocked(Conflict):
    """The decision would let a text through that fails the compliance gate."""

    def __init__(self, approval_id: str, rules: list[str]) -> None:
        super().__init__(
            f"Approval {approval_id!r} cannot be approved as is: the text fails the compliance "
            f"gate ({', '.join(rules)}). Edit it (--decision edit --text FILE) or reject it."
        )
        self.rules = rules
