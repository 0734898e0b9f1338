"""Form helpers: an edit is a real change of the text, and a bad form names its field."""

from __future__ import annotations

import pytest

from api.forms import edit_of, form_model
from api.schemas import ReviewDecisionCreate
from tools.foundation.errors import InvalidInput


def test_line_endings_and_trailing_spaces_are_not_an_edit() -> None:
    assert edit_of("Hej Sarah,\r\nVälkommen  \r\n", "Hej Sarah,\nVälkommen") is None
    assert edit_of("   ", "Hej") is None
    assert edit_of("Hej Anna,\r\n", "Hej Sarah,") == "Hej Anna,"


def test_a_bad_form_names_its_field_in_words() -> None:
    with pytest.raises(InvalidInput, match="Choose a reason code"):
        form_model(
            ReviewDecisionCreate,
            {"decision": "approve", "reason_code": "nope"},
            {"reason_code": "Choose a reason code"},
        )
