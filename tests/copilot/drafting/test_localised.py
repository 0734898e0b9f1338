"""Localised product sheets: their wording and chunk ids in the draft; else the catalogue's."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from copilot.compliance import ComplianceContext, DraftText, check_draft
from copilot.drafting import compose_draft, localised
from copilot.drafting.facts import build_draft_input
from copilot.state import CustomerFacts
from knowledge import Chunk
from tools.contactability import Contactability
from tools.contactability.rules import ChannelState

INSURER = "Fjord Mutual Insurance Ltd"


def _chunk(chunk_id: str, section: str, text: str) -> Chunk:
    return Chunk(
        chunk_id=chunk_id,
        doc_id=chunk_id.split("@")[0],
        version="1",
        title="Cyberförsäkring",
        section=section,
        text=text,
        score=1.0,
        type="product",
        products=["CYBER"],
        countries=["SE"],
    )


ENGLISH = [
    _chunk("product-cyber@1.0#0", "What it covers", "Cyber liability covers breaches."),
    _chunk("product-cyber@1.0#1", "Main exclusions", "- War and state-backed attacks."),
]
SWEDISH = [
    _chunk("product-cyber-sv@1#0", "Vad försäkringen omfattar", "Dataintrång och ransomware."),
    _chunk("product-cyber-sv@1#1", "Viktigaste undantag", "- Krig och statliga angrepp."),
]


@dataclass
class Wording:
    """The shape of knowledge.localised.LocalisedProduct."""

    code: str
    language: str
    name: str
    description: str
    description_cite: str
    exclusion: str | None
    exclusion_cite: str | None


def _sheet_in(chunks: Sequence[Chunk], code: str, language: str) -> Wording | None:
    """Pick a product's passages in a language by their ids, as knowledge.localised does."""
    mine = [c for c in chunks if c.chunk_id.startswith(f"product-{code.lower()}-{language}@")]
    if len(mine) < 2:
        return None
    cover, excluded = mine[0], mine[1]
    return Wording(
        code=code,
        language=language,
        name="Cyberförsäkring",
        description="Skydd vid dataintrång och ransomware, med krishjälp dygnet runt.",
        description_cite=cover.chunk_id,
        exclusion="Krig och statliga cyberangrepp.",
        exclusion_cite=excluded.chunk_id,
    )


CUSTOMER = CustomerFacts(
    id="S1",
    name="Acme AB",
    country="SE",
    language="sv",
    industry="it_services",
    preferred_channel="email",
    contactability=Contactability(
        channels=[ChannelState(channel="email", consent="given", marketing_allowed=True)],
        objection_to_marketing=False,
        care_flag=False,
        may_sell=True,
    ),
    is_existing_customer=True,
)


def _draft(chunks: list[Chunk]) -> tuple[str, list[str]]:
    draft_input = build_draft_input(
        channel="email",
        language="sv",
        customer=CUSTOMER,
        insurer=INSURER,
        products=["CYBER"],
        chunks=chunks,
        quote=None,
        sales_allowed=True,
    )
    composed = compose_draft(draft_input)
    return composed.body, composed.citations


def test_a_localised_sheet_gives_the_wording_and_its_citations(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(localised, "_finder", lambda: _sheet_in)

    body, citations = _draft(ENGLISH + SWEDISH)

    assert "Skydd vid dataintrång och ransomware" in body
    assert "Viktigaste undantag: Krig och statliga cyberangrepp. [product-cyber-sv@1#1]" in body
    assert citations == ["product-cyber-sv@1#0", "product-cyber-sv@1#1"]
    text = DraftText(subject=None, body=body, channel="email", language="sv", citations=citations)
    context = ComplianceContext(
        country="SE",
        language="sv",
        channel="email",
        insurer_name=INSURER,
        retrieved_chunk_ids=[c.chunk_id for c in ENGLISH + SWEDISH],
        consent={"email": True},
        is_existing_customer=True,
    )
    assert check_draft(text, {}, context).passed


def test_without_a_localised_sheet_the_product_is_named_not_quoted_in_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(localised, "_finder", lambda: _sheet_in)

    body, citations = _draft(ENGLISH)

    assert "- Cyberförsäkring [product-cyber@1.0#0]" in body
    assert "Data breach" not in body and "War and state-backed" not in body
    assert citations == ["product-cyber@1.0#0"]


def test_without_the_module_the_drafter_still_drafts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(localised, "_finder", lambda: None)

    body, _ = _draft(ENGLISH + SWEDISH)

    assert "product-cyber-sv" not in body and "Cyberförsäkring" in body


def test_a_passage_that_was_not_retrieved_is_never_cited(monkeypatch: pytest.MonkeyPatch) -> None:
    invented = Wording("CYBER", "sv", "Cyber", "Text.", "product-cyber-sv@9#9", None, None)
    monkeypatch.setattr(localised, "_finder", lambda: lambda chunks, code, language: invented)

    assert localised.localised_wording(ENGLISH, "CYBER", "sv") is None
