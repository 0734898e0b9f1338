from dataclasses import replace

from tools.catalogue.loader import load_catalogue
from tools.eligibility import evaluate_rules
from tools.eligibility.checks import EligibilityFacts
from tools.eligibility.pack import load_eligibility_rules

SMALL_IT = EligibilityFacts(
    industry="it_services",
    country="SE",
    employees=15,
    turnover_eur=3_000_000,
    held=frozenset({"PI"}),
    open_claims=0,
    objection_to_marketing=False,
    care_flag=False,
)


def _failed(facts: EligibilityFacts, product: str) -> list[str]:
    results = evaluate_rules(facts, load_catalogue().product(product), load_eligibility_rules())
    return [r.rule_id for r in results if not r.passed]


def test_a_suitable_product_passes_every_rule() -> None:
    assert _failed(SMALL_IT, "CYBER") == []


def test_a_prerequisite_quoted_together_satisfies_the_rule() -> None:
    retailer = replace(SMALL_IT, industry="retail", held=frozenset())
    assert _failed(retailer, "PRODUCT_LIABILITY") == ["prerequisites_held"]
    assert _failed(replace(retailer, quoted_with=frozenset({"GL"})), "PRODUCT_LIABILITY") == []


def test_headcount_below_the_target_market_fails() -> None:
    assert _failed(replace(SMALL_IT, employees=4), "DO") == ["size_in_target_market"]


def test_turnover_above_the_sme_ceiling_fails() -> None:
    assert _failed(replace(SMALL_IT, turnover_eur=60_000_000), "CYBER") == [
        "turnover_in_target_market"
    ]


def test_a_product_not_sold_in_the_country_fails() -> None:
    manufacturer = replace(SMALL_IT, industry="manufacturing", country="IS")
    assert _failed(manufacturer, "TRADE_CREDIT") == ["country_available"]


def test_an_excluded_industry_fails() -> None:
    builder = replace(SMALL_IT, industry="construction", held=frozenset({"PROPERTY"}))
    assert _failed(builder, "BI") == ["industry_not_excluded"]


def test_an_objection_to_marketing_fails() -> None:
    assert _failed(replace(SMALL_IT, objection_to_marketing=True), "CYBER") == [
        "no_objection_to_marketing"
    ]


def test_a_care_flag_fails() -> None:
    assert _failed(replace(SMALL_IT, care_flag=True), "CYBER") == ["no_care_flag"]


def test_every_failure_is_reported_not_just_the_first() -> None:
    troubled = replace(SMALL_IT, open_claims=1, care_flag=True, objection_to_marketing=True)
    assert len(_failed(troubled, "PI")) == 4
