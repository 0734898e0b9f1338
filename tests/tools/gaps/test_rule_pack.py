from tools.catalogue.loader import load_catalogue
from tools.gaps.pack import load_gap_rules


def test_every_product_the_pack_names_is_in_the_catalogue() -> None:
    pack, codes = load_gap_rules(), set(load_catalogue().codes)
    named = {code for covers in pack.industry_key_covers.values() for code in covers}
    for size_rule in pack.size_rules:
        named |= set(size_rule.products) | set(size_rule.held_all)
    for rule in [*pack.growth_rules, *pack.limit_review_rules]:
        named |= set(rule.products)
    assert named <= codes


def test_every_industry_the_pack_names_is_in_the_catalogue() -> None:
    assert set(load_gap_rules().industry_key_covers) <= set(load_catalogue().industries)


def test_every_gap_kind_has_priority_points() -> None:
    points = load_gap_rules().priority_points
    kinds = {"mandatory", "industry_key", "industry_standard", "size_rule", "growth_rule"}
    assert kinds | {"peer_benchmark", "inadequate_limit", "extra_reason"} <= set(points)


def test_every_industry_key_cover_is_one_of_its_standard_covers() -> None:
    # Key covers rank above the standard ones; a key cover peers are not expected to hold
    # would leave the synthetic book, the peer benchmark and the models without it.
    industries = load_catalogue().industries
    for industry, covers in load_gap_rules().industry_key_covers.items():
        assert set(covers) <= set(industries[industry].standard_covers), industry
