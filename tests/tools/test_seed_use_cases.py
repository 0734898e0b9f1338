"""The five seed use cases, end to end across the tools, on the seed customers."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from tools.decision import arbitrate
from tools.nba import next_best_actions
from tools.portfolio import portfolio_actions
from tools.quote import quote

PRODUCT_KINDS = {"cross_sell", "incident_outreach"}


def _decide(session: Session, customer_id: str):
    return arbitrate(session, customer_id, next_best_actions(session, customer_id))


def _products(decision) -> list[str]:
    return [r.action.product for r in decision.chosen if r.action.kind in PRODUCT_KINDS]


def test_growth_customer_gets_cyber_before_do(book_session: Session) -> None:
    decision = _decide(book_session, "Nordic IT Solutions AB")
    assert _products(decision) == ["CYBER", "DO"]


def test_growth_customer_gets_an_email_within_48_hours(book_session: Session) -> None:
    decision = _decide(book_session, "S000001")
    lead = decision.chosen[0]
    assert lead.delivery == "automated_email"
    assert lead.action.due_by - decision.decided_at <= timedelta(hours=48)
    assert lead.action.trigger.kind == "growth"


def test_incident_lists_manufacturer_without_cyber_by_size(book_session: Session) -> None:
    listing = portfolio_actions(
        book_session, kind="incident_without_cover", industry="manufacturing", product="CYBER"
    )
    ids = [item.customer_id for item in listing.items]
    assert "S000002" in ids
    sizes = [item.employees for item in listing.items]
    assert sizes == sorted(sizes, reverse=True)


def test_incident_outreach_is_due_within_48_hours(book_session: Session) -> None:
    decision = _decide(book_session, "Nordic Manufacturing Oy")
    lead = decision.chosen[0]
    assert (lead.action.kind, lead.action.product) == ("incident_outreach", "CYBER")
    assert lead.action.due_by - decision.decided_at <= timedelta(hours=48)


def test_quoting_prospect_is_offered_gl_and_cyber(book_session: Session) -> None:
    decision = _decide(book_session, "Oslo Consulting AS")
    assert sorted(_products(decision)) == ["CYBER", "GL"]
    assert all(r.action.trigger.kind == "quote_request" for r in decision.chosen)


def test_quoting_prospect_gets_a_bundle_price_and_separate_prices(book_session: Session) -> None:
    decision = _decide(book_session, "Oslo Consulting AS")
    products = ["PI", *sorted(_products(decision))]
    offer = quote(book_session, "S000003", products)
    assert offer.bundle is not None
    assert sorted(part.product for part in offer.bundle.parts) == sorted(products)
    assert offer.bundle.bundle_total_low_eur < offer.bundle.separate_total_low_eur
    assert all(part.separate_low_eur > 0 for part in offer.bundle.parts)


def test_renewal_at_60_days_leads_an_advisor_call_with_limits_review(
    book_session: Session,
) -> None:
    decision = _decide(book_session, "Stockholm Retail AB")
    lead = decision.chosen[0]
    assert lead.action.kind == "renewal_review"
    assert lead.action.trigger.evidence["reminder"] == 60
    assert lead.delivery == "advisor_call"
    assert "limits_review" in {r.action.kind for r in decision.chosen}


def test_renewal_customer_is_proposed_product_liability_and_epl(book_session: Session) -> None:
    proposed = {a.product for a in next_best_actions(book_session, "S000004")}
    assert {"PRODUCT_LIABILITY", "EPL"} <= proposed


def test_behaviour_signal_invites_a_consultation_in_the_portal(book_session: Session) -> None:
    decision = _decide(book_session, "Bergen Tech AS")
    lead = decision.chosen[0]
    assert lead.action.kind == "consultation"
    assert lead.action.trigger.kind == "behaviour"
    assert lead.delivery == "portal_message"
