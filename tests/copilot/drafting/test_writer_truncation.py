"""A model's draft cut off at its token cap is not sent on: the turn falls back to the template."""

from __future__ import annotations

import time
from typing import Any

from openai.types.chat import ChatCompletionChunk
from openai.types.chat.chat_completion_chunk import Choice, ChoiceDelta

from copilot.drafting.writer import write_draft
from copilot.events import DraftResetEvent
from copilot.llm.streaming import LLMStream
from copilot.state import TurnState
from prompts.registry import PromptTemplate

INSURER = "Fjord Mutual Insurance Ltd"


def _chunk(text: str, finish: str | None) -> ChatCompletionChunk:
    return ChatCompletionChunk(
        id="cut",
        object="chat.completion.chunk",
        created=0,
        model="small-model",
        choices=[Choice(index=0, delta=ChoiceDelta(content=text), finish_reason=finish)],
    )


class CutOffModel:
    """Streams the start of an e-mail and stops at its token cap (finish_reason length)."""

    model = "small-model"

    def stream(
        self, prompt: PromptTemplate, variables: dict[str, Any], *, max_tokens: int | None = None
    ) -> LLMStream:
        chunks = iter([_chunk("Hej Sarah,\n\nDet är försä", None), _chunk("", "length")])
        return LLMStream(chunks, prompt=prompt.ref, model=self.model, started=time.perf_counter())


def test_a_draft_cut_off_at_max_tokens_falls_back_to_the_offline_draft(
    seed_states: dict[str, TurnState],
) -> None:
    events: list[Any] = []

    update = write_draft(seed_states["growth"], CutOffModel(), INSURER, events.append)  # type: ignore[arg-type]

    draft = update["draft"]
    assert draft.source == "offline" and "försä\n" not in draft.body
    assert update["llm_fallback"] and any("cut off" in n for n in update["notices"])
    assert any(isinstance(e, DraftResetEvent) and e.reason == "malformed" for e in events)
