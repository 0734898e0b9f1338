"""The language-model adapter: versioned prompts in, typed results or ``LLMUnavailable`` out."""

from copilot.llm.client import LLMClient, build_llm
from copilot.llm.errors import FaultReason, LLMUnavailable
from copilot.llm.protocol import LanguageModel
from copilot.llm.result import Generation, StructuredGeneration, Usage
from copilot.llm.scripted import ScriptedLLM
from copilot.llm.streaming import LLMStream

__all__ = [
    "FaultReason",
    "Generation",
    "LLMClient",
    "LLMStream",
    "LLMUnavailable",
    "LanguageModel",
    "ScriptedLLM",
    "StructuredGeneration",
    "Usage",
    "build_llm",
]
