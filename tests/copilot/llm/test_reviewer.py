import json
from collections.abc import Callable

import httpx2

from copilot.compliance.gate import LLMReviewer as GateReviewer
from copilot.compliance.models import ComplianceContext, DraftText
from copilot.llm.client import LLMClient
from copilot.llm.errors import LLMUnavailable
from copilot.llm.reviewer import LLMReviewer, ReviewFinding, grounded_findings
from copilot.llm.scripted import ScriptedLLM
from tests.copilot.llm.conftest import chat_response

BODY = "Marketing\nOur cyber policy is guaranteed to pay every claim."
DRAFT = DraftText(subject="Cyber cover", body=BODY, channel="email")
CONTEXT = ComplianceContext(country="SE", channel="email", insurer_name="Fjord Mutual")
FACTS = {"premium_eur": 1850}
Build = Callable[..., LLMClient]


def _finding(excerpt: str, rule: str = "absolute_claim") -> ReviewFinding:
    return ReviewFinding(rule=rule, severity="block", message="Absolute claim.", excerpt=excerpt)


def _answer(*findings: ReviewFinding) -> str:
    return json.dumps({"findings": [finding.model_dump() for finding in findings]})


def test_grounded_findings_keeps_an_excerpt_found_in_the_draft() -> None:
    assert len(grounded_findings([_finding("guaranteed to pay")], BODY)) == 1


def test_grounded_findings_drops_an_invented_excerpt() -> None:
    assert grounded_findings([_finding("cheapest in Sweden")], BODY) == []


def test_grounded_findings_drops_an_empty_excerpt() -> None:
    assert grounded_findings([_finding("  ")], BODY) == []


def test_grounded_findings_prefixes_rule_ids() -> None:
    assert grounded_findings([_finding("guaranteed")], BODY)[0].rule == "llm.absolute_claim"


def test_reviewer_fits_the_compliance_gate_protocol() -> None:
    reviewer: GateReviewer = LLMReviewer(ScriptedLLM({"review": _answer()}))
    assert reviewer.review(DRAFT, FACTS, CONTEXT) == []


def test_reviewer_returns_only_grounded_findings(scripted_llm: Build) -> None:
    answer = _answer(_finding("guaranteed to pay"), _finding("no risk at all"))
    llm = scripted_llm(lambda request: httpx2.Response(200, json=chat_response(answer)))
    findings = LLMReviewer(llm).review(DRAFT, FACTS, CONTEXT)
    assert [finding.excerpt for finding in findings] == ["guaranteed to pay"]


def test_reviewer_reads_the_subject_line_too() -> None:
    llm = ScriptedLLM({"review": _answer(_finding("Cyber cover"))})
    assert len(LLMReviewer(llm).review(DRAFT, FACTS, CONTEXT)) == 1


def test_reviewer_caps_model_findings_at_warn_by_default() -> None:
    llm = ScriptedLLM({"review": _answer(_finding("guaranteed"))})
    assert LLMReviewer(llm).review(DRAFT, FACTS, CONTEXT)[0].severity == "warn"


def test_reviewer_may_be_allowed_to_block() -> None:
    llm = ScriptedLLM({"review": _answer(_finding("guaranteed"))})
    reviewer = LLMReviewer(llm, max_severity="block")
    assert reviewer.review(DRAFT, FACTS, CONTEXT)[0].severity == "block"


def test_unavailable_model_adds_one_warning_saying_why() -> None:
    llm = ScriptedLLM({"review": LLMUnavailable("timeout", "scripted")})
    (finding,) = LLMReviewer(llm).review(DRAFT, FACTS, CONTEXT)
    assert (finding.rule, finding.severity) == ("llm.review_unavailable", "warn")
    assert "did not answer in time" in finding.message
