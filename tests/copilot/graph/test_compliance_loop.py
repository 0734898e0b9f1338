"""Gate failure -> one automatic revision -> pass; failing twice escalates to a human."""

from __future__ import annotations

from typing import Any

from tests.copilot.conftest import NOW, SEED_ADVISOR, ScriptedLLM
from tests.copilot.turns import run_turn
from tools.foundation.settings import Settings

PLAN = {
    "intent": "draft_outreach",
    "products": ["CYBER"],
    "channel": "email",
    "tools": ["customer_profile", "coverage_gaps", "next_best_actions", "arbitrate", "quote"],
}


def _first_chunk(variables: dict[str, Any]) -> str:
    return variables["documents"].split("]")[0].lstrip("[")


def clean_email(variables: dict[str, Any]) -> str:
    cid = _first_chunk(variables)
    insurer = variables["insurer"]
    return (
        f"Subject: Marknadsföring från {insurer}: cyberförsäkring\n\n"
        f"Marknadsföring från {insurer}. Hej, vi föreslår en cyberförsäkring för ert företag "
        f"[{cid}]. Viktigaste undantag: krig och avbrott i den allmänna infrastrukturen omfattas "
        f"inte [{cid}]. Försäkringsgivare som bär risken är {insurer}. Ni kan när som helst "
        "invända mot marknadsföring eller avregistrera er genom att svara STOPP."
    )


PROMISE = " ni får garanterad ersättning;"
"""An absolute claim (guaranteed payout) the gate blocks."""


def promising_email(variables: dict[str, Any]) -> str:
    return clean_email(variables).replace("Hej,", f"Hej,{PROMISE}")


def test_failed_draft_is_revised_once_and_passes(shared_settings: Settings) -> None:
    llm = ScriptedLLM(plans=[PLAN], drafts=[promising_email, clean_email])

    result = run_turn(
        shared_settings, SEED_ADVISOR, "S000001", "email about cyber", now=NOW, llm=llm
    )

    assert result.passed
    assert result.draft is not None and result.draft.attempt == 2
    assert result.draft.source == "llm"
    assert not result.escalated
    revision = [c for c in llm.calls if c.kind == "stream"][1]
    assert revision.prompt_id == "revise_draft"
    assert "claims.absolute" in revision.variables["findings"]
    assert "garanterad ersättning" in revision.variables["draft"]


def test_draft_failing_twice_is_escalated_with_findings(shared_settings: Settings) -> None:
    llm = ScriptedLLM(plans=[PLAN], drafts=[promising_email, promising_email])

    result = run_turn(
        shared_settings, SEED_ADVISOR, "S000001", "email about cyber", now=NOW, llm=llm
    )

    assert not result.passed
    assert result.escalated
    assert {f.rule for f in result.findings} >= {"claims.absolute"}
    assert result.approval_id is not None
    assert any("Escalated" in notice for notice in result.notices)


def test_llm_reviewer_adds_findings_but_cannot_block_alone(shared_settings: Settings) -> None:
    review = {
        "findings": [
            {
                "rule": "tone",
                "severity": "block",
                "message": "pushy",
                "excerpt": "vi föreslår en cyberförsäkring",
            }
        ]
    }
    llm = ScriptedLLM(plans=[PLAN], drafts=[clean_email], reviews=[review])

    result = run_turn(
        shared_settings, SEED_ADVISOR, "S000001", "email about cyber", now=NOW, llm=llm
    )

    assert result.passed
    assert [(f.rule, f.severity) for f in result.findings] == [("llm.tone", "warn")]


def test_llm_reviewer_cannot_pass_what_the_code_failed(shared_settings: Settings) -> None:
    llm = ScriptedLLM(plans=[PLAN], drafts=[promising_email, promising_email])

    result = run_turn(
        shared_settings, SEED_ADVISOR, "S000001", "email about cyber", now=NOW, llm=llm
    )

    assert not result.passed
    assert sum(c.prompt_id == "review" for c in llm.calls) == 2
