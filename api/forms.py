"""Browser forms: a posted form validated by the API's own model, and the edit box's text.

The pages post HTML forms (the JSON API takes the same models as bodies); a form that does
not validate is one typed error whose message names the field in words a person can act on.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from tools.foundation.errors import InvalidInput

Model = TypeVar("Model", bound=BaseModel)


def form_model(
    model: type[Model], data: dict[str, Any], words: dict[str, str] | None = None
) -> Model:
    """Validate form fields with an API model.

    Raises:
        InvalidInput: the first problem, the field named by ``words`` when it has an entry.
    """
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problem = error.errors()[0]
        field = ".".join(str(part) for part in problem.get("loc", ()))
        name = (words or {}).get(field, field)
        raise InvalidInput(f"{name}: {problem.get('msg', 'invalid')}.") from error


def normal_text(text: str) -> str:
    """Return a text box's content with line endings unified and trailing spaces dropped."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))


def edit_of(box: str, current: str) -> str | None:
    """Return the edit box's text when it differs from the message as it stands, else None.

    Browsers send CRLF line endings and may add trailing spaces: those are not an edit.
    """
    if not box.strip() or normal_text(box) == normal_text(current):
        return None
    return normal_text(box)
