"""The offline drafter passes the compliance gate by construction, in every channel and language."""

from __future__ import annotations

import pytest

from copilot.compliance import ComplianceContext, DraftText, check_draft
from copilot.drafting import BundlePoint, DraftInput, ProductPoint, ReviewPoint, compose_draft
from copilot.drafting.formatting import price_range
from copilot.drafting.templates import has_template, load_phrases, load_template
from copilot.drafting.why_now import product_name
from copilot.plan import Channel
from tools.contactability import contact_channel_of

INSURER = "Fjord Mutual Insurance Ltd"
FACTS = {
    "quote": {
        "lines": [
            {"product": "GL", "premium_low_eur": 2490, "premium_high_eur": 3050},
            {"product": "CYBER", "premium_low_eur": 1920, "premium_high_eur": 2350},
        ],
        "bundle": {
            "bundle_total_low_eur": 3750,
            "bundle_total_high_eur": 4590,
            "saving_low_eur": 660,
            "saving_high_eur": 810,
        },
        "label": "indicative, not an offer",
    }
}
CHUNKS = ["product-gl@1.0#0", "product-gl@1.0#1", "product-cyber@1.0#0", "product-cyber@1.0#1"]
LANGUAGE_COUNTRY = {"en": "SE", "sv": "SE", "nb": "NO", "da": "DK", "fi": "FI", "is": "IS"}
LANGUAGES = list(LANGUAGE_COUNTRY)
CHANNELS: list[Channel] = ["email", "portal_message", "call_script", "talking_points"]


WORDING: dict[str, tuple[str, str, str, str]] = {
    "en": (
        "Third-party bodily injury and property damage caused by the business.",
        "Contractual penalties and liability taken on by contract.",
        "Help after a data breach or a ransomware attack, and the lost income.",
        "War and attacks carried out by or on behalf of a state.",
    ),
    "sv": (
        "Skadestånd när verksamheten orsakar personskada eller sakskada hos någon annan.",
        "Viten och ansvar som företaget har tagit på sig genom avtal.",
        "Hjälp efter ett dataintrång eller en ransomwareattack, och förlorade intäkter.",
        "Krig och angrepp som utförs av eller på uppdrag av en stat.",
    ),
    "nb": (
        "Erstatningsansvar når virksomheten påfører andre personskade eller tingskade.",
        "Dagbøter og ansvar som bedriften har påtatt seg gjennom avtale.",
        "Hjelp etter et datainnbrudd eller et løsepengevirusangrep, og tapte inntekter.",
        "Krig og angrep som utføres av eller på vegne av en stat.",
    ),
    "da": (
        "Erstatningsansvar, når virksomheden forvolder personskade eller tingskade hos andre.",
        "Bod og ansvar, som virksomheden har påtaget sig ved aftale.",
        "Hjælp efter et databrud eller et ransomwareangreb, og den tabte indtjening.",
        "Krig og angreb, der udføres af eller på vegne af en stat.",
    ),
    "fi": (
        "Korvaus, kun yrityksen toiminta aiheuttaa toiselle henkilö- tai esinevahingon.",
        "Sopimussakot ja vastuu, jonka yritys on ottanut sopimuksella.",
        "Apu tietomurron tai kiristyshaittaohjelmahyökkäyksen jälkeen sekä menetetyt tulot.",
        "Sota ja valtion toteuttamat tai tukemat hyökkäykset.",
    ),
    "is": (
        "Bætur þegar reksturinn veldur öðrum líkamstjóni eða eignatjóni.",
        "Dagsektir og ábyrgð sem fyrirtækið hefur tekið á sig með samningi.",
        "Aðstoð eftir gagnaleka eða gagnagíslatöku og tekjurnar sem tapast.",
        "Stríð og árásir sem ríki gerir eða lætur gera.",
    ),
}
"""Sheet wording of GL and CYBER as a localised sheet gives it, by language."""


def _points(language: str) -> list[ProductPoint]:
    gl, gl_exclusion, cyber, cyber_exclusion = WORDING[language]
    return [
        ProductPoint(
            code="GL",
            name=product_name("GL", language),
            description=gl,
            cite=CHUNKS[0],
            exclusion=gl_exclusion,
            exclusion_cite=CHUNKS[1],
            price=price_range(2490, 3050, language),
        ),
        ProductPoint(
            code="CYBER",
            name=product_name("CYBER", language),
            description=cyber,
            cite=CHUNKS[2],
            exclusion=cyber_exclusion,
            exclusion_cite=CHUNKS[3],
            price=price_range(1920, 2350, language),
        ),
    ]


