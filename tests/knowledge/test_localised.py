from __future__ import annotations

import pytest

from knowledge.localised import LocalisedProduct, localised_passages, localised_product
from knowledge.search import Chunk
from tools.foundation.errors import UnknownProduct
from tools.foundation.settings import Settings


def chunk(doc_id: str, n: int, kind: str, language: str, text: str, **extra: object) -> Chunk:
    fields: dict[str, object] = dict(
        chunk_id=f"{doc_id}@1.0#{n}",
        doc_id=doc_id,
        version="1.0",
        title="Cyberförsäkring" if language == "sv" else "Cyber insurance",
        section="Heading",
        text=f"Title - Heading\n\n{text}",
        score=0.0,
        type="product",
        products=["CYBER"],
        countries=["SE"],
        language=language,
        audience="customer",
        section_kind=kind,
    )
    return Chunk.model_validate(fields | extra)


SV_COVER = chunk("product-cyber.sv", 0, "cover", "sv", "Skyddar företaget\nmot dataintrång.")
SV_EXCLUSION = chunk("product-cyber.sv", 1, "exclusion", "sv", "- Krig.\n- Kända brister.")
EN_COVER = chunk("product-cyber.en", 0, "cover", "en", "Protects your business.")
ADVISOR_COVER = chunk("product-cyber", 0, "cover", "sv", "Advisor words.", audience="advisor")


def test_localised_product_picks_the_language_and_cites_its_chunks() -> None:
    found = localised_product([ADVISOR_COVER, EN_COVER, SV_EXCLUSION, SV_COVER], "CYBER", "sv")

    assert found == LocalisedProduct(
        code="CYBER",
        language="sv",
        name="Cyberförsäkring",
        description="Skyddar företaget mot dataintrång.",
        description_cite="product-cyber.sv@1.0#0",
        exclusion="Krig.",
        exclusion_cite="product-cyber.sv@1.0#1",
    )


def test_localised_product_without_exclusion_passage_has_no_exclusion() -> None:
    found = localised_product([SV_COVER], "cyber", "sv")

    assert found is not None and found.exclusion is None and found.exclusion_cite is None


def test_localised_product_needs_a_cover_passage_in_that_language() -> None:
    assert localised_product([EN_COVER, SV_EXCLUSION, ADVISOR_COVER], "CYBER", "sv") is None
    assert localised_product([SV_COVER], "FLEET", "sv") is None


def test_passages_come_from_the_store_in_the_language_cover_first(small_store: Settings) -> None:
    passages = localised_passages(["FLEET", "CYBER"], "sv", settings=small_store)

    assert [(c.doc_id, c.section_kind) for c in passages] == [
        ("product-fleet.sv", "cover"),
        ("product-fleet.sv", "exclusion"),
        ("product-cyber.sv", "cover"),
        ("product-cyber.sv", "exclusion"),
    ]
    cyber = localised_product(passages, "CYBER", "sv")
    assert cyber is not None and cyber.name == "Cyberförsäkring"
    assert cyber.description.startswith("Skyddar företaget mot kostnaderna")
    assert cyber.exclusion is not None and cyber.exclusion.startswith("Krig och angrepp")
    assert cyber.description_cite == "product-cyber.sv@1.0#0"


def test_an_unknown_language_reads_the_english_sheet(small_store: Settings) -> None:
    passages = localised_passages(["CYBER"], "de", settings=small_store)

    assert {c.doc_id for c in passages} == {"product-cyber.en"}
    assert localised_product(passages, "CYBER", "en") is not None


def test_a_product_without_a_sheet_in_the_store_gives_nothing(small_store: Settings) -> None:
    assert localised_passages(["FLEET"], "fi", settings=small_store) == []
    assert localised_passages([], "sv", settings=small_store) == []


def test_an_unknown_product_is_refused(small_store: Settings) -> None:
    with pytest.raises(UnknownProduct):
        localised_passages(["NOPE"], "sv", settings=small_store)
