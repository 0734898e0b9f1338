"""Load versioned prompt files: YAML front matter (id, version, settings), a system and a user part.

A prompt file looks like::

    ---
    id: plan
    version: 1
    max_tokens: 120
    max_prompt_tokens: 1200
    temperature: 0.0
    ---
    ## system
    You classify ...
    ## user
    Advisor message: {message}

The user part is a ``str.format`` template; literal braces are written ``{{`` and ``}}``.
The sha256 of the whole file is the prompt's hash, so any edit changes the recorded identity.
"""

from __future__ import annotations

import hashlib
import string
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

from tools.foundation.errors import Unavailable

PROMPTS_DIR = Path(__file__).resolve().parent
"""Folder holding the ``<id>.v<version>.md`` prompt files."""

_SYSTEM_HEADING = "## system"
_USER_HEADING = "## user"


class PromptError(Unavailable):
    """A prompt file is missing, malformed, or rendered without a variable it needs."""


class PromptRef(BaseModel):
    """Which prompt produced an output: stored with every draft and plan."""

    model_config = {"frozen": True}

    id: str = Field(description="Stable prompt identifier, e.g. `draft_email`.")
    version: int = Field(description="Version number from the front matter.")
    sha256: str = Field(description="Hex sha256 of the prompt file's bytes.")


class PromptTemplate(BaseModel):
    """A loaded prompt: identity, generation settings, system text and user template."""

    model_config = {"frozen": True}

    id: str = Field(description="Stable prompt identifier.")
    version: int = Field(description="Version number from the front matter.")
    sha256: str = Field(description="Hex sha256 of the prompt file's bytes.")
    description: str = Field("", description="One line on what the prompt is for.")
    max_tokens: int = Field(200, description="Completion token cap for this prompt.")
    max_prompt_tokens: int = Field(
        description="Budget of the request (system, facts and passages together), counted"
        " with ``prompts.budget.approx_tokens``; the adapter refuses to send more."
    )
    temperature: float = Field(0.0, description="Sampling temperature for this prompt.")
    system: str = Field(description="System message text (no variables).")
    user_template: str = Field(description="User message template with `{variable}` fields.")

    @property
    def ref(self) -> PromptRef:
        """Return the identity (id, version, hash) to record with an output."""
        return PromptRef(id=self.id, version=self.version, sha256=self.sha256)

    @property
    def variables(self) -> frozenset[str]:
        """Return the names of the `{variables}` the user template needs."""
        fields = string.Formatter().parse(self.user_template)
        return frozenset(name for _, name, _, _ in fields if name)

    def render(self, variables: dict[str, Any]) -> str:
        """Fill the user template.

        Args:
            variables: Values for every template variable (extra keys are ignored).

        Returns:
            The user message text.

        Raises:
            PromptError: A variable the template needs is missing.
        """
        missing = sorted(self.variables - variables.keys())
        if missing:
            raise PromptError(f"Prompt {self.id!r} needs variables {missing}.")
        return self.user_template.format(**{name: variables[name] for name in self.variables})


def parse_prompt(raw: bytes, source: str = "<memory>") -> PromptTemplate:
    """Parse the bytes of a prompt file.

    Args:
        raw: The file content (UTF-8).
        source: Where it came from, for error messages.

    Returns:
        The parsed template; its hash is the sha256 of ``raw``.

    Raises:
        PromptError: The front matter or the system/user sections are missing.
    """
    text = raw.decode("utf-8")
    parts = text.split("---\n", 2)
    if len(parts) != 3 or parts[0].strip():
        raise PromptError(f"{source}: expected YAML front matter between '---' lines.")
    meta = yaml.safe_load(parts[1]) or {}
    body = parts[2]
    if _SYSTEM_HEADING not in body or _USER_HEADING not in body:
        raise PromptError(f"{source}: expected '{_SYSTEM_HEADING}' and '{_USER_HEADING}'.")
    system_part, user_part = body.split(_USER_HEADING, 1)
    system = system_part.split(_SYSTEM_HEADING, 1)[1]
    for key in ("id", "version"):
        if key not in meta:
            raise PromptError(f"{source}: front matter lacks {key!r}.")
    return PromptTemplate(
        sha256=hashlib.sha256(raw).hexdigest(),
        system=system.strip(),
        user_template=user_part.strip(),
        **meta,
    )


@lru_cache(maxsize=64)
def load_prompt(prompt_id: str, version: int | None = None) -> PromptTemplate:
    """Load a prompt by id: the given version, or the highest version on disk.

    Args:
        prompt_id: The prompt id, e.g. ``plan`` or ``draft_email``.
        version: A specific version; ``None`` means the latest.

    Returns:
        The parsed prompt template.

    Raises:
        PromptError: No such prompt file, or its front matter disagrees with its name.
    """
    versions = available_versions(prompt_id)
    if not versions:
        raise PromptError(f"No prompt {prompt_id!r} in {PROMPTS_DIR}; known: {list_prompts()}.")
    chosen = max(versions) if version is None else version
    path = PROMPTS_DIR / f"{prompt_id}.v{chosen}.md"
    if not path.is_file():
        raise PromptError(f"Prompt {prompt_id!r} has no version {chosen}; have {versions}.")
    template = parse_prompt(path.read_bytes(), source=path.name)
    if (template.id, template.version) != (prompt_id, chosen):
        raise PromptError(f"{path.name}: front matter says {template.id} v{template.version}.")
    return template


def available_versions(prompt_id: str) -> list[int]:
    """Return the versions of a prompt present on disk, ascending."""
    found = []
    for path in PROMPTS_DIR.glob(f"{prompt_id}.v*.md"):
        suffix = path.name[len(prompt_id) + 2 : -3]
        if suffix.isdigit():
            found.append(int(suffix))
    return sorted(found)


def list_prompts() -> list[str]:
    """Return the ids of every prompt on disk, sorted."""
    return sorted({path.name.split(".v", 1)[0] for path in PROMPTS_DIR.glob("*.v*.md")})
