"""Citation markers: read for the evidence, removed from what the customer reads."""

from __future__ import annotations

from copilot.citations import cited_ids, without_citations


def test_cited_ids_keeps_every_marker_once_in_order() -> None:
    text = "Cyber [product-cyber@1.0#0]. Again [product-cyber@1.0#0] and [product-gl@1.0#2]."

    assert cited_ids(text) == ["product-cyber@1.0#0", "product-gl@1.0#2"]


def test_brackets_that_are_not_chunk_ids_are_not_citations() -> None:
    assert cited_ids("Reply [STOP] or see [Your Name] and [a@b]") == []


def test_without_citations_removes_markers_and_the_space_before_them() -> None:
    text = (
        "- Cyber: covers ransomware [product-cyber@1.0#0].\n"
        "  Main exclusion: war [product-cyber@1.0#1]"
    )

    assert without_citations(text) == "- Cyber: covers ransomware.\n  Main exclusion: war"


def test_without_citations_keeps_other_text_untouched() -> None:
    text = "Hej Sarah,\n\nSvara STOPP [om du vill].\n"

    assert without_citations(text) == "Hej Sarah,\n\nSvara STOPP [om du vill]."
