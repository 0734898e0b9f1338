from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge.corpus_reader import CorpusError, chunk_document, load_corpus, parse_document
from tools.catalogue import load_catalogue

DOC = """---
doc_id: demo
title: Demo sheet
type: compliance
products: [CYBER]
countries: [NO, SE]
language: en
version: "2"
effective_date: 2026-11-01
---
# Demo sheet

Preamble that is not legal advice.

## Email
Email needs consent.

### Soft opt-in
Existing customers, similar products.

## Phone
Call existing customers only.
"""


def write(tmp_path: Path, text: str, name: str = "demo.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_chunks_start_with_title_and_heading_trail(tmp_path: Path) -> None:
    chunks = chunk_document(parse_document(write(tmp_path, DOC)))
    assert [c.heading for c in chunks] == ["Email", "Email > Soft opt-in", "Phone"]
    assert chunks[1].text.startswith("Demo sheet - Email > Soft opt-in\n\n")
    assert "Existing customers, similar products." in chunks[1].text


def test_short_preamble_leads_the_first_section(tmp_path: Path) -> None:
    chunks = chunk_document(parse_document(write(tmp_path, DOC)))
    assert "Preamble that is not legal advice." in chunks[0].text
    assert all("Preamble" not in c.text for c in chunks[1:])


def test_long_section_is_split_with_its_heading_repeated(tmp_path: Path) -> None:
    paragraphs = "\n\n".join(f"Paragraph {i} " + "word " * 60 for i in range(6))
    doc = parse_document(write(tmp_path, DOC + "\n## Long\n" + paragraphs))
    long_chunks = [c for c in chunk_document(doc, max_chars=700) if c.heading == "Long"]
    assert len(long_chunks) > 1
    assert all(c.text.startswith("Demo sheet - Long\n\n") for c in long_chunks)


def test_country_code_no_is_read_as_norway_not_false(tmp_path: Path) -> None:
    assert parse_document(write(tmp_path, DOC)).countries == ["NO", "SE"]


def test_all_countries_expands_to_the_five(tmp_path: Path) -> None:
    doc = parse_document(write(tmp_path, DOC.replace("[NO, SE]", "[ALL]")))
    assert doc.countries == ["SE", "NO", "DK", "FI", "IS"]


def test_missing_front_matter_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="demo.md"):
        parse_document(write(tmp_path, "# No front matter\n"))


def test_unknown_product_code_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="CYBERX"):
        parse_document(write(tmp_path, DOC.replace("[CYBER]", "[CYBERX]")))


def test_doc_id_must_match_file_name(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="file name"):
        parse_document(write(tmp_path, DOC, name="other.md"))


def test_corpus_has_forty_documents_of_three_types() -> None:
    docs = load_corpus()
    assert len(docs) >= 40
    assert {d.type for d in docs} == {"product", "compliance", "playbook"}


def test_every_catalogue_product_has_a_sheet() -> None:
    sheets = {d.products[0] for d in load_corpus() if d.type == "product"}
    assert sheets == set(load_catalogue().codes)


def test_product_sheets_quote_the_catalogue_premium_range() -> None:
    catalogue = load_catalogue()
    for doc in (d for d in load_corpus() if d.type == "product" and d.audience == "advisor"):
        premium = catalogue.product(doc.products[0]).premium_eur
        expected = f"EUR {premium.min:,} to {premium.max:,}"
        assert expected in doc.body, f"{doc.doc_id} must quote {expected}"


def test_every_advisor_document_says_it_is_not_legal_advice() -> None:
    for doc in (d for d in load_corpus() if d.audience == "advisor"):
        assert re.search(r"not legal advice", doc.body), doc.doc_id


SHEET = """---
doc_id: {doc_id}
title: Cyberförsäkring
type: product
products: [CYBER]
countries: [ALL]
{language}audience: customer
version: "1.0"
effective_date: 2026-12-01
---
# Cyberförsäkring

## Vad försäkringen omfattar
Skyddar företaget mot kostnaderna för ett dataintrång.
{exclusions}"""
EXCLUSIONS = "\n## Viktigaste undantagen\n- Krig.\n"


def write_sheet(
    tmp_path: Path,
    *,
    folder: str = "sv",
    doc_id: str = "sheet.sv",
    language: str = "language: sv\n",
    exclusions: str = EXCLUSIONS,
) -> Path:
    (tmp_path / folder).mkdir(exist_ok=True)
    text = SHEET.format(doc_id=doc_id, language=language, exclusions=exclusions)
    return write(tmp_path / folder, text, f"{doc_id}.md")


def test_customer_sheet_is_read_with_its_audience_and_language(tmp_path: Path) -> None:
    doc = parse_document(write_sheet(tmp_path))
    assert (doc.audience, doc.language, doc.doc_id) == ("customer", "sv", "sheet.sv")


def test_a_document_without_audience_is_for_advisors(tmp_path: Path) -> None:
    assert parse_document(write(tmp_path, DOC)).audience == "advisor"


def test_missing_language_is_named(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="language"):
        parse_document(write_sheet(tmp_path, language=""))


def test_unknown_language_code_is_named(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="unknown language 'de'"):
        parse_document(write_sheet(tmp_path, language="language: de\n"))


def test_customer_sheet_must_sit_in_its_language_folder(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="product/sv/<name>.sv.md"):
        parse_document(write_sheet(tmp_path, folder="fi"))
    with pytest.raises(CorpusError, match="product/sv/<name>.sv.md"):
        parse_document(write_sheet(tmp_path, doc_id="sheet"))


def test_customer_sheet_without_exclusion_section_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="needs its exclusion section"):
        parse_document(write_sheet(tmp_path, exclusions=""))
