from __future__ import annotations

import pytest

from copilot.compliance import check_draft
from copilot.compliance.gate import RULES
from copilot.compliance.rulepacks import COUNTRIES, UnknownCountry, load_rule_pack
from tests.copilot.compliance.conftest import make_context, make_draft


@pytest.mark.parametrize("country", COUNTRIES)
def test_every_pack_loads_and_names_only_known_rules(country: str) -> None:
    pack = load_rule_pack(country)
    assert pack.country == country
    assert set(pack.rules) == set(RULES)


def test_country_pack_overrides_base_severity() -> None:
    assert load_rule_pack("DK").rules["claims.urgency"].severity == "block"
    assert load_rule_pack("SE").rules["claims.urgency"].severity == "warn"


def test_country_pack_adds_local_references() -> None:
    assert "SE-MFL" in load_rule_pack("SE").rules["disclosure.marketing_label"].references


def test_unknown_country_raises_typed_error() -> None:
    with pytest.raises(UnknownCountry):
        load_rule_pack("DE")


def test_country_severity_override_applies_in_gate() -> None:
    draft = make_draft("Last chance to book a review.", channel="talking_points")
    report = check_draft(draft, {}, make_context(country="DK", channel="talking_points"))
    assert not report.passed


def test_country_lexicon_addition_counts_as_marketing_label() -> None:
    text = "Annons från Fjord Mutual Insurance Ltd. Avregistrera dig i portalen."
    draft = make_draft(text, language="sv")
    report = check_draft(draft, {}, make_context(language="sv"))
    assert "disclosure.marketing_label" not in {finding.rule for finding in report.findings}
