"""Advisors' ratings of recommendations and drafts."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Advisor, SettingsDep
from copilot.audit import append
from copilot.ratings.store import RatingCreate, RatingPublic, create_rating
from copilot.users import Actor
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings

router = APIRouter(tags=["ratings"])


@router.post("/api/ratings", status_code=201)
def rate(rating: RatingCreate, actor: Advisor, settings: SettingsDep) -> RatingPublic:
    """Store a 1-5 rating with reason codes and a short comment (the caller's own book)."""
    return store_rating(settings, actor, rating)


def store_rating(settings: Settings, actor: Actor, rating: RatingCreate) -> RatingPublic:
    """Store and audit an advisor's rating (the subject must be in their book)."""
    with session_scope(settings) as session:
        stored = create_rating(session, actor, rating)
        detail = {"score": rating.score, "reason_codes": list(rating.reason_codes)}
        append(session, actor, "rating.create", rating.subject_type, rating.subject_id, "", detail)
    return stored
