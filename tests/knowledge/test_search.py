from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.corpus_reader import parse_document
from knowledge.ingest import IngestReport, ingest_corpus
from knowledge.metadata import chunk_metadata
from knowledge.search import InvalidSearch, SearchMode, search, where_filter
from knowledge.store import get_collection
from tools.foundation.errors import UnknownProduct
from tools.foundation.settings import Settings


@pytest.mark.parametrize("mode", ["dense", "hybrid"])
def test_cyber_question_ranks_cyber_sheet_above_fleet(
    small_store: Settings, mode: SearchMode
) -> None:
    chunks = search(
        "cyber attack data breach cover", types=["product"], k=4, mode=mode, settings=small_store
    )
    docs = [c.doc_id for c in chunks]
    assert docs[0] == "product-cyber"
    assert "product-fleet" not in docs or docs.index("product-cyber") < docs.index("product-fleet")


def test_chunk_carries_citation_fields(small_store: Settings) -> None:
    chunk = search("ransomware", k=1, settings=small_store)[0]
    assert chunk.chunk_id.startswith(f"{chunk.doc_id}@{chunk.version}#")
    assert chunk.products == ["CYBER"] and chunk.type == "product"
    assert chunk.section and chunk.text.startswith(chunk.title)


def test_product_filter_returns_only_that_product(small_store: Settings) -> None:
    chunks = search("what is excluded", products=["FLEET"], k=5, settings=small_store)
    assert chunks and {c.doc_id for c in chunks} == {"product-fleet"}


def test_type_filter_returns_only_that_type(small_store: Settings) -> None:
    chunks = search("cyber insurance", types=["compliance"], k=5, settings=small_store)
    assert chunks and {c.type for c in chunks} == {"compliance"}


def test_country_filter_keeps_all_country_documents(small_store: Settings) -> None:
    chunks = search("email consent", countries=["DK"], k=10, settings=small_store)
    docs = {c.doc_id for c in chunks}
    assert "compliance-consent-sweden" not in docs
    assert docs <= {"product-cyber", "product-fleet"} and docs


def test_country_filter_matches_the_country_document(small_store: Settings) -> None:
    chunks = search("email consent", countries=["SE"], types=["compliance"], settings=small_store)
    assert {c.doc_id for c in chunks} == {"compliance-consent-sweden"}


def test_at_most_two_passages_per_document(small_store: Settings) -> None:
    chunks = search("cyber cover", k=5, settings=small_store)
    assert max(sum(c.doc_id == d for c in chunks) for d in {c.doc_id for c in chunks}) <= 2


def test_filters_become_a_chroma_where_clause() -> None:
    where = where_filter([["p_CYBER", "p_PI"], ["c_SE"]])
    assert where == {
        "$and": [
            {"$or": [{"p_CYBER": {"$eq": True}}, {"p_PI": {"$eq": True}}]},
            {"c_SE": {"$eq": True}},
        ]
    }


def test_empty_query_is_refused(small_store: Settings) -> None:
    with pytest.raises(InvalidSearch, match="empty"):
        search("  ", settings=small_store)


def test_unknown_country_is_refused(small_store: Settings) -> None:
    with pytest.raises(InvalidSearch, match="XX"):
        search("consent", countries=["XX"], settings=small_store)


def test_unknown_product_is_refused(small_store: Settings) -> None:
    with pytest.raises(UnknownProduct):
        search("cover", products=["NOPE"], settings=small_store)


@pytest.mark.slow
def test_full_corpus_answers_the_bundle_email_question(
    full_store: tuple[Settings, IngestReport],
) -> None:
    settings, _ = full_store
    docs = [
        c.doc_id
        for c in search("Can I mention the bundle discount by email in Sweden?", settings=settings)
    ]
    assert "compliance-consent-sweden" in docs and "compliance-bundles-separate-prices" in docs


def test_passages_written_by_another_process_are_still_returned(
    tiny_corpus: Path, tiny_settings: Settings
) -> None:
    ingest_corpus(tiny_settings, corpus_dir=tiny_corpus)
    search("warm the in-memory index", settings=tiny_settings)
    doc = parse_document(tiny_corpus / "product" / "tiny-cyber.md").model_copy(
        update={"doc_id": "late-cyber"}
    )
    # Another writer adds a chunk after this process built its index.
    get_collection(tiny_settings).upsert(
        ids=["late-cyber@1.0#0"],
        documents=["Cyber sheet - Late\n\nRansomware extortion negotiators."],
        metadatas=[chunk_metadata(doc, 0, "Late")],
    )
    hits = search("ransomware extortion negotiators", k=1, mode="dense", settings=tiny_settings)
    assert hits[0].chunk_id == "late-cyber@1.0#0" and "negotiators" in hits[0].text


def test_search_reads_advisor_documents_by_default(small_store: Settings) -> None:
    chunks = search("cyberförsäkring dataintrång undantag", k=8, settings=small_store)

    assert chunks and {c.audience for c in chunks} == {"advisor"}
    assert {c.language for c in chunks} == {"en"}


def test_search_reads_customer_sheets_when_asked(small_store: Settings) -> None:
    chunks = search("cyberförsäkring dataintrång", audience="customer", k=8, settings=small_store)

    assert chunks and {c.audience for c in chunks} == {"customer"}
    assert chunks[0].doc_id == "product-cyber.sv" and chunks[0].language == "sv"


def test_unknown_audience_is_refused(small_store: Settings) -> None:
    with pytest.raises(InvalidSearch, match="Unknown audience 'public'"):
        search("cyber", audience="public", settings=small_store)  # type: ignore[arg-type]


def test_chunks_carry_their_section_kind(small_store: Settings) -> None:
    chunks = search("ransomware", products=["CYBER"], k=8, max_per_doc=8, settings=small_store)

    kinds = {c.section: c.section_kind for c in chunks}
    assert kinds.get("What it covers") == "cover"
    assert set(kinds.values()) <= {"cover", "exclusion", "other"}
