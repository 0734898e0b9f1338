"""``next_best_actions``: the triggers of one customer, as typed candidate actions."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
from sqlalchemy.orm import Session

from tools.book.clock import resolve_now
from tools.book.repository import resolve_customer
from tools.catalogue.loader import load_catalogue
from tools.contact_policy.pack import load_contact_policy
from tools.nba.candidates import detect_candidates
from tools.nba.config import load_trigger_config
from tools.nba.models import ActionCandidate, Trigger
from tools.scores.book import load_model_inputs
from tools.snapshot.frames import load_frames


def candidates_from_frame(frame: pd.DataFrame, now: datetime) -> list[ActionCandidate]:
    """Convert candidate rows (from ``detect_candidates``) into typed candidates."""
    return [
        ActionCandidate(
            action_id=row.action_id,
            customer_id=row.customer_id,
            kind=row.kind,
            product=row.product if isinstance(row.product, str) else None,
            trigger=Trigger(kind=row.trigger_kind, evidence=row.evidence, detected_at=now),
            reason=row.reason,
            due_by=pd.Timestamp(row.due_by).to_pydatetime(),
            channel=row.channel,
            urgency=row.urgency,
            relevance=float(row.relevance),
            expected_value_eur=float(row.expected_value_eur),
        )
        for row in frame.itertuples(index=False)
    ]


def next_best_actions(
    session: Session, customer_id: str, *, now: datetime | date | str | None = None
) -> list[ActionCandidate]:
    """Detect the customer's triggers and propose actions: what, why, when, channel, value.

    Triggers: renewal (60/30/7 days before expiry), growth (revenue > +30%, headcount > +50%,
    new location), an incident in the customer's industry, portal behaviour (3+ logins in a
    week or a 4x jump), a recent or open claim (care, not a sale), a quote request, and
    standing gaps from the customer's industry and size. The contact policy is not applied
    here: pass the result to ``arbitrate``.

    Args:
        session: Open session on the book.
        customer_id: Customer id or exact name.
        now: Decision moment (ISO 8601 string, date or datetime); default the book's as-of
            date at 12:00.

    Returns:
        Candidate actions sorted by action id.

    Raises:
        UnknownCustomer: no such customer.
        InvalidDate: ``now`` is not a valid date.
    """
    moment = resolve_now(session, now)
    customer = resolve_customer(session, customer_id)
    frames = load_frames(session, moment, [customer.id])
    inputs = load_model_inputs(session, moment, [customer.id])
    frame = detect_candidates(
        frames, load_trigger_config(), load_catalogue(), load_contact_policy(), inputs
    )
    return candidates_from_frame(frame, moment)
