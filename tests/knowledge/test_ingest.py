from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knowledge.corpus_reader import CORPUS_DIR, CorpusError
from knowledge.ingest import ingest_corpus
from knowledge.store import get_collection
from tools.foundation.settings import Settings


def stored_ids(settings: Settings) -> set[str]:
    return set(get_collection(settings).get()["ids"])


def test_first_ingest_adds_every_document(tiny_corpus: Path, tiny_settings: Settings) -> None:
    report = ingest_corpus(tiny_settings, corpus_dir=tiny_corpus)
    assert sorted(report.added) == ["tiny-consent-se", "tiny-cyber", "tiny-fleet"]
    assert report.chunks == len(stored_ids(tiny_settings)) == 6


def test_chunk_ids_are_doc_version_and_position(tiny_corpus: Path, tiny_settings: Settings) -> None:
    ingest_corpus(tiny_settings, corpus_dir=tiny_corpus)
    assert "tiny-cyber@1.0#0" in stored_ids(tiny_settings)


def test_reingest_is_idempotent(tiny_corpus: Path, tiny_settings: Settings) -> None:
    ingest_corpus(tiny_settings, corpus_dir=tiny_corpus)
    before = get_collection(tiny_settings).get(include=["documents", "metadatas"])
    again = ingest_corpus(tiny_settings, corpus_dir=tiny_corpus)
    after = get_collection(tiny_settings).get(include=["documents", "metadatas"])
    assert (again.added, again.replaced, again.removed, again.unchanged) == ([], [], [], 3)
    assert sorted(zip(before["ids"], before["documents"] or [], strict=True)) == sorted(
        zip(after["ids"], after["documents"] or [], strict=True)
    )


def test_changed_document_replaces_its_chunks(tiny_corpus: Path, tiny_settings: Settings) -> None:
    ingest_corpus(tiny_settings, corpus_dir=tiny_corpus)
    path = tiny_corpus / "product" / "tiny-fleet.md"
    text = path.read_text(encoding="utf-8").replace('version: "1.0"', 'version: "1.1"')
    text = text.replace("## Main exclusions", "## Main exclusions\nElectric scooters are excluded.")
    path.write_text(text, encoding="utf-8")

    report = ingest_corpus(tiny_settings, corpus_dir=tiny_corpus)

    fleet = get_collection(tiny_settings).get(where={"doc_id": "tiny-fleet"})
    assert report.replaced == ["tiny-fleet"]
    assert fleet["ids"] and all(i.startswith("tiny-fleet@1.1#") for i in fleet["ids"])
    assert any("Electric scooters" in doc for doc in fleet["documents"] or [])


def test_edit_without_version_bump_still_replaces_text(
    tiny_corpus: Path, tiny_settings: Settings
) -> None:
    ingest_corpus(tiny_settings, corpus_dir=tiny_corpus)
    path = tiny_corpus / "product" / "tiny-fleet.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n## Note\nNew note.\n", encoding="utf-8")
    ingest_corpus(tiny_settings, corpus_dir=tiny_corpus)
    fleet = get_collection(tiny_settings).get(where={"doc_id": "tiny-fleet"})
    assert any(doc.endswith("New note.") for doc in fleet["documents"] or [])


def test_removed_document_disappears(tiny_corpus: Path, tiny_settings: Settings) -> None:
    ingest_corpus(tiny_settings, corpus_dir=tiny_corpus)
    (tiny_corpus / "product" / "tiny-fleet.md").unlink()
    report = ingest_corpus(tiny_settings, corpus_dir=tiny_corpus)
    assert report.removed == ["tiny-fleet"]
    assert not any(i.startswith("tiny-fleet@") for i in stored_ids(tiny_settings))


def test_progress_reports_every_document(tiny_corpus: Path, tiny_settings: Settings) -> None:
    calls: list[tuple[int, int]] = []
    ingest_corpus(
        tiny_settings, progress=lambda d, t, _: calls.append((d, t)), corpus_dir=tiny_corpus
    )
    assert calls[-1] == (3, 3)


def test_customer_sheets_in_language_folders_are_ingested(
    tiny_corpus: Path, tiny_settings: Settings
) -> None:
    (tiny_corpus / "product" / "fi").mkdir()
    shutil.copy(CORPUS_DIR / "product/fi/product-cyber.fi.md", tiny_corpus / "product" / "fi")

    report = ingest_corpus(tiny_settings, corpus_dir=tiny_corpus)

    assert "product-cyber.fi" in report.added
    stored = get_collection(tiny_settings).get(where={"l_fi": True}, include=["metadatas"])
    kinds = sorted(str(meta["section_kind"]) for meta in stored["metadatas"] or [])
    assert kinds == ["cover", "exclusion", "note"]
    assert {meta["audience"] for meta in stored["metadatas"] or []} == {"customer"}


def test_a_sheet_with_an_unknown_language_stops_the_ingest_before_writing(
    tiny_corpus: Path, tiny_settings: Settings
) -> None:
    (tiny_corpus / "product" / "de").mkdir()
    text = (CORPUS_DIR / "product/sv/product-cyber.sv.md").read_text(encoding="utf-8")
    bad = text.replace("doc_id: product-cyber.sv", "doc_id: product-cyber.de")
    (tiny_corpus / "product/de/product-cyber.de.md").write_text(
        bad.replace("language: sv", "language: de"), encoding="utf-8"
    )

    with pytest.raises(CorpusError, match=r"product-cyber.de.md(.|\n)*unknown language 'de'"):
        ingest_corpus(tiny_settings, corpus_dir=tiny_corpus)
    assert stored_ids(tiny_settings) == set()
