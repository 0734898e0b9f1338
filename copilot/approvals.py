"""The rules of a decision on a draft: what the reviewer may let through, and its record."""

from __future__ import annotations

from datetime import datetime

from copilot.compliance.models import ComplianceReport
from copilot.nodes.check_compliance import check_final_text
from copilot.records.store import ApprovalBlocked
from copilot.state import ApprovalDecision, Decision, TurnState
from tools.foundation.settings import Settings


def blocking_rules(report: ComplianceReport) -> list[str]:
    """Return the ids of the rules whose findings block the text, sorted."""
    return sorted({f.rule for f in report.findings if f.severity == "block"})


def check_decision(
    values: TurnState,
    approval_id: str,
    *,
    decision: Decision,
    edited_text: str | None,
    settings: Settings,
) -> None:
    """Refuse to let a text through that fails the gate (approve as is, or an edit).

    Raises:
        ApprovalBlocked: the text (the draft, or the reviewer's edit) fails the gate.
    """
    if decision == "reject":
        return
    if decision == "edit":
        if not edited_text or not edited_text.strip():
            raise ApprovalBlocked(approval_id, ["edit.empty_text"])
        report = check_final_text(values, settings, edited_text)
    else:
        report = values["compliance"]
    blocking = blocking_rules(report)
    if blocking:
        raise ApprovalBlocked(approval_id, blocking)


def decision_record(
    decision: Decision,
    reviewer: str,
    reason: str,
    edited_text: str | None,
    at: datetime,
    role: str = "advisor",
) -> ApprovalDecision:
    """Return the decision as the graph records it (an edit keeps its text, others none)."""
    return ApprovalDecision(
        decision=decision,
        reviewer=reviewer,
        reviewer_role=role,
        reason=reason,
        edited_text=edited_text if decision == "edit" else None,
        decided_at=at,
    )
