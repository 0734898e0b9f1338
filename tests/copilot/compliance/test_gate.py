from __future__ import annotations

import pytest

from copilot.compliance import ComplianceContext, DraftText, Finding, check_draft
from tests.copilot.compliance.conftest import (
    ENGLISH_EMAIL,
    FACTS,
    SWEDISH_EMAIL,
    make_context,
    make_draft,
)


def test_clean_english_email_passes() -> None:
    report = check_draft(
        make_draft(ENGLISH_EMAIL, subject="Cyber cover for 15 employees"), FACTS, make_context()
    )
    assert report.passed, report.findings


def test_clean_swedish_email_passes() -> None:
    draft = make_draft(SWEDISH_EMAIL, language="sv", subject="Cyberskydd för 15 anställda")
    report = check_draft(draft, FACTS, make_context(language="sv"))
    assert report.passed, report.findings


def test_report_carries_rule_pack_and_checked_rules() -> None:
    report = check_draft(make_draft(ENGLISH_EMAIL), FACTS, make_context(country="FI"))
    assert report.rule_pack.id == "nordic-fi"
    assert {"figures.ungrounded", "claims.absolute", "channel.consent"} <= {
        rule.id for rule in report.checked_rules
    }


def test_talking_points_skip_customer_disclosures() -> None:
    draft = make_draft("Ask how the team has grown since 8 employees.", channel="talking_points")
    report = check_draft(draft, FACTS, make_context(channel="talking_points"))
    assert report.passed, report.findings
    assert "disclosure.opt_out" not in {rule.id for rule in report.checked_rules}


class _AddsWarning:
    def review(self, draft: DraftText, facts: object, context: ComplianceContext) -> list[Finding]:
        return [
            Finding(rule="reviewer.tone", severity="warn", message="Tone is pushy.", excerpt="")
        ]


def test_reviewer_cannot_pass_a_failed_draft() -> None:
    report = check_draft(
        make_draft("We guarantee payout."), FACTS, make_context(), reviewer=_AddsWarning()
    )
    assert not report.passed
    assert "reviewer.tone" in {finding.rule for finding in report.findings}


def test_reviewer_block_fails_a_clean_draft() -> None:
    class Blocks:
        def review(
            self, draft: DraftText, facts: object, context: ComplianceContext
        ) -> list[Finding]:
            return [
                Finding(rule="reviewer.unfair", severity="block", message="Unfair.", excerpt="")
            ]

    report = check_draft(make_draft(ENGLISH_EMAIL), FACTS, make_context(), reviewer=Blocks())
    assert not report.passed


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\x00\x01",
        "€€€ %%% 1.2.3.4.5",
        "9" * 500,
        "[[[]]] ,,,. --",
        "ümlaut ß 😀 \u202f3\u202f000",
    ],
)
def test_odd_text_never_raises(text: str) -> None:
    report = check_draft(
        make_draft(text, subject=text), {"odd": [None, True, float("nan")]}, make_context()
    )
    assert isinstance(report.passed, bool)


@pytest.mark.parametrize("text", ["a" * 20000, "1.2.3.4." * 2000, "a@" * 5000])
def test_pathological_text_is_checked(text: str) -> None:
    report = check_draft(make_draft(text), {}, make_context())
    assert not report.passed  # no disclosures: blocked, but checked without hanging


def test_a_misspelt_context_flag_is_refused() -> None:
    import pydantic

    from copilot.compliance import ComplianceContext

    with pytest.raises(pydantic.ValidationError, match="objection"):
        ComplianceContext(
            country="SE",
            language="sv",
            channel="email",
            insurer_name="Fjord Mutual Insurance Ltd",
            objection=True,  # type: ignore[call-arg]
        )
