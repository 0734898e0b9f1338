"""An LLM second reader for drafts: it can only add findings, never remove the gate's."""

from __future__ import annotations

import logging
from typing import Literal

from pydantic import BaseModel, Field

from copilot.compliance.models import ComplianceContext, DraftText, Finding, Severity
from copilot.llm.errors import LLMUnavailable
from copilot.llm.protocol import LanguageModel
from copilot.llm.result import StructuredGeneration
from prompts.registry import PromptRef, load_prompt

logger = logging.getLogger(__name__)

REVIEW_PROMPT_ID = "review"
"""Prompt id of the reviewer."""

RULE_PREFIX = "llm."
"""Prefix of rule ids the reviewer reports, so they never collide with rule-pack ids."""

UNAVAILABLE_RULE = "llm.review_unavailable"
"""Rule id of the warning added when the model could not review the draft."""


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

    Fits the compliance gate's ``LLMReviewer`` protocol (``review(draft, facts, context)``).
    Only findings whose excerpt occurs verbatim in the draft are kept: a small model's
    invented quotes are dropped rather than shown to the advisor. Findings are capped at
    ``max_severity`` (``warn`` by default), so a weak model informs but cannot block alone.
    When the model is unavailable the review adds one ``llm.review_unavailable`` warning
    saying why, instead of failing the gate.

    Args:
        llm: The adapter.
        max_severity: The strongest severity a model finding may carry.
        brief: The facts the model is shown instead of the gate's (all tool outputs would
            not fit a small model's budget); the drafter's minimal facts in a turn.
    """

    def __init__(
        self,
        llm: LanguageModel,
        max_severity: Severity = "warn",
        brief: dict[str, object] | None = None,
    ) -> None:
        self.llm = llm
        self.max_severity: Severity = max_severity
        self.brief = brief
        self.prompt = load_prompt(REVIEW_PROMPT_ID)

    @property
    def prompt_ref(self) -> PromptRef:
        """Return the identity of the review prompt, to record with the report."""
        return self.prompt.ref

    def ask(self, draft: str, facts: object) -> StructuredGeneration[ReviewAnswer]:
        """Return the model's raw review of a draft text, with provenance.

        Raises:
            LLMUnavailable: Any transport or output failure.
        """
        variables = {"draft": draft, "facts": _jsonable(facts)}
        return self.llm.structured(self.prompt, variables, ReviewAnswer)

    def review(self, draft: DraftText, facts: object, context: ComplianceContext) -> list[Finding]:
        """Return the grounded extra findings on a draft (the gate adds them to its own).

        Args:
            draft: The message; the subject line is reviewed too.
            facts: The facts the draft may quote (minimised before sending).
            context: The gate's context (unused: the rules that need it are code).

        Returns:
            Findings with ``llm.``-prefixed rule ids, or one warning that the review did not run.
        """
        text = draft.full_text
        try:
            answer = self.ask(text, facts if self.brief is None else self.brief).parsed
        except LLMUnavailable as fault:
            return [Finding(rule=UNAVAILABLE_RULE, severity="warn", message=str(fault))]
        kept = grounded_findings(answer.findings, text)
        return [self._to_finding(finding) for finding in kept]

    def _to_finding(self, finding: ReviewFinding) -> Finding:
        severity = "block" if finding.severity == self.max_severity == "block" else "warn"
        return Finding(
            rule=finding.rule, severity=severity, message=finding.message, excerpt=finding.excerpt
        )


def _jsonable(facts: object) -> object:
    """Return facts as JSON-like data (pydantic models are dumped) for the prompt."""
    if isinstance(facts, BaseModel):
        return facts.model_dump(mode="json")
    if isinstance(facts, dict | list | tuple):
        return facts
    return {"facts": str(facts)}


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
