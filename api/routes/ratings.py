"""Advisors' ratings of recommendations and drafts."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Advisor, SettingsDep
from copilot.audit import append
from copilot.ratings.store import RatingCreate, RatingPublic, create_rating
from tools.foundation.db import session_scope

router = APIRouter(tags=["ratings"])


@router.post("/api/ratings", status_code=201)
def rate(rating: RatingCreate, actor: Advisor, settings: SettingsDep) -> RatingPublic:
    """Store a 1-5 rating with reason codes and a short comment (the caller's own book)."""
    with session_scope(settings) as session:
        stored = create_rating(session, actor, rating)
        detail = {"score": rating.score, "reason_codes": list(rating.reason_codes)}
        append(session, actor, "rating.create", rating.subject_type, rating.subject_id, "", detail)
    return stored
