import pytest
from pydantic import BaseModel

from tools.eligibility import Eligibility, EligibilityRequest
from tools.gaps import CoverageGaps, GapsRequest
from tools.profile import CustomerProfile, ProfileRequest
from tools.quote import Quote, QuoteRequest

TOOL_MODELS = [
    CustomerProfile,
    ProfileRequest,
    CoverageGaps,
    GapsRequest,
    Eligibility,
    EligibilityRequest,
    Quote,
    QuoteRequest,
]


def _walk(model: type[BaseModel], seen: set[type[BaseModel]]) -> None:
    if model in seen:
        return
    seen.add(model)
    for field in model.model_fields.values():
        for arg in (field.annotation, *getattr(field.annotation, "__args__", ())):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                _walk(arg, seen)


@pytest.mark.parametrize("model", TOOL_MODELS, ids=lambda m: m.__name__)
def test_every_field_a_model_sees_is_described(model: type[BaseModel]) -> None:
    seen: set[type[BaseModel]] = set()
    _walk(model, seen)
    for item in seen:
        for name, field in item.model_fields.items():
            assert field.description, f"{item.__name__}.{name} has no description"


@pytest.mark.parametrize("model", TOOL_MODELS, ids=lambda m: m.__name__)
def test_every_tool_model_has_a_json_schema(model: type[BaseModel]) -> None:
    assert model.model_json_schema()["type"] == "object"
