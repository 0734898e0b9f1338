"""Contract: the reviewer's json_schema call replayed from a real llama.cpp recording."""

import vcr

from copilot.compliance.models import ComplianceContext, DraftText
from copilot.llm.client import LLMClient
from copilot.llm.reviewer import LLMReviewer

DRAFT = (
    "Subject: Cyber cover\nMarketing\nFjord Mutual Insurance Ltd offers cyber cover that is "
    "guaranteed to pay every claim, at EUR 1,650 a year (indicative, not an offer).\n"
    "You can object to marketing at any time by replying STOP."
)
FACTS = {"recommendation": {"product": "CYBER", "indicative_premium_eur": 1850}}
CONTEXT = ComplianceContext(country="SE", channel="email", insurer_name="Fjord Mutual")


def test_recorded_review_returns_schema_valid_findings(
    recorded_llm: LLMClient, cassette_vcr: vcr.VCR
) -> None:
    with cassette_vcr.use_cassette("review_absolute_claim.yaml"):
        answer = LLMReviewer(recorded_llm).ask(DRAFT, FACTS)
    assert answer.prompt.id == "review"
    assert all(finding.severity in ("block", "warn") for finding in answer.parsed.findings)


def test_recorded_review_keeps_only_grounded_findings(
    recorded_llm: LLMClient, cassette_vcr: vcr.VCR
) -> None:
    with cassette_vcr.use_cassette("review_absolute_claim.yaml"):
        findings = LLMReviewer(recorded_llm).review(
            DraftText(body=DRAFT, channel="email"), FACTS, CONTEXT
        )
    assert all(finding.excerpt.lower() in DRAFT.lower() for finding in findings)


def test_recorded_review_flags_the_guarantee(
    recorded_llm: LLMClient, cassette_vcr: vcr.VCR
) -> None:
    with cassette_vcr.use_cassette("review_absolute_claim.yaml"):
        findings = LLMReviewer(recorded_llm).ask(DRAFT, FACTS).parsed.findings
    assert any("guaranteed to pay every claim" in finding.excerpt for finding in findings)
