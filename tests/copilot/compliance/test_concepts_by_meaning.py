"""Issue 13's concepts, tested with sentences written from the rules (not from the lexicon).

Each rule is stated once; the sentences phrase it the way a person or a model would, across
inflections, word order, synonyms and the six languages. Fair wording next to each must pass.
"""

from __future__ import annotations

import pytest

from copilot.compliance import check_draft
from tests.copilot.compliance.conftest import make_context, make_draft


def _blocking(text: str, language: str = "en", country: str = "NO") -> set[str]:
    draft = make_draft(text, channel="talking_points", language=language, citations=[])
    context = make_context(channel="talking_points", language=language, country=country)
    report = check_draft(draft, {"renewal_date": "2027-03-01"}, context)
    return {finding.rule for finding in report.findings if finding.severity == "block"}


# Rule: special-category data (health, pregnancy, disability, religion, union membership,
# ethnicity, orientation, criminal records) about ANY person never appears in outreach.
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Her deputy has been off sick with depression since the spring.", "en"),
        ("The finance director is expecting twins in the autumn.", "en"),
        ("The founder is a devout Catholic, so keep Sundays free.", "en"),
        ("Their CFO is partially deaf; speak clearly on the phone.", "en"),
        ("The owner served a sentence for tax fraud; he was convicted in the past.", "en"),
        ("Hennes kollega är gravid och går på föräldraledighet i juni.", "sv"),
        ("Grundaren är djupt religiös och ber ofta om möten efter fredagsbönen.", "sv"),
        ("Ekonomisjefen er sykmeldt med utbrenthet.", "nb"),
        ("Direktøren venter barn til sommer.", "da"),
        ("Omistaja on ammattiliiton jäsen.", "fi"),
        ("Eigandinn er ólétt og fer í fæðingarorlof.", "is"),
    ],
)
def test_special_category_about_anyone_blocks(text: str, language: str) -> None:
    assert "privacy.special_category" in _blocking(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ask whether the company offers its staff a health check as a benefit.", "en"),
        ("Fråga om företaget erbjuder friskvårdsbidrag till personalen.", "sv"),
        ("Spør om bedriften har en helseforsikring for de ansatte i dag.", "nb"),
    ],
)
def test_questions_about_company_benefits_pass(text: str, language: str) -> None:
    assert "privacy.special_category" not in _blocking(text, language)


# Rule: no pressure or false urgency, with or without the word "urgent" (block, except in
# Sweden whose pack deliberately warns).
@pytest.mark.parametrize(
    ("text", "language", "country"),
    [
        ("This price will be gone tomorrow, so sign today.", "en", "NO"),
        ("Don't risk being left without cover this winter.", "en", "FI"),
        ("Only two seats remain at this rate.", "en", "DK"),
        ("Erbjudandet gäller bara till midnatt, så bestäm er nu.", "sv", "FI"),
        ("Prisen kommer ikke tilbake etter fredag.", "nb", "NO"),
        ("I risikerer at stå uden forsikring, hvis I venter.", "da", "DK"),
        ("Tarjous katoaa huomenna, joten allekirjoittakaa tänään.", "fi", "FI"),
        ("Tilboðið hverfur á morgun.", "is", "IS"),
    ],
)
def test_pressure_blocks_without_the_word_urgent(text: str, language: str, country: str) -> None:
    assert "claims.urgency" in _blocking(text, language, country)


def test_pressure_only_warns_in_sweden() -> None:
    text = "Erbjudandet försvinner i morgon, så bestäm er i kväll."
    draft = make_draft(text, channel="talking_points", language="sv", citations=[])
    context = make_context(channel="talking_points", language="sv", country="SE")
    report = check_draft(draft, {}, context)
    urgency = [finding for finding in report.findings if finding.rule == "claims.urgency"]
    assert urgency and all(finding.severity == "warn" for finding in urgency)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The policy renews on 1 March 2027; we suggest a review before then.", "en"),
        ("The price is indicative, not an offer, and it is not guaranteed.", "en"),
        ("You can object to marketing at any time.", "en"),
        ("Forsikringen fornyes 1. mars 2027, og dere kan når som helst reservere dere.", "nb"),
        ("Försäkringen förnyas den 1 mars 2027.", "sv"),
    ],
)
def test_fair_deadlines_and_notices_pass(text: str, language: str) -> None:
    assert _blocking(text, language) == set()


# Rule: no disparaging or unfair comparison with other insurers.
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Their present insurer is known for slow and unfair claims handling.", "en"),
        ("Most insurers hide the real exclusions in the fine print.", "en"),
        ("Er nuvarande försäkringsgivare är ökänd för att dra ut på skadorna.", "sv"),
        ("Konkurrentene er dårligere på å følge opp småbedrifter.", "nb"),
        ("Andre selskaber er ligeglade med små virksomheder.", "da"),
        ("Kilpailijat viivyttelevät korvauksissa.", "fi"),
    ],
)
def test_disparaging_other_insurers_blocks(text: str, language: str) -> None:
    assert "claims.disparaging" in _blocking(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Send us the schedule from another insurer and we compare the limits like for like.",
            "en",
        ),
        ("Vi jämför gärna villkoren med era nuvarande försäkringar.", "sv"),
    ],
)
def test_fair_comparison_offer_passes(text: str, language: str) -> None:
    assert "claims.disparaging" not in _blocking(text, language)


# Rule: never advise cancelling cover elsewhere before the new cover is in force.
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Terminate the existing contract right away and we will sort out the rest.", "en"),
        ("First cancel the old policy, then we arrange the new one.", "en"),
        ("Säg upp den gamla försäkringen direkt.", "sv"),
        ("Si opp den eksisterende avtalen med en gang.", "nb"),
        ("Sig jeres gamle forsikring op allerede i dag.", "da"),
        ("Irtisanokaa entinen sopimus heti.", "fi"),
    ],
)
def test_cancel_first_advice_blocks(text: str, language: str) -> None:
    assert "claims.cancel_first" in _blocking(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Never cancel the current policy before the new one is in force.", "en"),
        ("Behåll den nuvarande försäkringen tills den nya gäller.", "sv"),
        ("Ikke si opp den gamle forsikringen før den nye er på plass.", "nb"),
    ],
)
def test_keep_cover_until_new_one_applies_passes(text: str, language: str) -> None:
    assert "claims.cancel_first" not in _blocking(text, language)
