from pydantic import BaseModel, Field

from copilot.llm.schema import response_format, strict_json_schema
from copilot.plan import Plan


class _Titled(BaseModel):
    title: str = Field("x", description="A field named like a JSON-schema keyword.")


def test_strict_schema_closes_objects_and_requires_every_field() -> None:
    schema = strict_json_schema(Plan)
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == set(Plan.model_fields)


def test_strict_schema_drops_defaults() -> None:
    assert "default" not in strict_json_schema(Plan)["properties"]["channel"]


def test_strict_schema_pins_a_list_field_to_enum_values() -> None:
    schema = strict_json_schema(Plan, enums={"products": ["GL", "PI"]})
    assert schema["properties"]["products"]["items"] == {"enum": ["GL", "PI"]}


def test_strict_schema_keeps_a_property_named_title() -> None:
    assert "title" in strict_json_schema(_Titled)["properties"]


def test_response_format_is_a_strict_json_schema() -> None:
    fmt = response_format(Plan)
    assert (fmt["type"], fmt["json_schema"]["strict"], fmt["json_schema"]["name"]) == (
        "json_schema",
        True,
        "Plan",
    )
