"""Which drafts an advisor approved must go to compliance before they may go out.

Three reasons, each recorded with the queue item: the draft was ``escalated`` (it failed the
gate twice and a person fixed it), the country's rule pack requires ``pre_approval`` for the
channel (on by default for a first marketing e-mail to a customer), or the draft fell in the
random ``sample`` (a share from the settings, drawn by a stable hash of the approval id so
that every process draws the same). Talking points are for the advisor alone: never queued.
"""

from __future__ import annotations

import hashlib

from copilot.compliance.rulepacks import load_rule_pack
from copilot.state import TurnState

ADVISOR_ONLY = frozenset({"talking_points"})
"""Draft formats that never reach a customer."""


def in_sample(approval_id: str, rate: float) -> bool:
    """Return whether an approval falls in the review sample (stable across processes)."""
    if rate <= 0:
        return False
    digest = hashlib.sha256(f"review-sample:{approval_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < rate


def review_reasons(state: TurnState, sample_rate: float) -> list[str]:
    """Return why compliance must review the approved draft (empty: it may go out now)."""
    draft = state["draft"]
    if draft.channel in ADVISOR_ONLY:
        return []
    reasons = []
    if state.get("escalated"):
        reasons.append("escalated")
    setting = load_rule_pack(state["customer"].country).pre_approval.get(draft.channel, "never")
    first = not state["customer"].marketed_before
    if setting == "always" or (setting == "first_contact" and first):
        reasons.append("pre_approval")
    if in_sample(state["request_id"], sample_rate):
        reasons.append("sample")
    return reasons
