"""The language-model adapter: versioned prompts in, typed results or ``LLMUnavailable`` out."""

from copilot.llm.client import LLMClient, build_llm
from copilot.llm.errors import FaultReason, LLMUnavailable
from copilot.llm.result import Generation, StructuredGeneration, Usage
from copilot.llm.streaming import LLMStream

__all__ = [
    "FaultReason",
    "Generation",
    "LLMClient",
    "LLMStream",
    "LLMUnavailable",
    "StructuredGeneration",
    "Usage",
    "build_llm",
]
