"""Turn a pydantic model into the strict JSON schema OpenAI-compatible servers accept."""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel


def _tighten(node: Any) -> Any:
    """Make every object closed and every property required; drop defaults and titles."""
    if isinstance(node, dict):
        # `title`/`default` keywords hold scalars; a property *named* title holds a dict.
        node = {
            key: _tighten(value)
            for key, value in node.items()
            if not (key in ("default", "title") and not isinstance(value, dict))
        }
        if node.get("type") == "object" and "properties" in node:
            node["additionalProperties"] = False
            node["required"] = list(node["properties"])
        return node
    if isinstance(node, list):
        return [_tighten(item) for item in node]
    return node


def strict_json_schema(
    model: type[BaseModel], enums: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """Return the strict JSON schema of a model, optionally narrowing string fields to enums.

    Strict mode (``"strict": true``) requires closed objects with every property required;
    optional fields stay nullable. ``enums`` pins a top-level string or list-of-string field to
    known values (e.g. catalogue codes), so grammar-constrained servers cannot invent one.

    Args:
        model: The pydantic model the answer must validate against.
        enums: Top-level field name -> allowed string values.

    Returns:
        A JSON schema dict.
    """
    schema = _tighten(copy.deepcopy(model.model_json_schema()))
    for field, values in (enums or {}).items():
        prop = schema["properties"][field]
        target = prop["items"] if prop.get("type") == "array" else prop
        target.pop("type", None)
        target["enum"] = list(values)
    return schema


def response_format(
    model: type[BaseModel], enums: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """Return the ``response_format`` argument of a json_schema chat completion.

    Args:
        model: The pydantic model the answer must validate against.
        enums: Passed to ``strict_json_schema``.

    Returns:
        ``{"type": "json_schema", "json_schema": {"name", "strict", "schema"}}``.
    """
    return {
        "type": "json_schema",
        "json_schema": {
            "name": model.__name__,
            "strict": True,
            "schema": strict_json_schema(model, enums),
        },
    }
