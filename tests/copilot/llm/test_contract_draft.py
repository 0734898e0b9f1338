"""Contract: a draft completion and a streamed draft replayed from real llama.cpp recordings."""

import json

import vcr
import yaml

from copilot.llm.client import LLMClient
from copilot.llm.drafting import draft_message, stream_draft
from tests.copilot.llm.conftest import CASSETTES
from tests.copilot.llm.contract_data import (
    DRAFT_FACTS,
    DRAFT_PASSAGES,
    DRAFT_REQUEST,
    INSURER,
    PORTAL_FACTS,
    PORTAL_REQUEST,
    SECRETS,
)


def _recorded_request_bodies(cassette: str) -> list[str]:
    document = yaml.safe_load((CASSETTES / cassette).read_text(encoding="utf-8"))
    return [interaction["request"]["body"] for interaction in document["interactions"]]


def test_recorded_email_draft_is_text_with_its_prompt(
    recorded_llm: LLMClient, cassette_vcr: vcr.VCR
) -> None:
    with cassette_vcr.use_cassette("draft_email.yaml"):
        draft = draft_message(
            recorded_llm, "email", DRAFT_FACTS, DRAFT_PASSAGES, DRAFT_REQUEST, INSURER
        )
    assert draft.text.strip()
    assert (draft.prompt.id, draft.prompt.version) == ("draft_email", 1)


def test_recorded_email_draft_follows_the_labelling_rules(
    recorded_llm: LLMClient, cassette_vcr: vcr.VCR
) -> None:
    with cassette_vcr.use_cassette("draft_email.yaml"):
        text = draft_message(
            recorded_llm, "email", DRAFT_FACTS, DRAFT_PASSAGES, DRAFT_REQUEST, INSURER
        ).text
    assert all(label in text for label in ("Marketing", "indicative, not an offer", INSURER))


def test_recorded_draft_request_carries_no_personal_data() -> None:
    (body,) = _recorded_request_bodies("draft_email.yaml")
    assert not [secret for secret in SECRETS if secret in body]


def test_recorded_draft_request_carries_no_crm_notes() -> None:
    (body,) = _recorded_request_bodies("draft_email.yaml")
    assert "burnout" not in body and "crm_notes" not in body


def test_recorded_draft_request_keeps_the_figures() -> None:
    (body,) = _recorded_request_bodies("draft_email.yaml")
    user = json.loads(body)["messages"][1]["content"]
    assert "1850" in user and "[cyber-liability@2026.1#0]" in user


def test_recorded_stream_yields_deltas_that_make_the_text(
    recorded_llm: LLMClient, cassette_vcr: vcr.VCR
) -> None:
    with cassette_vcr.use_cassette("draft_portal_stream.yaml"):
        stream = stream_draft(
            recorded_llm, "portal_message", PORTAL_FACTS, (), PORTAL_REQUEST, INSURER
        )
        deltas = list(stream)
    assert len(deltas) > 10
    assert "".join(deltas) == stream.generation.text
