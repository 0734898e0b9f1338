"""The turn service: the one entry point of the CLI and the HTTP API to copilot turns.

Start a turn, stream it (typed events), resume it with a decision, list turns waiting for a
decision, and fetch one turn's evidence. The database engine and the checkpoint saver are
opened once per process and the graph is compiled once per service; the schema must be
migrated already (``copilot init`` or server start-up), this only checks it. Identity comes
from the caller (the authenticated request): ids only, the customer must be in the advisor's
book; names are resolved at the CLI's edge.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any, cast

from langchain_core.runnables import RunnableConfig
from langgraph.graph.state import CompiledStateGraph
from pydantic import BaseModel, Field
from sqlalchemy import select

from copilot.checkpoints import checkpointer_for
from copilot.context import LanguageModel, RunContext
from copilot.decisions import TurnDecisions, thread
from copilot.events import NodeEvent, NoticeEvent, ResultEvent, TurnEvent
from copilot.evidence import TurnEvidence, TurnSummary, evidence, summary
from copilot.graph import compile_graph
from copilot.llm import build_llm
from copilot.plan import Channel
from copilot.records.models import ApprovalRecord
from copilot.records.store import (
    PENDING,
    UnknownApproval,
    create_pending,
)
from copilot.state import (
    TurnState,
)
from copilot.turn_result import TurnResult, turn_result
from tools.book.clock import resolve_now
from tools.book.repository import advisor_by_id, contact_of, customer_in_book
from tools.book.schema import ensure_schema
from tools.foundation.clock import parse_moment
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings

logger = logging.getLogger(__name__)

CONFIGURED = "configured"
"""Default of ``llm``: use the model the settings configure (or none: offline)."""
REVIEW_STATUS = {
    "approve": "approved",
    "reject": "rejected",
    "request_changes": "changes_requested",
}
"""Status of a queue item after each compliance verdict."""
MAX_MESSAGE_CHARS = 4000
"""Longest advisor message a turn accepts."""


class TurnRequest(BaseModel):
    """One advisor's request about one customer (identity from the authenticated caller)."""

    advisor_id: str = Field(description="The authenticated advisor's id.")
    customer_id: str = Field(description="Id of a customer in that advisor's book.")
    message: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS, description="The request.")
    channel: Channel | None = Field(None, description="Outreach format wanted, if any.")
    contact_id: str | None = Field(
        None,
        min_length=1,
        max_length=24,
        description="The customer's contact person to write to; default the primary contact.",
    )
    now: datetime | None = Field(None, description="The turn's clock; default the book's as-of.")


class TurnService(TurnDecisions):
    """Runs, streams, resumes and lists copilot turns for one deployment's settings.

    Args:
        settings: The deployment's settings (database, vector store, models, LLM).
        llm: A language model, None for the offline path, or ``"configured"`` for the one
            the settings name (None when they name none).

    Raises:
        SchemaNotReady: the database is not migrated (run ``copilot init``).
    """

    def __init__(self, settings: Settings, llm: LanguageModel | str | None = CONFIGURED) -> None:
        ensure_schema(settings)
        self.settings = settings
        self.llm: LanguageModel | None = (
            build_llm(settings) if llm == CONFIGURED else cast(LanguageModel | None, llm)
        )
        self.graph: CompiledStateGraph[Any, Any, Any, Any] = compile_graph(
            checkpointer_for(settings)
        )

    def _context(self, request: TurnRequest) -> RunContext:
        """Check the identity and the contact, and fix the turn's clock.

        The customer must be in the advisor's book and the contact, when one is named, one
        of that customer's.

        Raises:
            UnknownAdvisor, UnknownCustomer: the ids are not an advisor and a customer of theirs.
            UnknownContact: the contact id is not one of that customer's contacts.
        """
        with session_scope(self.settings) as session:
            advisor_by_id(session, request.advisor_id)
            customer_in_book(session, request.customer_id, request.advisor_id)
            if request.contact_id is not None:
                contact_of(session, request.customer_id, request.contact_id)
            clock = parse_moment(request.now) if request.now else resolve_now(session, None)
        return RunContext(
            advisor_id=request.advisor_id,
            customer_id=request.customer_id,
            now=clock,
            request_id=uuid.uuid4().hex,
            settings=self.settings,
            llm=self.llm,
        )

    def stream(self, request: TurnRequest) -> Iterator[TurnEvent]:
        """Run one turn to its approval interrupt, yielding typed events, the result last.

        Raises:
            UnknownAdvisor, UnknownCustomer, UnknownContact: bad identity in the request
                (before any event).
        """
        context = self._context(request)
        config = thread(context.request_id)
        start = TurnState(
            message=request.message,
            requested_channel=request.channel,
            requested_contact_id=request.contact_id,
        )
        stream = self.graph.stream(
            start, config, context=context, stream_mode=["updates", "custom"]
        )
        for mode, chunk in stream:
            if mode == "custom":
                yield cast(TurnEvent, chunk)
                continue
            for node, update in cast(dict[str, Any], chunk).items():
                if node.startswith("_"):
                    continue
                for notice in (update or {}).get("notices", []):
                    yield NoticeEvent(text=notice)
                yield NodeEvent(node=node)
        yield ResultEvent(result=self._finish(context, config))

    def _finish(self, context: RunContext, config: RunnableConfig) -> TurnResult:
        snapshot = self.graph.get_state(config)
        values = cast(TurnState, snapshot.values)
        waiting = "await_approval" in snapshot.next
        if waiting:
            with session_scope(self.settings) as session:
                create_pending(session, context.request_id, values, context.now)
        model = getattr(context.llm, "model", None)
        return turn_result(values, waiting=waiting, model=model)

    def start(self, request: TurnRequest) -> TurnResult:
        """Run one turn to its approval interrupt and return the JSON contract."""
        for event in self.stream(request):
            if isinstance(event, ResultEvent):
                return event.result
        raise RuntimeError("the turn ended without a result")  # the stream always ends so

    def pending(self, advisor_id: str | None = None) -> list[TurnSummary]:
        """Return the turns waiting for a decision, oldest first (one advisor's, or all)."""
        query = select(ApprovalRecord).where(ApprovalRecord.status == PENDING)
        if advisor_id is not None:
            query = query.where(ApprovalRecord.advisor_id == advisor_id)
        with session_scope(self.settings) as session:
            rows = session.scalars(query.order_by(ApprovalRecord.created_at, ApprovalRecord.id))
            return [summary(row) for row in rows]

    def turns_of(self, customer_id: str, limit: int = 50) -> list[TurnSummary]:
        """Return the turns about one customer, newest first."""
        query = (
            select(ApprovalRecord)
            .where(ApprovalRecord.customer_id == customer_id)
            .order_by(ApprovalRecord.created_at.desc(), ApprovalRecord.id)
            .limit(limit)
        )
        with session_scope(self.settings) as session:
            return [summary(row) for row in session.scalars(query)]

    def evidence(self, approval_id: str, advisor_id: str | None = None) -> TurnEvidence:
        """Return one turn's draft with its full evidence (pending or decided).

        Args:
            approval_id: The turn's id.
            advisor_id: When given, only a turn of this advisor is found.

        Raises:
            UnknownApproval: no such turn (or not this advisor's).
        """
        with session_scope(self.settings) as session:
            record = session.get(ApprovalRecord, approval_id)
            if record is None or (advisor_id is not None and record.advisor_id != advisor_id):
                raise UnknownApproval(approval_id)
            values = cast(TurnState, self.graph.get_state(thread(approval_id)).values)
            return evidence(record, values)
