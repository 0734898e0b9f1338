from __future__ import annotations

import pytest

from copilot.compliance.language import detector, foreign_passages, text_language

NATIVE = {
    "en": "We suggest a short meeting next week to go through the cover you have today.",
    "sv": "Vi föreslår ett kort möte nästa vecka för att gå igenom det skydd ni har i dag.",
    "nb": "Vi foreslår et kort møte neste uke for å gå gjennom forsikringene dere har i dag.",
    "da": "Vi foreslår et kort møde i næste uge, hvor vi gennemgår de forsikringer, I har i dag.",
    "fi": "Ehdotamme lyhyttä tapaamista ensi viikolla, jossa käymme läpi nykyiset vakuutuksenne.",
    "is": "Við leggjum til stuttan fund í næstu viku til að fara yfir tryggingarnar ykkar.",
}


@pytest.mark.parametrize("language", sorted(NATIVE))
def test_text_language_reads_each_of_the_six_languages(language: str) -> None:
    assert text_language(NATIVE[language]) == language


def test_text_language_is_none_for_too_few_words() -> None:
    assert text_language("Hej Sarah!") is None


def test_text_language_is_none_for_german() -> None:
    assert (
        text_language("Wir schlagen nächste Woche ein kurzes Gespräch über Ihre Versicherung vor.")
        is None
    )


def test_danish_spelling_settles_a_text_lingua_would_read_as_bokmal() -> None:
    text = "Gør det klart for kunden, at prisen ikke er garanteret, før vi har vurderet risikoen."
    assert text_language(text) == "da"


def test_names_codes_figures_and_addresses_are_not_read() -> None:
    text = (
        "Vi föreslår Cyber Liability (CYBER) för Nordic IT Solutions AB, limit EUR 500 000,"
        " se https://fjordmutual.example eller skriv till kontakt@fjordmutual.example."
        " [product-sheet-cyber@1.0#2]"
    )
    assert foreign_passages(text, "sv") == []


def test_an_english_line_in_a_swedish_text_is_foreign() -> None:
    text = (
        "Hej Anna,\nvi föreslår ett kort möte om ert cyberskydd.\n"
        "Cyber liability: data breach response, ransomware recovery and business interruption.\n"
        "Hör av dig om en tid som passar."
    )
    assert foreign_passages(text, "sv") == [
        "Cyber liability: data breach response, ransomware recovery and business interruption."
    ]


def test_an_english_sentence_inside_a_finnish_line_is_foreign() -> None:
    text = "Ehdotamme tapaamista ensi viikolla. Please let us know which day suits you best."
    assert foreign_passages(text, "fi") == ["Please let us know which day suits you best."]


def test_danish_sign_off_passes_in_a_norwegian_text() -> None:
    text = "Vi foreslår et kort møte om forsikringene deres i neste uke.\nMed venlig hilsen"
    assert foreign_passages(text, "nb") == []


def test_a_whole_danish_text_is_not_norwegian() -> None:
    assert text_language(NATIVE["da"]) != "nb"
    long_danish = NATIVE["da"] + " Vi glæder os til at høre fra jer, og I er velkomne til at ringe."
    assert foreign_passages(long_danish, "nb") != []


def test_the_insurer_name_is_ignored_when_asked() -> None:
    text = "Med vennlig hilsen fra Fjord Mutual Insurance Ltd og hele teamet vårt"
    assert foreign_passages(text, "nb", ignore=["Fjord Mutual Insurance Ltd"]) == []


def test_no_reads_as_bokmal() -> None:
    assert foreign_passages(NATIVE["nb"], "no") == []


def test_unknown_expected_language_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown language"):
        foreign_passages("Some text here.", "de")


def test_detector_is_built_once() -> None:
    assert detector() is detector()
