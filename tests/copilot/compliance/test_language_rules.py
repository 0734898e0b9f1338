from __future__ import annotations

from copilot.compliance import check_draft
from tests.copilot.compliance.conftest import INSURER, SWEDISH_EMAIL, make_context, make_draft


def _language_findings(text: str, language: str) -> list[str]:
    draft = make_draft(text, language=language)
    report = check_draft(draft, {}, make_context(language=language))
    return [finding.rule for finding in report.findings if finding.rule.startswith("language.")]


def test_an_english_draft_for_a_swedish_customer_is_one_mismatch() -> None:
    text = "We suggest a short meeting next week to go through your cover and your limits."
    assert _language_findings(text, "sv") == ["language.mismatch"]


def test_each_foreign_passage_is_its_own_finding() -> None:
    text = (
        "Vi föreslår ett kort möte om ert cyberskydd nästa vecka.\n"
        "The cover includes incident response and forensic costs.\n"
        "Hör av dig om en tid som passar dig.\n"
        "We look forward to hearing from you soon."
    )
    assert _language_findings(text, "sv") == ["language.mixed", "language.mixed"]


def test_the_swedish_reference_email_is_in_one_language() -> None:
    assert _language_findings(SWEDISH_EMAIL, "sv") == []


def test_the_insurer_name_is_not_a_foreign_passage() -> None:
    text = f"Vi föreslår ett kort möte nästa vecka.\nMed vänliga hälsningar\n{INSURER}"
    assert _language_findings(text, "sv") == []


def test_a_mixed_finding_quotes_the_passage() -> None:
    text = "Vi foreslår et kort møte neste uke. Please let us know which day suits you best."
    draft = make_draft(text, language="nb")
    report = check_draft(draft, {}, make_context(language="nb", country="NO"))
    excerpts = [f.excerpt for f in report.findings if f.rule == "language.mixed"]
    assert excerpts == ["Please let us know which day suits you best."]
