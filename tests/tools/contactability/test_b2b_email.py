"""The per-country rules of B2B e-mail to a named person: versioned, loaded, validated."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from tools.catalogue.loader import load_catalogue
from tools.contactability import load_b2b_email_rules
from tools.contactability.b2b_email import RULES_FILE
from tools.foundation.errors import InvalidInput

REFERENCES = {
    "SE": ("Marknadsföringslagen", "19 §"),
    "NO": ("Markedsføringsloven", "§ 15"),
    "DK": ("Markedsføringsloven", "§ 10"),
    "FI": ("Laki sähköisen viestinnän palveluista", "200 §"),
    "IS": ("Lög um fjarskipti", "46. gr."),
}
"""The acts and sections the project's compliance guidance names per country."""


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _shipped() -> dict:
    return yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))


def test_the_shipped_rules_cover_every_country_of_the_catalogue() -> None:
    rules = load_b2b_email_rules()

    assert rules.version and set(rules.countries) == set(load_catalogue().countries)


@pytest.mark.parametrize("country", sorted(REFERENCES))
def test_each_country_cites_its_marketing_act(country: str) -> None:
    rule = load_b2b_email_rules().rule(country)
    act, section = REFERENCES[country]

    cited = " ".join(ref.text for ref in rule.references)
    assert act in cited and section in cited
    assert rule.soft_opt_in and rule.named_person


def test_finland_is_opt_out_for_legal_persons_and_the_others_ask_consent() -> None:
    laws = {code: rule.law for code, rule in load_b2b_email_rules().countries.items()}

    assert laws == {
        "SE": "consent",
        "NO": "consent",
        "DK": "consent",
        "FI": "opt_out",
        "IS": "consent",
    }


def test_an_unknown_country_is_refused_with_the_known_ones() -> None:
    with pytest.raises(InvalidInput, match="DK, FI, IS, NO, SE"):
        load_b2b_email_rules().rule("DE")


def test_a_missing_country_is_refused(tmp_path: Path) -> None:
    data = _shipped()
    del data["countries"]["IS"]

    with pytest.raises(ValidationError, match="missing \\['IS'\\]"):
        load_b2b_email_rules(_write(tmp_path, data))


def test_a_misspelt_field_is_refused(tmp_path: Path) -> None:
    data = _shipped()
    data["countries"]["SE"]["soft_optin"] = data["countries"]["SE"].pop("soft_opt_in")

    with pytest.raises(ValidationError, match="soft_optin"):
        load_b2b_email_rules(_write(tmp_path, data))


def test_a_rule_without_a_regulation_reference_is_refused(tmp_path: Path) -> None:
    data = _shipped()
    data["countries"]["DK"]["references"] = []

    with pytest.raises(ValidationError, match="references"):
        load_b2b_email_rules(_write(tmp_path, data))


def test_an_unknown_treatment_is_refused(tmp_path: Path) -> None:
    data = _shipped()
    data["countries"]["NO"]["law"] = "anything_goes"

    with pytest.raises(ValidationError, match="law"):
        load_b2b_email_rules(_write(tmp_path, data))
