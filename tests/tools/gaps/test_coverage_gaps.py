from collections.abc import Callable
from datetime import date, datetime, time

import pytest
from sqlalchemy.orm import Session

from tools.book.models import BusinessEvent, Customer
from tools.foundation.errors import InvalidDate, UnknownCustomer
from tools.foundation.settings import Settings
from tools.gaps import CoverageGaps, Gap, coverage_gaps
from tools.gaps.pack import load_gap_rules

NORDIC_IT, MANUFACTURING, OSLO, STOCKHOLM, BERGEN = (
    "S000001",
    "S000002",
    "S000003",
    "S000004",
    "S000005",
)


def _by_product(result: CoverageGaps) -> dict[str, Gap]:
    return {gap.product: gap for gap in result.gaps}


def _kinds(gap: Gap) -> set[str]:
    return {reason.kind for reason in gap.reasons}


def test_nordic_it_lacks_cyber_by_industry_standard_and_peer_benchmark(
    book_session: Session,
) -> None:
    cyber = _by_product(coverage_gaps(book_session, NORDIC_IT))["CYBER"]
    assert _kinds(cyber) >= {"industry_standard", "peer_benchmark"}
    assert "IT services firms with 10-49 employees hold CYBER" in cyber.reason


def test_nordic_it_cyber_is_its_first_gap(book_session: Session) -> None:
    assert coverage_gaps(book_session, NORDIC_IT).gaps[0].product == "CYBER"


def test_nordic_it_needs_do_and_epl_from_the_15_employee_rule(book_session: Session) -> None:
    gaps = _by_product(coverage_gaps(book_session, NORDIC_IT))
    for code in ("DO", "EPL"):
        assert any(r.rule_id == "size_15_plus" for r in gaps[code].reasons)


def test_peer_benchmark_quotes_the_peer_count(book_session: Session) -> None:
    result = coverage_gaps(book_session, NORDIC_IT)
    reason = next(r for r in _by_product(result)["CYBER"].reasons if r.kind == "peer_benchmark")
    assert reason.evidence["peer_count"] == result.peers.peer_count
    assert f"of {result.peers.peer_count} peers" in reason.reason


def test_stockholm_retail_lacks_product_liability_and_epl(book_session: Session) -> None:
    gaps = _by_product(coverage_gaps(book_session, STOCKHOLM))
    assert not gaps["PRODUCT_LIABILITY"].held and not gaps["EPL"].held


def test_stockholm_retail_growth_calls_for_a_gl_limits_review(book_session: Session) -> None:
    gl = _by_product(coverage_gaps(book_session, STOCKHOLM))["GL"]
    rules = {r.rule_id for r in gl.reasons}
    assert gl.held and gl.kind == "inadequate_limit"
    assert {"location_added", "headcount_growth_over_25"} <= rules
    assert "3 to 4" in gl.reason and "27 to 35" in gl.reason


def test_bergen_tech_needs_statutory_workers_comp_in_norway(book_session: Session) -> None:
    gap = _by_product(coverage_gaps(book_session, BERGEN))["WORKERS_COMP"]
    assert gap.kind == "mandatory"
    assert gap.priority == 1


def test_bergen_tech_new_site_calls_for_more_property_cover(
    fresh_book: Callable[[int], tuple[Settings, Session]], as_of: date
) -> None:
    _, session = fresh_book(5)
    session.add(
        BusinessEvent(
            customer_id=BERGEN,
            event_type="location_added",
            occurred_at=datetime.combine(as_of, time(8, 0)),
            payload={"locations_from": 1, "locations_to": 2},
        )
    )
    session.commit()
    gaps = _by_product(coverage_gaps(session, BERGEN))
    assert any(r.rule_id == "location_added" for r in gaps["PROPERTY"].reasons)
    assert gaps["PROPERTY"].held


def test_a_prospect_gets_its_industry_covers(book_session: Session) -> None:
    gaps = _by_product(coverage_gaps(book_session, OSLO))
    assert {"PI", "GL", "CYBER"} <= set(gaps)


def test_no_held_product_is_reported_missing(book_session: Session) -> None:
    for customer in (NORDIC_IT, MANUFACTURING, STOCKHOLM, BERGEN):
        result = coverage_gaps(book_session, customer)
        for gap in result.gaps:
            assert gap.held == (gap.product in result.held_products)
            assert gap.held == (gap.kind == "inadequate_limit")


def test_products_outside_the_target_market_are_not_gaps(book_session: Session) -> None:
    # PI's target market is advisory industries; a retailer never gets a PI gap.
    assert "PI" not in _by_product(coverage_gaps(book_session, STOCKHOLM))


def test_priorities_run_from_1_without_gaps(book_session: Session) -> None:
    result = coverage_gaps(book_session, MANUFACTURING)
    assert [g.priority for g in result.gaps] == list(range(1, len(result.gaps) + 1))
    points = [g.priority_points for g in result.gaps]
    assert points == sorted(points, reverse=True)


def test_the_result_names_the_rule_pack_version(book_session: Session) -> None:
    assert coverage_gaps(book_session, NORDIC_IT).rule_pack_version == load_gap_rules().version


def test_unknown_customer_raises_a_typed_error(book_session: Session) -> None:
    with pytest.raises(UnknownCustomer):
        coverage_gaps(book_session, "nobody")


def test_a_date_in_the_wrong_format_raises_invalid_date(book_session: Session) -> None:
    with pytest.raises(InvalidDate):
        coverage_gaps(book_session, NORDIC_IT, now="11/22/2026")


def test_a_gap_names_prerequisites_to_quote_with_it(
    fresh_book: Callable[[int], tuple[Settings, Session]],
) -> None:
    _, session = fresh_book(5)
    gaps = _by_product(coverage_gaps(session, OSLO))
    assert gaps["PI"].missing_prerequisites == []
    session.get(Customer, OSLO).industry_code = "retail"  # type: ignore[union-attr]
    session.commit()
    assert _by_product(coverage_gaps(session, OSLO))["PRODUCT_LIABILITY"].missing_prerequisites == [
        "GL"
    ]
