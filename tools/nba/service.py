"""``next_best_actions``: the triggers of one customer, as typed candidate actions."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from tools.book.clock import resolve_now
from tools.catalogue.loader import load_catalogue
from tools.contact_policy.pack import load_contact_policy
from tools.gaps.pack import load_gap_rules
from tools.nba.config import load_trigger_config
from tools.nba.customer_candidates import detect_customer_candidates
from tools.nba.models import ActionCandidate
from tools.scores import scores_for
from tools.snapshot import load_snapshot


def next_best_actions(
    session: Session,
    customer_id: str,
    *,
    now: datetime | date | str | None = None,
    models_dir: Path | None,
) -> list[ActionCandidate]:
    """Detect the customer's triggers and propose actions: what, why, when, channel, value.

    Triggers: renewal (60/30/7 days before expiry), growth (revenue > +30%, headcount > +50%,
    new location), an incident in the customer's industry, portal behaviour (3+ logins in a
    week or a 4x jump), a recent or open claim (care, not a sale), a quote request, and
    standing gaps from the customer's industry and size. The contact policy is not applied
    here: pass the result to ``arbitrate``.

    Args:
        session: Open session on the book.
        customer_id: The customer's id (names are resolved at the CLI's edge).
        now: Decision moment (ISO 8601 string, date or datetime); default the book's as-of
            date at 12:00.
        models_dir: The registered models that score the candidates; None ranks by the
            catalogue prior.

    Returns:
        Candidate actions sorted by action id.

    Raises:
        UnknownCustomer: no such customer.
        InvalidDate: ``now`` is not a valid date.
    """
    moment = resolve_now(session, now)
    snapshot = load_snapshot(session, customer_id, moment)
    return detect_customer_candidates(
        snapshot,
        scores_for(snapshot, models_dir),
        load_catalogue(),
        load_trigger_config(),
        load_contact_policy(),
        load_gap_rules(),
    )
