"""Store an advisor's rating of a recommendation or a draft of their own book."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from copilot.access import advisor_of, customer_for, turn_for
from copilot.ratings.reason_codes import (
    MAX_COMMENT_CHARS,
    RATING_REASON_CODES_VERSION,
    RatingReasonCode,
)
from copilot.users import Actor
from tools.foundation.clock import utc_now
from tools.foundation.errors import InvalidInput
from tools.learning.ratings_table import RatingRecord


class RatingCreate(BaseModel):
    """A rating of one recommendation or one draft."""

    subject_type: Literal["recommendation", "draft"] = Field(description="What is rated.")
    subject_id: str = Field(
        min_length=1,
        max_length=120,
        description="The recommendation's action id, or the draft's approval id.",
    )
    customer_id: str = Field(min_length=1, max_length=16, description="The customer.")
    product: str | None = Field(None, max_length=32, description="Product of a recommendation.")
    score: int = Field(ge=1, le=5, description="1 (useless) to 5 stars.")
    reason_codes: list[RatingReasonCode] = Field(
        default_factory=list, max_length=7, description="Reasons from the versioned list."
    )
    comment: str = Field("", max_length=MAX_COMMENT_CHARS, description="At most 225 characters.")


class RatingPublic(RatingCreate):
    """A stored rating."""

    id: int = Field(description="Rating id.")
    user_id: str = Field(description="Who rated.")
    reason_codes_version: str = Field(description="Version of the reason-code list.")


def create_rating(session: Session, actor: Actor, rating: RatingCreate) -> RatingPublic:
    """Store a rating of the caller's own book (identity from the caller, never the body).

    Raises:
        WrongRole: the caller is not an advisor.
        UnknownCustomer: the customer is not in the caller's book.
        UnknownApproval: the rated draft is not one of the caller's (or not this customer's).
        InvalidInput: a recommendation's id does not name the customer.
    """
    advisor_id = advisor_of(actor, "rate recommendations and drafts")
    customer_for(session, actor, rating.customer_id)
    if rating.subject_type == "draft":
        record = turn_for(session, actor, rating.subject_id)
        if record.customer_id != rating.customer_id:
            raise InvalidInput(f"Draft {rating.subject_id!r} is not about {rating.customer_id}.")
    elif not rating.subject_id.startswith(f"{rating.customer_id}:"):
        raise InvalidInput("A recommendation's id starts with its customer id (CUSTOMER:kind:...).")
    row = RatingRecord(
        user_id=actor.user_id,
        advisor_id=advisor_id,
        customer_id=rating.customer_id,
        subject_type=rating.subject_type,
        subject_id=rating.subject_id,
        product=rating.product,
        score=rating.score,
        reason_codes=list(dict.fromkeys(rating.reason_codes)),
        reason_codes_version=RATING_REASON_CODES_VERSION,
        comment=rating.comment,
        rated_at=utc_now(),
    )
    session.add(row)
    session.flush()
    return RatingPublic(
        **rating.model_dump(exclude={"reason_codes"}),
        reason_codes=row.reason_codes,
        id=row.id,
        user_id=actor.user_id,
        reason_codes_version=RATING_REASON_CODES_VERSION,
    )
