from copilot.llm.drafting import cited_chunk_ids, format_documents, split_subject
from tests.copilot.llm.contract_data import Passage


def test_split_subject_separates_the_subject_line() -> None:
    assert split_subject("Subject: Cyber cover\nMarketing\nHello") == (
        "Cyber cover",
        "Marketing\nHello",
    )


def test_split_subject_without_a_subject_keeps_the_whole_text() -> None:
    assert split_subject("Marketing\nHello") == (None, "Marketing\nHello")


def test_cited_chunk_ids_keeps_only_retrieved_ids_once() -> None:
    text = "See [cyber@1#0] and [Your Name], again [cyber@1#0] and [gl@2#1]."
    assert cited_chunk_ids(text, ["cyber@1#0", "gl@2#1"]) == ["cyber@1#0", "gl@2#1"]


def test_format_documents_prefixes_each_passage_with_its_id() -> None:
    rendered = format_documents([Passage("cyber@1#0", "Covers  ransomware.\n")])
    assert rendered.startswith("[cyber@1#0] Covers ransomware.")


def test_format_documents_says_none_when_nothing_was_retrieved() -> None:
    assert format_documents([]) == "(none)"