def _gate(channel: Channel, language: str, bundle: BundlePoint | None) -> tuple[object, object]:
    draft_input = DraftInput(
        channel=channel,
        language=language,
        customer_name="Acme AB",
        insurer=INSURER,
        products=_points(language),
        bundle=bundle,
    )
    composed = compose_draft(draft_input)
    text = DraftText(
        subject=composed.subject,
        body=composed.body,
        channel=channel,
        language=composed.language,
        citations=composed.citations,
    )
    context = ComplianceContext(
        country=LANGUAGE_COUNTRY[language],
        language=composed.language,
        channel=channel,
        insurer_name=INSURER,
        retrieved_chunk_ids=CHUNKS,
        consent={"email": True, "phone": True, "portal": True},
        is_existing_customer=True,
    )
    return composed, check_draft(text, FACTS, context)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("channel", CHANNELS)
def test_template_exists_and_its_draft_passes_the_gate(channel: Channel, language: str) -> None:
    assert has_template(channel, language)
    composed, report = _gate(channel, language, None)

    assert composed.language == language  # type: ignore[attr-defined]
    assert report.passed, report.findings  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", LANGUAGES)
def test_bundle_draft_prices_each_part_and_passes(language: str) -> None:
    bundle = BundlePoint(
        name=load_phrases(language).bundles.get(
            "BUSINESS_PROTECTION", "Business protection bundle"
        ),
        total=price_range(3750, 4590, language),
        saving=price_range(660, 810, language),
    )

    _, report = _gate("email", language, bundle)

    assert report.passed, report.findings  # type: ignore[attr-defined]


@pytest.mark.parametrize("channel", CHANNELS)
def test_every_channel_has_every_language_icelandic_included(channel: Channel) -> None:
    assert [load_template(channel, language).language for language in LANGUAGES] == LANGUAGES


def test_a_language_without_templates_falls_back_to_english() -> None:
    assert load_template("call_script", "de").language == "en"


def test_template_identity_is_recorded() -> None:
    ref = load_template("email", "sv").ref

    assert ref.id == "offline_email.sv" and ref.version == 2 and len(ref.sha256) == 64


def test_review_of_a_held_product_is_listed_without_a_bundle() -> None:
    review = ReviewPoint(code="PROPERTY", name="Commercial property", cite=CHUNKS[0])
    draft = DraftInput(
        channel="email",
        language="en",
        customer_name="Acme AB",
        insurer=INSURER,
        products=_points("en"),
        reviews=[review],
    )

    assert "Commercial property: your current policy is up for review" in compose_draft(draft).body


def test_review_is_left_out_next_to_a_bundle() -> None:
    review = ReviewPoint(code="PROPERTY", name="Commercial property", cite=CHUNKS[0])
    bundle = BundlePoint(name="Business protection bundle", total="EUR 3,750", saving="EUR 660")
    draft = DraftInput(
        channel="email",
        language="en",
        customer_name="Acme AB",
        insurer=INSURER,
        products=_points("en"),
        reviews=[review],
        bundle=bundle,
    )

    assert "Commercial property" not in compose_draft(draft).body


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("channel", CHANNELS)
def test_review_invitation_without_products_passes(channel: Channel, language: str) -> None:
    draft = DraftInput(
        channel=channel,
        language=language,
        customer_name="Acme AB",
        insurer=INSURER,
        sales_allowed=False,
    )
    composed = compose_draft(draft)
    text = DraftText(
        subject=composed.subject,
        body=composed.body,
        channel=channel,
        language=language,
        citations=composed.citations,
    )
    context = ComplianceContext(
        country=LANGUAGE_COUNTRY[language],
        language=language,
        channel=channel,
        insurer_name=INSURER,
        retrieved_chunk_ids=[],
        consent={contact_channel_of(channel): True},
        is_existing_customer=True,
    )

    report = check_draft(text, {}, context)

    assert report.passed, report.findings
