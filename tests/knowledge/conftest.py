"""Fixtures: tiny synthetic corpora for ingest tests, a small real store, the full corpus once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.ingest import IngestReport, ingest_corpus
from knowledge.search import forget_lexical_index
from knowledge.store import forget_collections
from tests.knowledge.stores import sheets_of, store_of
from tools.foundation.settings import Settings

SMALL_DOCS = (
    "product/product-cyber.md",
    "product/product-fleet.md",
    "compliance/compliance-consent-sweden.md",
    *sheets_of("product-cyber", ["en", "sv", "fi"]),
    *sheets_of("product-fleet", ["sv"]),
)

TINY_DOC = """---
doc_id: {doc_id}
title: {title}
type: {type}
products: [{products}]
countries: [{countries}]
language: en
version: "1.0"
effective_date: 2026-11-01
---
# {title}

Illustrative guidance, not legal advice.

## What it covers
{covers}

## Main exclusions
{excludes}
"""

TINY_DOCS = {
    "product/tiny-cyber.md": dict(
        doc_id="tiny-cyber",
        title="Cyber sheet",
        type="product",
        products="CYBER",
        countries="ALL",
        covers="Ransomware and data breach costs.",
        excludes="War.",
    ),
    "product/tiny-fleet.md": dict(
        doc_id="tiny-fleet",
        title="Fleet sheet",
        type="product",
        products="FLEET",
        countries="ALL",
        covers="Company vans and trucks.",
        excludes="Drunk driving.",
    ),
    "compliance/tiny-consent-se.md": dict(
        doc_id="tiny-consent-se",
        title="Consent in Sweden",
        type="compliance",
        products="",
        countries="SE",
        covers="Email needs consent or soft opt-in.",
        excludes="Prospects.",
    ),
}


def _close_stores() -> None:
    forget_collections()
    forget_lexical_index()


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    """Return a temporary corpus of three short synthetic documents (fast to embed)."""
    root = tmp_path / "corpus"
    for relative, fields in TINY_DOCS.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(TINY_DOC.format(**fields), encoding="utf-8")
    return root


@pytest.fixture
def tiny_settings(tmp_path: Path) -> Iterator[Settings]:
    """Return settings whose data dir (and so Chroma store) is a fresh temporary folder."""
    yield Settings(data_dir=tmp_path / "data")
    _close_stores()


@pytest.fixture(scope="session")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Return settings of a store of real documents: cyber, fleet and SE consent for advisors,
    and the cyber customer sheets in English, Swedish and Finnish and fleet's in Swedish."""
    return store_of(
        SMALL_DOCS, tmp_path_factory.mktemp("small-corpus"), tmp_path_factory.mktemp("store")
    )


@pytest.fixture(scope="session")
def full_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, IngestReport]:
    """Ingest the whole corpus once per session into a temporary store (read-only for tests)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("knowledge"))
    return settings, ingest_corpus(settings)
