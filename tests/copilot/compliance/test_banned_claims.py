from __future__ import annotations

import pytest

from copilot.compliance import check_draft
from tests.copilot.compliance.conftest import make_context, make_draft


def _rules(text: str, language: str = "en") -> list[str]:
    draft = make_draft(text, channel="talking_points", language=language)
    report = check_draft(draft, {}, make_context(channel="talking_points", language=language))
    return [finding.rule for finding in report.findings]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We guarantee payout.", "en"),
        ("Payout is guaranteed.", "en"),
        ("A guaranteed payout for your team.", "en"),
        ("Ersättning med garanti.", "sv"),
        ("Vi garanterar att skadan ersätts.", "sv"),
        ("Ni är helt täckta.", "sv"),
        ("Vi är billigast på marknaden.", "sv"),
        ("Vi betalar alltid ut.", "sv"),
        ("Udbetalingen er garanteret.", "da"),
        ("Marknadens billigste forsikring.", "da"),
        ("Utbetalingen er garantert.", "nb"),
        ("Korvaus on taattu.", "fi"),
        ("Vahingot korvataan aina.", "fi"),
        ("Halvin vakuutus.", "fi"),
        ("Við ábyrgjumst útborgun.", "is"),
        ("You are fully covered.", "en"),
        ("Claims are always paid.", "en"),
        ("The cheapest cover in Sweden.", "en"),
        ("There is no risk for you.", "en"),
        ("A risk-free choice.", "en"),
        ("100% protected.", "en"),
        ("You will never pay for damage again.", "en"),
        ("We offer the best price.", "en"),
    ],
)
def test_absolute_claims_are_blocked(text: str, language: str) -> None:
    assert "claims.absolute" in _rules(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The price is not guaranteed until underwriting.", "en"),
        ("Cover is not guaranteed.", "en"),
        ("There is no guarantee that a claim is paid.", "en"),
        ("Korvaus ei ole taattu.", "fi"),
        ("Priset är inte garanterat.", "sv"),
        ("Prisen er ikke garanteret.", "da"),
        ("Prisen er ikke garantert før risikovurdering.", "nb"),
        ("We cannot always pay every claim in full.", "en"),
    ],
)
def test_fair_disclaimers_pass(text: str, language: str) -> None:
    assert "claims.absolute" not in _rules(text, language)


def test_negation_does_not_reach_past_clause() -> None:
    assert "claims.absolute" in _rules("Nothing changes for you, but payout is guaranteed.")


def test_claim_in_other_language_than_declared_is_caught() -> None:
    assert "claims.absolute" in _rules("Best regards. Utbetalning med garanti!", "en")


def test_urgency_warns() -> None:
    draft = make_draft("Only today: last chance to sign.", channel="talking_points")
    report = check_draft(draft, {}, make_context(channel="talking_points"))
    assert report.passed
    assert {(f.rule, f.severity) for f in report.findings} == {("claims.urgency", "warn")}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Please reply with your password.", "en"),
        ("Send us your card number to confirm.", "en"),
        ("Bekräfta med din BankID-kod.", "sv"),
        ("Oplys din MitID-kode og din adgangskode.", "da"),
        ("Lähetä pankkitunnuksesi.", "fi"),
        ("Oppgi passordet ditt.", "nb"),
    ],
)
def test_credential_requests_are_blocked(text: str, language: str) -> None:
    assert "security.credentials_request" in _rules(text, language)


def test_security_notice_about_passwords_passes() -> None:
    assert "security.credentials_request" not in _rules("We will never ask for your password.")


@pytest.mark.parametrize(
    ("text", "language"),
    [("Our cover is cheaper than other insurers.", "en"), ("Billigare än konkurrenterna.", "sv")],
)
def test_comparisons_warn(text: str, language: str) -> None:
    draft = make_draft(text, channel="talking_points", language=language)
    report = check_draft(draft, {}, make_context(channel="talking_points", language=language))
    assert ("claims.comparison", "warn") in {(f.rule, f.severity) for f in report.findings}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("You can always pay monthly.", "en"),
        ("Let's pin down a time for the review.", "en"),
        ("Our credentials as an insurer speak for themselves.", "en"),
        ("Du kan alltid betala månadsvis.", "sv"),
        ("Voit aina maksaa kuukausittain.", "fi"),
        ("Best regards, your advisor.", "en"),
        ("Log in to the portal with BankID to see the review.", "en"),
    ],
)
def test_ordinary_phrases_are_not_flagged(text: str, language: str) -> None:
    assert _rules(text, language) == []
