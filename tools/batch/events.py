"""The actions a business event creates for the customers it concerns, decided column-wise.

An industry incident can concern thousands of customers, so they are decided together as a
batch chunk is (the same rules as one customer's tools; parity tests hold the two equal).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from tools.decision.book import decide_frames
from tools.scores.book import load_model_inputs
from tools.snapshot.frames import load_frames

EVENT_TRIGGER = {
    "headcount_change": "growth",
    "revenue_change": "growth",
    "location_added": "growth",
    "portal_login": "behaviour",
    "document_download": "behaviour",
    "quote_request": "quote_request",
    "industry_incident": "industry_incident",
}
"""The trigger family each event type feeds."""


class EventAction(BaseModel):
    """A chosen action an event triggered for one customer."""

    customer_id: str = Field(description="The customer.")
    advisor_id: str = Field(description="Whose book it is on.")
    action_id: str = Field(description="Stable id of the action.")
    kind: str = Field(description="cross_sell, incident_outreach, consultation, ...")
    product: str | None = Field(description="Product concerned, if any.")
    reason: str = Field(description="Why, with the figures.")
    urgency: str = Field(description="high, medium or low.")
    due_by: datetime = Field(description="When to act by.")
    delivery: str = Field(description="advisor_call, automated_email or portal_message.")


def actions_after(
    session: Session,
    event_type: str,
    customer_ids: list[str],
    moment: datetime,
    models_dir: Path | None,
) -> list[EventAction]:
    """Return the chosen actions of the event's trigger family for these customers, by urgency."""
    if not customer_ids:
        return []
    frames = load_frames(session, moment, customer_ids)
    inputs = load_model_inputs(session, moment, customer_ids, models_dir)
    decided = decide_frames(frames, inputs).merge(
        frames.customers[["customer_id", "advisor_id"]], on="customer_id"
    )
    trigger = EVENT_TRIGGER[event_type]
    chosen = decided[decided["rank"].notna() & (decided["trigger_kind"] == trigger)]
    chosen = chosen.sort_values(["due_by", "customer_id", "action_id"], kind="stable")
    return [
        EventAction(
            customer_id=row.customer_id,
            advisor_id=row.advisor_id,
            action_id=row.action_id,
            kind=row.kind,
            product=row.product if isinstance(row.product, str) else None,
            reason=row.reason,
            urgency=row.urgency,
            due_by=pd.Timestamp(row.due_by).to_pydatetime(),
            delivery=row.delivery,
        )
        for row in chosen.itertuples(index=False)
    ]
