"""Every catalogue product has a customer sheet in every language, written to the rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge.corpus_reader import CORPUS_DIR, Document, chunk_document, parse_document
from knowledge.localised import localised_product
from knowledge.metadata import chunk_metadata
from knowledge.search import to_chunk
from knowledge.section_kinds import section_kind, sheet_languages
from tools.catalogue import load_catalogue

LANGUAGES = sheet_languages()
PRODUCTS = load_catalogue().codes
ABSOLUTE_WORDS = {
    "en": ["always", "guarantee", "fully covered", "everything", "never"],
    "sv": ["alltid", "garant", "helt skyddad", "allt täcks", "aldrig"],
    "nb": ["alltid", "garant", "fullt dekket", "alt dekkes", "aldri"],
    "da": ["altid", "garant", "fuldt dækket", "alt dækkes", "aldrig"],
    "fi": ["aina", "taat", "takuu", "kaikki korvataan", "ei koskaan"],
    "is": ["alltaf", "ábyrgjumst", "að fullu", "allt bætt", "aldrei"],
}
"""Absolute or promissory words a customer sheet must not use; a word matches where one starts."""


def sheet_path(code: str, language: str) -> Path:
    stem = "product-" + code.lower().replace("_", "-")
    return CORPUS_DIR / "product" / language / f"{stem}.{language}.md"


def sheet(code: str, language: str) -> Document:
    return parse_document(sheet_path(code, language))


def test_the_six_languages_are_english_and_the_countries() -> None:
    assert LANGUAGES == ("en", "sv", "nb", "da", "fi", "is")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", PRODUCTS)
def test_each_product_has_a_customer_sheet_in_each_language(code: str, language: str) -> None:
    doc = sheet(code, language)

    assert (doc.audience, doc.language, doc.type, doc.products) == (
        "customer",
        language,
        "product",
        [code],
    )
    kinds = [section_kind(section.heading) for section in chunk_document(doc)]
    assert kinds.count("cover") == 1 and kinds.count("exclusion") == 1, kinds


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", PRODUCTS)
def test_a_sheet_has_no_figure_and_no_absolute_claim(code: str, language: str) -> None:
    body = sheet(code, language).body.casefold()

    assert not re.search(r"\d", body)
    assert not [w for w in ABSOLUTE_WORDS[language] if re.search(rf"\b{re.escape(w)}", body)]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", PRODUCTS)
def test_the_exclusion_section_lists_one_or_two_exclusions(code: str, language: str) -> None:
    doc = sheet(code, language)
    exclusion = next(s for s in chunk_document(doc) if section_kind(s.heading) == "exclusion")

    bullets = re.findall(r"^- (.+)$", exclusion.text, re.MULTILINE)

    assert 1 <= len(bullets) <= 2
    assert not [b for b in bullets if re.search(r"\b[A-Z]{2,}(_[A-Z]+)?\b", b)], bullets


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_product_names_are_localised(language: str) -> None:
    same = [code for code in PRODUCTS if sheet(code, language).title == sheet(code, "en").title]

    assert same == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_two_products_share_a_name(language: str) -> None:
    titles = [sheet(code, language).title for code in PRODUCTS]

    assert len(set(titles)) == len(titles)


def test_there_are_no_stray_customer_sheets() -> None:
    expected = {sheet_path(code, language) for code in PRODUCTS for language in LANGUAGES}
    found = {path for path in (CORPUS_DIR / "product").glob("*/*.md")}

    assert found == expected


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", PRODUCTS)
def test_each_sheet_reads_as_one_cited_sentence_and_one_exclusion(code: str, language: str) -> None:
    doc = sheet(code, language)
    chunks = [  # as the store returns them
        to_chunk(
            f"{doc.doc_id}@{doc.version}#{section.index}",
            section.text,
            dict(chunk_metadata(doc, section.index, section.heading)),
            0.0,
        )
        for section in chunk_document(doc)
    ]

    found = localised_product(chunks, code, language)

    assert found is not None and found.name == doc.title
    assert found.description_cite == f"{doc.doc_id}@1.0#0"
    assert found.description.endswith(".") and len(found.description.split()) >= 8
    assert found.description in doc.body and found.description.count(". ") == 0
    assert found.exclusion is not None and found.exclusion.endswith(".")
    assert found.exclusion_cite == f"{doc.doc_id}@1.0#1"
