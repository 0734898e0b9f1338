from tools.catalogue.loader import load_catalogue
from tools.eligibility.checks import CHECKS
from tools.eligibility.pack import load_eligibility_rules


def test_every_rule_names_an_existing_check() -> None:
    assert {rule.check for rule in load_eligibility_rules().rules} <= set(CHECKS)


def test_rule_ids_are_unique() -> None:
    ids = [rule.id for rule in load_eligibility_rules().rules]
    assert len(ids) == len(set(ids))


def test_availability_and_exclusions_name_catalogue_products() -> None:
    pack, codes = load_eligibility_rules(), set(load_catalogue().codes)
    assert set(pack.availability.products) <= codes
    assert set(pack.excluded_industries) <= codes


def test_norway_is_read_as_a_country_code_not_a_boolean() -> None:
    assert "NO" in load_eligibility_rules().availability.default
