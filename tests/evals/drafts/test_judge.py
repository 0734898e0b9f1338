"""The LLM judge: a criterion is met by a strict majority of three votes."""

from __future__ import annotations

from typing import Any

import pytest

from copilot.llm.errors import LLMUnavailable
from copilot.llm.scripted import ScriptedLLM
from evals.drafts.dataset import Criterion
from evals.drafts.judge import CriterionVote, JudgeAnswer, judge_draft, majority

RUBRIC = [
    Criterion(id="why_now", text="Says why now.", proxy="trigger"),
    Criterion(id="addressed", text="Greets the contact.", proxy="contact"),
]


def _vote(**marks: bool) -> dict[str, Any]:
    return {"criteria": [{"id": key, "met": value} for key, value in marks.items()]}


def test_two_votes_of_three_make_a_criterion_met() -> None:
    votes = [
        JudgeAnswer(criteria=[CriterionVote(id="why_now", met=True)]),
        JudgeAnswer(
            criteria=[
                CriterionVote(id="why_now", met=True),
                CriterionVote(id="addressed", met=True),
            ]
        ),
        JudgeAnswer(
            criteria=[
                CriterionVote(id="why_now", met=False),
                CriterionVote(id="addressed", met=False),
            ]
        ),
    ]

    assert majority(votes, RUBRIC) == {"why_now": True, "addressed": False}


def test_the_judge_asks_three_times_and_drops_a_failed_vote() -> None:
    llm = ScriptedLLM(
        answers={
            "judge_draft": [
                _vote(why_now=True, addressed=True),
                LLMUnavailable("malformed", "cut off"),
                _vote(why_now=True, addressed=False),
            ]
        },
        model="fake",
    )

    verdict = judge_draft(llm, "Hej Sarah, ...", "email", "sv", RUBRIC)

    assert verdict.votes == 2
    assert verdict.met == {"why_now": True, "addressed": False}
    assert verdict.prompt.id == "judge_draft"
    assert len(llm.calls) == 3


def test_a_judge_with_fewer_than_two_votes_is_unavailable() -> None:
    faults = [LLMUnavailable("timeout", "slow")] * 2 + [_vote(why_now=True, addressed=True)]
    llm = ScriptedLLM(answers={"judge_draft": faults}, model="fake")

    with pytest.raises(LLMUnavailable):
        judge_draft(llm, "text", "email", "sv", RUBRIC)
