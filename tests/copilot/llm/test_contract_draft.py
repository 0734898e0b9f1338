"""Contract: drafts and a revision in English and Swedish, replayed from real llama.cpp recordings.

The requests are what ``llm_draft`` sends: the offline reference of the same facts in the
customer's language, minimal facts and the cited passages, within the prompt's token budget.
The recorded ``usage.prompt_tokens`` is the server's own count.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import vcr
import yaml

from copilot.compliance.gate import check_draft
from copilot.compliance.language import foreign_passages, text_language
from copilot.compliance.models import ComplianceContext, DraftText
from copilot.llm.client import LLMClient
from copilot.llm.drafting import DraftRequest, draft_message, stream_draft
from prompts.budget import approx_message_tokens
from prompts.registry import load_prompt
from tests.copilot.llm.conftest import CASSETTES
from tests.copilot.llm.contract_data import (
    DRAFT_FACTS,
    DRAFT_PASSAGES,
    DRAFT_REQUEST,
    EMAIL_REFERENCE_EN,
    EMAIL_REFERENCE_SV,
    FAILED_DRAFT_SV,
    INSURER,
    REVISION_FINDINGS,
    SECRETS,
)

CASSETTE_PROMPTS = {
    "draft_email_en.yaml": "draft_email",
    "draft_email_sv.yaml": "draft_email",
    "revise_email_sv.yaml": "revise_draft",
}


def _request(language: str, reference: str) -> DraftRequest:
    return DraftRequest(
        channel="email",
        language=language,
        words="180 words in the body",
        facts=DRAFT_FACTS,
        reference=reference,
        request=DRAFT_REQUEST,
        insurer=INSURER,
    )


def _interactions(cassette: str) -> list[dict[str, Any]]:
    document = yaml.safe_load((CASSETTES / cassette).read_text(encoding="utf-8"))
    return list(document["interactions"])


def _body(cassette: str) -> dict[str, Any]:
    (interaction,) = _interactions(cassette)
    return dict(json.loads(interaction["request"]["body"]))


def _prompt_tokens(cassette: str) -> int:
    """Return the server's usage.prompt_tokens (the last SSE chunk carries it when streamed)."""
    (interaction,) = _interactions(cassette)
    text = interaction["response"]["body"]["string"]
    for line in reversed(text.splitlines()):
        payload = line.removeprefix("data: ").strip()
        if payload.startswith("{") and '"usage"' in payload:
            usage = json.loads(payload).get("usage")
            if usage:
                return int(usage["prompt_tokens"])
    raise AssertionError(f"{cassette} has no usage")


def test_recorded_english_email_is_a_draft_of_the_v2_prompt(
    recorded_llm: LLMClient, cassette_vcr: vcr.VCR
) -> None:
    with cassette_vcr.use_cassette("draft_email_en.yaml"):
        draft = draft_message(recorded_llm, _request("en", EMAIL_REFERENCE_EN), DRAFT_PASSAGES)
    assert "Sarah" in draft.text and "1,850" in draft.text
    assert text_language(draft.text) == "en"
    assert (draft.prompt.id, draft.prompt.version) == ("draft_email", 2)


def test_recorded_swedish_email_streams_in_swedish(
    recorded_llm: LLMClient, cassette_vcr: vcr.VCR
) -> None:
    with cassette_vcr.use_cassette("draft_email_sv.yaml"):
        stream = stream_draft(recorded_llm, _request("sv", EMAIL_REFERENCE_SV), DRAFT_PASSAGES)
        deltas = list(stream)
    text = "".join(deltas)
    assert len(deltas) > 10 and text == stream.generation.text
    assert "Sarah" in text and "Fjord Mutual Insurance Ltd" in text
    assert text_language(text) == "sv" and foreign_passages(text, "sv") == []


def test_recorded_swedish_revision_answers_the_findings(
    recorded_llm: LLMClient, cassette_vcr: vcr.VCR
) -> None:
    with cassette_vcr.use_cassette("revise_email_sv.yaml"):
        stream = stream_draft(
            recorded_llm,
            _request("sv", EMAIL_REFERENCE_SV),
            DRAFT_PASSAGES,
            revise=FAILED_DRAFT_SV,
            findings=REVISION_FINDINGS,
        )
        text = "".join(stream)
    assert stream.generation.prompt.id == "revise_draft"
    # Recorded honestly: the 1.5B model gave the failed draft back unchanged. The gate applies
    # unchanged to a model's revision, so it still blocks it and the turn goes to a human.
    report = check_draft(
        DraftText(subject=None, body=text, channel="email", language="sv"),
        DRAFT_FACTS,
        ComplianceContext(
            country="SE",
            language="sv",
            channel="email",
            insurer_name=INSURER,
            consent={"email": True},
            is_existing_customer=True,
        ),
    )
    assert not report.passed
    assert {"claims.absolute", "disclosure.opt_out"} <= {f.rule for f in report.findings}


@pytest.mark.parametrize("cassette", CASSETTE_PROMPTS)
def test_recorded_requests_fit_the_budget_the_server_counted(cassette: str) -> None:
    prompt = load_prompt(CASSETTE_PROMPTS[cassette])
    served = _prompt_tokens(cassette)
    estimated = approx_message_tokens(_body(cassette)["messages"])
    assert served <= estimated <= prompt.max_prompt_tokens  # the estimate errs high


@pytest.mark.parametrize("cassette", CASSETTE_PROMPTS)
def test_recorded_requests_carry_no_personal_data_or_crm_notes(cassette: str) -> None:
    body = json.dumps(_body(cassette), ensure_ascii=False)
    assert not [secret for secret in SECRETS if secret in body]
    assert "burnout" not in body and "crm_notes" not in body


def test_recorded_request_keeps_the_figures_the_language_and_the_cited_passage() -> None:
    user = _body("draft_email_sv.yaml")["messages"][1]["content"]
    assert "EUR 1,850" in user and "Language: Swedish (svenska)" in user
    assert "[product-cyber-sv@1.0#0]" in user
    assert "[product-cyber@1.0#1]" not in user  # the Swedish reference does not cite it
