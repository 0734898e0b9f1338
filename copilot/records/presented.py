"""Record each product an approved draft presents for the learning loop (one place: here).

The book's ``offers`` row keeps the contact policy's count; the learning record beside it
(``tools/learning``) adds what produced the offer: trigger, model and rule-pack versions,
and the customer's strategy arm, so that outcomes can be measured per version and arm.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from copilot.state import TurnState
from tools.book.models import Offer
from tools.contact_policy import load_contact_policy
from tools.experiment.arms import arm_of
from tools.learning.offers import OfferCreate, record_offer


def _naive_utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def record_presented(session: Session, state: TurnState, offers: list[Offer]) -> None:
    """Store the book's offer rows and one learning record per presented product."""
    session.add_all(offers)
    session.flush()
    report = state["compliance"]
    recommended = {r.product: r for r in state.get("recommendations", [])}
    arm = arm_of(state["customer_id"], load_contact_policy().experiment)
    recipient = state.get("recipient")
    for offer in offers:
        source = recommended.get(offer.product_code)
        triggered = source.triggered_at if source is not None else None
        record_offer(
            session,
            OfferCreate(
                customer_id=offer.customer_id,
                contact_id=recipient.id if recipient is not None else None,
                advisor_id=offer.advisor_id,
                approval_id=state["request_id"],
                book_offer_id=offer.id,
                product_code=offer.product_code,
                channel=offer.channel,
                trigger_type=(source.trigger if source and source.trigger else offer.trigger),
                urgency=source.urgency if source is not None else None,
                triggered_at=_naive_utc(triggered) if triggered else None,
                presented_at=offer.presented_at,
                model_version=offer.model_version,
                propensity=source.propensity if source is not None else None,
                rule_pack_id=report.rule_pack.id,
                rule_pack_version=report.rule_pack.version,
                arm=arm,
            ),
        )
