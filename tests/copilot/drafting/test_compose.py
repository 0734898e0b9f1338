"""The offline drafter passes the compliance gate by construction, in every channel and language."""

from __future__ import annotations

import pytest

from copilot.compliance import ComplianceContext, DraftText, check_draft
from copilot.drafting import BundlePoint, DraftInput, ProductPoint, ReviewPoint, compose_draft
from copilot.drafting.templates import has_template, load_phrases, load_template
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


WORDING: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    "en": (
        (
            "General liability",
            "Injury and damage to others that the business is liable for.",
            "Contractual penalties.",
        ),
        (
            "Cyber insurance",
            "The costs of a data breach or a cyber attack.",
            "War and attacks carried out for a state.",
        ),
    ),
    "sv": (
        (
            "Ansvarsförsäkring",
            "Skador på andra som företaget blir skadeståndsskyldigt för.",
            "Avtalsviten.",
        ),
        (
            "Cyberförsäkring",
            "Kostnaderna för ett dataintrång eller en it-attack.",
            "Krig och angrepp på uppdrag av en stat.",
        ),
    ),
    "nb": (
        (
            "Ansvarsforsikring",
            "Skade på andre som bedriften blir erstatningsansvarlig for.",
            "Kontraktsbøter.",
        ),
        (
            "Cyberforsikring",
            "Kostnadene ved et datainnbrudd eller et dataangrep.",
            "Krig og angrep på oppdrag fra en stat.",
        ),
    ),
    "da": (
        (
            "Erhvervsansvarsforsikring",
            "Skader på andre, som virksomheden bliver erstatningsansvarlig for.",
            "Kontraktlige bøder.",
        ),
        (
            "Cyberforsikring",
            "Omkostningerne ved et databrud eller et cyberangreb.",
            "Krig og angreb på vegne af en stat.",
        ),
    ),
    "fi": (
        (
            "Vastuuvakuutus",
            "Toisille aiheutuneet vahingot, joista yritys on korvausvastuussa.",
            "Sopimussakot.",
        ),
        (
            "Kybervakuutus",
            "Tietomurrosta tai kyberhyökkäyksestä aiheutuvat kulut.",
            "Sota ja valtion tukemat hyökkäykset.",
        ),
    ),
    "is": (
        (
            "Ábyrgðartrygging",
            "Tjón annarra sem fyrirtækið ber skaðabótaábyrgð á.",
            "Samningsbundnar dagsektir.",
        ),
        (
            "Netöryggistrygging",
            "Kostnaður vegna netárásar eða gagnaleka.",
            "Stríð og árásir á vegum ríkis.",
        ),
    ),
}
"""Each product's name, cover and main exclusion as the customer sheets put them."""


def _points(language: str) -> list[ProductPoint]:
    to = {"en": "to", "sv": "till", "nb": "til", "da": "til", "fi": "-", "is": "til"}[language]
    (gl_name, gl_cover, gl_exclusion), (cy_name, cy_cover, cy_exclusion) = WORDING[language]
    return [
        ProductPoint(
            code="GL",
            name=gl_name,
            description=gl_cover,
            cite=CHUNKS[0],
            exclusion=gl_exclusion,
            exclusion_cite=CHUNKS[1],
            price=f"EUR 2,490 {to} EUR 3,050",
        ),
        ProductPoint(
            code="CYBER",
            name=cy_name,
            description=cy_cover,
            cite=CHUNKS[2],
            exclusion=cy_exclusion,
            exclusion_cite=CHUNKS[3],
            price=f"EUR 1,920 {to} EUR 2,350",
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
    to = {"en": "to", "sv": "till", "nb": "til", "da": "til", "fi": "-", "is": "til"}[language]
    bundle = BundlePoint(
        name=load_phrases(language).bundles.get(
            "BUSINESS_PROTECTION", "Business protection bundle"
        ),
        total=f"EUR 3,750 {to} EUR 4,590",
        saving=f"EUR 660 {to} EUR 810",
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
