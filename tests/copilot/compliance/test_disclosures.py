from __future__ import annotations

from copilot.compliance import check_draft
from tests.copilot.compliance.conftest import ENGLISH_EMAIL, FACTS, make_context, make_draft


def _rules(text: str, channel: str = "email", **context: object) -> list[str]:
    draft = make_draft(text, channel=channel)
    report = check_draft(draft, FACTS, make_context(channel=channel, **context))
    return [finding.rule for finding in report.findings if finding.severity == "block"]


def test_missing_insurer_name_is_blocked() -> None:
    text = ENGLISH_EMAIL.replace("Fjord Mutual Insurance Ltd", "us")
    assert "disclosure.insurer_identity" in _rules(text)


def test_missing_marketing_label_is_blocked() -> None:
    text = ENGLISH_EMAIL.replace("Marketing from", "A note from").replace(
        "receive marketing", "receive mail"
    )
    assert "disclosure.marketing_label" in _rules(text)


def test_missing_opt_out_is_blocked() -> None:
    text = ENGLISH_EMAIL.split("If you no longer")[0]
    assert "disclosure.opt_out" in _rules(text)


def test_call_script_accepts_spoken_disclosures() -> None:
    script = (
        "Hello, this is Erik from Fjord Mutual Insurance Ltd. This is a sales call: I am calling"
        " to tell you about cyber cover for your 15 employees. If you would rather not be"
        " contacted again, just tell me and we will not call you."
    )
    assert _rules(script, channel="call_script") == []


def test_price_without_indicative_is_blocked() -> None:
    disclaimer = ENGLISH_EMAIL[
        ENGLISH_EMAIL.index("This is not") : ENGLISH_EMAIL.index(
            "Fjord Mutual Insurance Ltd carries"
        )
    ]
    text = ENGLISH_EMAIL.replace("indicative ", "").replace(disclaimer, "")
    assert "disclosure.indicative_price" in _rules(text)


def test_bundle_without_separate_prices_is_blocked() -> None:
    text = (
        ENGLISH_EMAIL + "\nThe Business protection bundle gives 15% off general liability,"
        " professional indemnity and cyber."
    )
    assert "disclosure.bundle_parts" in _rules(text)


def test_bundle_with_separate_prices_passes() -> None:
    text = ENGLISH_EMAIL + (
        "\nThe business protection bundle saves 15%. Each part can be bought separately:"
        "\nGeneral liability EUR 2,100 per year.\nProfessional indemnity EUR 1,200 per year."
    )
    facts = {**FACTS, "bundle": {"discount_pct": 15, "GL": 2100, "PI": 1200}}
    report = check_draft(make_draft(text), facts, make_context())
    assert report.passed, report.findings


def test_benefit_without_limit_is_blocked() -> None:
    text = (
        "Marketing from Fjord Mutual Insurance Ltd. Cyber liability covers data breach costs."
        " Unsubscribe any time."
    )
    assert "disclosure.benefit_limits" in _rules(text)


def test_citation_not_retrieved_is_blocked() -> None:
    draft = make_draft(ENGLISH_EMAIL, citations=["kb:invented-9"])
    report = check_draft(draft, FACTS, make_context())
    assert "citations.unretrieved" in {finding.rule for finding in report.findings}


def test_citations_unchecked_when_retrieval_unknown() -> None:
    draft = make_draft(ENGLISH_EMAIL, citations=["kb:anything"])
    report = check_draft(draft, FACTS, make_context(retrieved_chunk_ids=None))
    assert report.passed


def test_cover_claim_without_citation_warns() -> None:
    draft = make_draft(ENGLISH_EMAIL, citations=[])
    report = check_draft(draft, FACTS, make_context())
    assert report.passed
    assert ("citations.missing", "warn") in {(f.rule, f.severity) for f in report.findings}


def test_marketing_label_only_in_footer_is_blocked() -> None:
    body = ENGLISH_EMAIL.replace("Marketing from", "A note from")
    body += "\n" + "Some more words about your business. " * 10 + "This is marketing."
    assert "disclosure.marketing_label" in _rules(body)


def test_marketing_label_in_subject_counts() -> None:
    body = ENGLISH_EMAIL.replace("Marketing from", "A note from")
    report = check_draft(make_draft(body, subject="Marketing: cyber cover"), FACTS, make_context())
    assert "disclosure.marketing_label" not in {finding.rule for finding in report.findings}


def test_bundle_discount_percentage_is_not_a_part_price() -> None:
    text = ENGLISH_EMAIL + (
        "\nThe bundle gives 15% off general liability and cyber; each can be bought separately."
    )
    assert "disclosure.bundle_parts" in _rules(text)


def test_a_limit_or_a_percentage_is_not_a_price() -> None:
    from copilot.compliance.content import price_mentioned
    from copilot.compliance.gate import _prepare
    from copilot.compliance.rulepacks import load_rule_pack

    def states_a_price(text: str, language: str = "en") -> bool:
        draft = make_draft(text, channel="talking_points", language=language)
        context = make_context(channel="talking_points", language=language)
        return price_mentioned(_prepare(draft, {}, context, load_rule_pack("SE")))

    assert not states_a_price("It covers the costs of a data breach up to EUR 500,000.")
    assert not states_a_price(
        "Cyberforsikringen dækker omkostninger ved databrud op til 500.000 euro.", "da"
    )
    assert not states_a_price("Bundling saves about 20% on the combined premium.")
    assert states_a_price("The annual premium is EUR 1,200.")
