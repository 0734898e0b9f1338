import json
from collections.abc import Callable

import httpx2

from copilot.llm.client import LLMClient
from copilot.llm.reviewer import LLMReviewer, ReviewFinding, grounded_findings
from tests.copilot.llm.conftest import chat_response

DRAFT = "Subject: Cyber cover\nMarketing\nOur cyber policy is guaranteed to pay every claim."
Build = Callable[..., LLMClient]


def _finding(excerpt: str, rule: str = "absolute_claim") -> ReviewFinding:
    return ReviewFinding(rule=rule, severity="block", message="Absolute claim.", excerpt=excerpt)


def test_grounded_findings_keeps_an_excerpt_found_in_the_draft() -> None:
    assert len(grounded_findings([_finding("guaranteed to pay")], DRAFT)) == 1


def test_grounded_findings_drops_an_invented_excerpt() -> None:
    assert grounded_findings([_finding("cheapest in Sweden")], DRAFT) == []


def test_grounded_findings_drops_an_empty_excerpt() -> None:
    assert grounded_findings([_finding("  ")], DRAFT) == []


def test_grounded_findings_prefixes_rule_ids() -> None:
    assert grounded_findings([_finding("guaranteed")], DRAFT)[0].rule == "llm.absolute_claim"


def test_reviewer_returns_grounded_findings_from_the_model(scripted_llm: Build) -> None:
    answer = json.dumps(
        {
            "findings": [
                _finding("guaranteed to pay").model_dump(),
                _finding("no risk at all").model_dump(),
            ]
        }
    )
    llm = scripted_llm(lambda request: httpx2.Response(200, json=chat_response(answer)))
    findings = LLMReviewer(llm).review(DRAFT, {"premium_eur": 1850})
    assert [finding.excerpt for finding in findings] == ["guaranteed to pay"]
