"""The typed events a streamed turn yields (the CLI prints them, the API sends them as SSE)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from copilot.turn_result import TurnResult


class NodeEvent(BaseModel):
    """A step of the turn finished (understand_request, gather_facts, ...)."""

    event: Literal["node"] = "node"
    node: str = Field(description="Name of the graph node that finished.")


class DraftTokenEvent(BaseModel):
    """A piece of the draft as it is written."""

    event: Literal["draft_token"] = "draft_token"
    attempt: int = Field(description="1 = first draft, 2 = the revision after the gate.")
    text: str = Field(description="The next piece of text.")


class DraftResetEvent(BaseModel):
    """The streamed draft so far is abandoned (the language model failed mid-way)."""

    event: Literal["draft_reset"] = "draft_reset"
    attempt: int = Field(description="The attempt whose text is dropped.")
    reason: str = Field(description="Stable code of the fault, e.g. timeout.")


class NoticeEvent(BaseModel):
    """A message for the advisor (an offline fallback, an escalation, a missing knowledge base)."""

    event: Literal["notice"] = "notice"
    text: str = Field(description="The notice, for a person.")


class ResultEvent(BaseModel):
    """The turn's answer; always the last event."""

    event: Literal["result"] = "result"
    result: TurnResult = Field(description="The JSON contract of the turn.")


TurnEvent = Annotated[
    NodeEvent | DraftTokenEvent | DraftResetEvent | NoticeEvent | ResultEvent,
    Field(discriminator="event"),
]
"""One event of a streamed turn, told apart by its ``event`` field."""

StreamedEvent = DraftTokenEvent | DraftResetEvent
"""What nodes write to the custom stream while drafting."""
