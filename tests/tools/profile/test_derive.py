from datetime import date, datetime

from tools.catalogue.loader import load_catalogue
from tools.growth.trends import Change, GrowthTrends
from tools.profile.derivation import load_derivation
from tools.profile.derive import derive_lifecycle, derive_risk_score

NOW = datetime(2026, 11, 22, 12, 0)


def _risk(industry: str, band: str, claims: int = 0, open_claims: int = 0) -> int:
    risk = load_catalogue().industries[industry].risk
    rule = load_derivation().risk_score
    return derive_risk_score(industry, risk, band, claims, open_claims, rule).value


def _trends(revenue_pct: float | None) -> GrowthTrends:
    revenue = None
    if revenue_pct is not None:
        revenue = Change(from_value=100, to_value=100, growth_pct=revenue_pct, since=NOW, events=1)
    return GrowthTrends(window_days=730, headcount=None, revenue=revenue, locations=None)


def test_risk_score_matches_the_seed_example_of_a_25_employee_it_company() -> None:
    assert _risk("it_services", "small") == 65


def test_risk_score_matches_the_seed_example_of_a_5_employee_consulting_firm() -> None:
    assert _risk("consulting", "micro") == 45


def test_claims_raise_the_risk_score() -> None:
    assert _risk("it_services", "small", claims=2, open_claims=1) > _risk("it_services", "small")


def test_risk_score_stays_within_1_and_100() -> None:
    assert _risk("construction", "medium", claims=10, open_claims=3) == 100


def test_a_young_company_is_a_startup() -> None:
    rule = load_derivation().lifecycle
    assert derive_lifecycle(date(2025, 6, 1), NOW, _trends(50), rule).value == "startup"


def test_revenue_growth_makes_an_established_company_growth_stage() -> None:
    rule = load_derivation().lifecycle
    assert derive_lifecycle(date(2010, 1, 1), NOW, _trends(25), rule).value == "growth"


def test_falling_revenue_makes_a_company_declining() -> None:
    rule = load_derivation().lifecycle
    assert derive_lifecycle(date(2010, 1, 1), NOW, _trends(-15), rule).value == "declining"


def test_no_trend_means_mature_and_says_so_in_the_inputs() -> None:
    derived = derive_lifecycle(date(2010, 1, 1), NOW, _trends(None), load_derivation().lifecycle)
    assert derived.value == "mature"
    assert derived.inputs["revenue_growth_pct"] is None
