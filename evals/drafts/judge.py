"""Usefulness by an LLM judge: three votes per draft, a criterion is met when two say so.

The judge only marks rubric criteria; every figure, verdict and threshold stays in code. Its
prompt is versioned (``prompts/judge_draft.v*.md``) and recorded with the suite's result.
When the model fails on a vote (transport, malformed JSON), that vote is dropped; with fewer
than two votes left the judge reports itself unavailable and the suite uses the proxy.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from copilot.llm.drafting import LANGUAGE_NAMES
from copilot.llm.errors import LLMUnavailable
from copilot.llm.protocol import LanguageModel
from evals.drafts.dataset import Criterion
from prompts.registry import PromptRef, load_prompt

JUDGE_PROMPT_ID = "judge_draft"
VOTES = 3
"""Votes per draft; a criterion is met by a strict majority of the votes cast."""


class CriterionVote(BaseModel):
    """One criterion as one vote marks it."""

    id: str = Field(description="Criterion id from the rubric.")
    met: bool = Field(description="The draft meets it.")


class JudgeAnswer(BaseModel):
    """One vote: every criterion marked."""

    criteria: list[CriterionVote] = Field(description="One entry per criterion.")


class Verdict(BaseModel):
    """The judge's majority per criterion, with the votes behind it."""

    met: dict[str, bool] = Field(description="Criterion id -> met by the majority.")
    votes: int = Field(description="Votes that came back valid.")
    prompt: PromptRef = Field(description="The judge prompt's id, version and hash.")


def majority(votes: Sequence[JudgeAnswer], rubric: Sequence[Criterion]) -> dict[str, bool]:
    """Return each criterion as met when more than half of the votes mark it met.

    A vote that leaves a criterion out (or names an unknown id) counts as not met for it.
    """
    result: dict[str, bool] = {}
    for criterion in rubric:
        yes = sum(any(v.id == criterion.id and v.met for v in vote.criteria) for vote in votes)
        result[criterion.id] = yes * 2 > len(votes)
    return result


def judge_draft(
    llm: LanguageModel, text: str, channel: str, language: str, rubric: Sequence[Criterion]
) -> Verdict:
    """Ask the judge ``VOTES`` times and return the majority per criterion.

    Raises:
        LLMUnavailable: fewer than two votes came back valid (``reason`` of the last fault).
    """
    prompt = load_prompt(JUDGE_PROMPT_ID)
    criteria = "\n".join(f"- {c.id}: {c.text}" for c in rubric)
    variables = {
        "channel": channel,
        "language": LANGUAGE_NAMES.get(language, language),
        "criteria": criteria,
        "draft": text,
    }
    votes: list[JudgeAnswer] = []
    fault: LLMUnavailable | None = None
    for _ in range(VOTES):
        try:
            votes.append(llm.structured(prompt, variables, JudgeAnswer).parsed)
        except LLMUnavailable as error:
            fault = error
    if len(votes) < 2:
        raise fault or LLMUnavailable("malformed", "the judge gave fewer than two votes")
    return Verdict(met=majority(votes, rubric), votes=len(votes), prompt=prompt.ref)
