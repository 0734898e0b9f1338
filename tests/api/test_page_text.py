"""Findings marked inline, citation markers, word diffs and rule references for the pages."""

from __future__ import annotations

from api.page_text import draft_pieces, highlight, rule_references, word_diff
from copilot.compliance.models import Finding


def _finding(excerpt: str, rule: str = "claims.absolute") -> Finding:
    return Finding(rule=rule, severity="block", message="Not absolute.", excerpt=excerpt)


def test_a_findings_excerpt_becomes_its_own_segment() -> None:
    segments = highlight("We guarantee full cover.", [_finding("guarantee")])

    assert [(s.text, s.finding) for s in segments] == [
        ("We ", None),
        ("guarantee", 0),
        (" full cover.", None),
    ]


def test_excerpts_not_in_the_text_and_overlaps_mark_nothing_twice() -> None:
    findings = [_finding("full cover"), _finding("missing"), _finding("cover")]

    segments = highlight("We offer full cover.", findings)

    assert [s.finding for s in segments if s.finding is not None] == [0]
    assert "".join(s.text for s in segments) == "We offer full cover."


def test_citation_markers_of_retrieved_passages_become_links() -> None:
    text = "Ransomware is covered [product-cyber@1.0#1]. Unknown [other@1.0#9]."

    pieces = draft_pieces(text, [], ["product-cyber@1.0#1"])

    assert [p.citation for p in pieces if p.citation is not None] == [0]
    assert "".join(p.text for p in pieces) == text


def test_the_word_diff_shows_what_was_removed_and_added() -> None:
    pieces = word_diff("Hej Sarah, ring oss", "Hej Sarah, mejla oss")

    assert [(p.kind, p.text) for p in pieces if p.kind != "same"] == [
        ("removed", "ring"),
        ("added", "mejla"),
    ]


def test_rules_name_their_regulation() -> None:
    references = rule_references("SE", "disclosure.opt_out")

    assert any(ref.startswith("GDPR-21: GDPR Art. 21") for ref in references)
    assert rule_references("SE", "no.such.rule") == []
