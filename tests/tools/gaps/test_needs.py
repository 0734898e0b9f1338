from datetime import datetime

from tools.catalogue.loader import load_catalogue
from tools.gaps.needs import NeedFacts, expected_covers
from tools.gaps.pack import load_gap_rules
from tools.growth.trends import Change, GrowthTrends

NO_TRENDS = GrowthTrends(window_days=730, headcount=None, revenue=None, locations=None)


def _expected(**overrides: object) -> dict[str, set[str]]:
    values: dict[str, object] = {
        "industry": "it_services",
        "country": "SE",
        "employees": 15,
        "turnover_eur": 3_000_000,
        "held": frozenset(),
        "trends": NO_TRENDS,
    }
    values.update(overrides)
    found = expected_covers(NeedFacts(**values), load_catalogue(), load_gap_rules())  # type: ignore[arg-type]
    return {code: {r.rule_id for r in reasons} for code, reasons in found.items()}


def test_fifteen_employees_expect_do_and_epl() -> None:
    found = _expected(employees=15)
    assert "size_15_plus" in found["DO"] and "size_15_plus" in found["EPL"]


def test_fourteen_employees_do_not_trigger_the_15_plus_rule() -> None:
    assert "size_15_plus" not in _expected(employees=14).get("DO", set())


def test_workers_comp_is_statutory_in_norway_but_not_in_sweden() -> None:
    assert "catalogue_mandatory_in" in _expected(country="NO")["WORKERS_COMP"]
    assert "WORKERS_COMP" not in _expected(country="SE")


def test_epl_path_from_gl_needs_gl_held() -> None:
    assert "size_10_plus_from_gl" in _expected(employees=12, held=frozenset({"GL"}))["EPL"]
    assert "EPL" not in _expected(employees=12)


def test_a_product_outside_its_target_market_is_never_expected() -> None:
    # DO's target market starts at 10 employees.
    assert "DO" not in _expected(employees=5)


def test_headcount_growth_over_50_percent_expects_workers_comp_and_group_life() -> None:
    change = Change(
        from_value=8, to_value=15, growth_pct=87.5, since=datetime(2026, 1, 1), events=1
    )
    trends = GrowthTrends(window_days=730, headcount=change, revenue=None, locations=None)
    found = _expected(trends=trends)
    assert "headcount_growth_over_50" in found["WORKERS_COMP"]
    assert "headcount_growth_over_50" in found["GROUP_LIFE"]
