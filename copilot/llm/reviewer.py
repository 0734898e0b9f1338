"""An LLM second reader for drafts: it can only add findings, never remove the gate's."""

from __future__ import annotations

import logging
from typing import Any, Literal

from pydantic import BaseModel, Field

from copilot.llm.protocol import LanguageModel
from copilot.llm.result import StructuredGeneration
from prompts.registry import PromptRef, load_prompt

logger = logging.getLogger(__name__)

REVIEW_PROMPT_ID = "review"
"""Prompt id of the reviewer."""

RULE_PREFIX = "llm."
"""Prefix of rule ids the reviewer reports, so they never collide with rule-pack ids."""


class ReviewFinding(BaseModel):
    """One extra compliance finding proposed by the model (same fields as the gate's Finding)."""

    rule: str = Field(description="Short snake_case rule name, prefixed `llm.` once accepted.")
    severity: Literal["block", "warn"] = Field(description="block stops approval; warn informs.")
    message: str = Field(description="What is wrong, for a person.")
    excerpt: str = Field(description="The exact words of the draft the finding points at.")


class ReviewAnswer(BaseModel):
    """The reviewer's JSON answer."""

    findings: list[ReviewFinding] = Field(description="Problems found; empty when none.")


class LLMReviewer:
    """Ask the review prompt for findings the deterministic gate may have missed.

    Only findings whose excerpt occurs verbatim in the draft are kept: a small model's
    invented quotes are dropped rather than shown to the advisor.

    Args:
        llm: The adapter.
    """

    def __init__(self, llm: LanguageModel) -> None:
        self.llm = llm
        self.prompt = load_prompt(REVIEW_PROMPT_ID)

    @property
    def prompt_ref(self) -> PromptRef:
        """Return the identity of the review prompt, to record with the report."""
        return self.prompt.ref

    def ask(self, draft: str, facts: dict[str, Any]) -> StructuredGeneration[ReviewAnswer]:
        """Return the model's raw review with provenance.

        Raises:
            LLMUnavailable: Any transport or output failure.
        """
        return self.llm.structured(self.prompt, {"draft": draft, "facts": facts}, ReviewAnswer)

    def review(self, draft: str, facts: dict[str, Any]) -> list[ReviewFinding]:
        """Return the grounded extra findings on a draft.

        Args:
            draft: The full message text (subject line included).
            facts: The facts the draft may quote (minimised before sending).

        Returns:
            Findings with ``llm.``-prefixed rule ids and excerpts found in the draft.

        Raises:
            LLMUnavailable: Any transport or output failure; the gate's own findings stand.
        """
        answer = self.ask(draft, facts).parsed
        return grounded_findings(answer.findings, draft)


def grounded_findings(findings: list[ReviewFinding], draft: str) -> list[ReviewFinding]:
    """Keep findings whose non-empty excerpt occurs in the draft; prefix their rule ids."""
    kept = []
    lowered = draft.lower()
    for finding in findings:
        excerpt = finding.excerpt.strip()
        if not excerpt or excerpt.lower() not in lowered:
            logger.info("Dropped an ungrounded review finding %r", finding.rule)
            continue
        rule = finding.rule if finding.rule.startswith(RULE_PREFIX) else RULE_PREFIX + finding.rule
        kept.append(finding.model_copy(update={"rule": rule, "excerpt": excerpt}))
    return kept
