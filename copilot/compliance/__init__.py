"""The compliance gate every drafted outreach message passes before an advisor approves it."""

from copilot.compliance.gate import RULES, LLMReviewer, check_draft
from copilot.compliance.models import (
    ComplianceContext,
    ComplianceReport,
    DraftText,
    Finding,
    RuleRef,
)

__all__ = [
    "RULES",
    "ComplianceContext",
    "ComplianceReport",
    "DraftText",
    "Finding",
    "LLMReviewer",
    "RuleRef",
    "check_draft",
]
