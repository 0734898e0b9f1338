"""The run context of one copilot turn: who asks about whom, and the run's dependencies.

Identity (advisor, customer) comes from the authenticated request, never from model output
or free text. LangGraph passes this object to every node as ``runtime.context``; it is not
checkpointed, so the first node copies the identity into the state and a resume in another
process uses the stored identity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from copilot.llm.protocol import LanguageModel
from tools.foundation.settings import Settings

__all__ = ["LanguageModel", "RunContext"]


@dataclass(frozen=True)
class RunContext:
    """Run-scoped identity and dependencies of one turn (or one resume)."""

    advisor_id: str
    """Id of the authenticated advisor asking."""
    customer_id: str
    """Id of the customer the turn is about (checked to be in the advisor's book)."""
    now: datetime
    """The clock of the turn: tools and records use this, never the wall clock."""
    request_id: str
    """Id of the request; also the thread id and approval id of the turn."""
    settings: Settings
    """Product settings (database, vector store, insurer name)."""
    llm: LanguageModel | None = field(default=None, compare=False)
    """The language model adapter, or None for the offline path."""
