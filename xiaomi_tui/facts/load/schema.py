"""pydantic's validator for a whole fact file, built from the records and the rules on their fields, and the
JSON Schema of that file that editors check it with (taplo, through the `#:schema` line atop facts.toml).

Imported only when a file must be validated (a new or edited fact base): building it and
importing pydantic cost about 120 ms, more than the rest of start-up's own work.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any, TypeVar, overload

from pydantic import TypeAdapter, ValidationError
from pydantic.json_schema import GenerateJsonSchema

from xiaomi_tui.facts.model.records import FactFile

__all__ = ["SCHEMA_FILE", "ValidationError", "json_schema", "json_schema_text", "validate"]

SCHEMA_FILE = "facts.schema.json"
"""Beside facts.toml, in the repository and in the package; `xiaomi-tui schema` prints it."""

Record = TypeVar("Record")


@cache
def _validator(kind: type) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


@overload
def validate(document: Any) -> FactFile: ...
@overload
def validate(document: Any, kind: type[Record]) -> Record: ...
def validate(document: Any, kind: type = FactFile) -> Any:
    """Parsed TOML checked and built as `kind` (the whole file unless told); raises `ValidationError`
    listing every problem."""
    return _validator(kind).validate_python(document)


class _TomlSchema(GenerateJsonSchema):
    """A schema of what a TOML file may hold: TOML has no null, so an optional field is one to leave out, and
    a field's name is its title already."""

    def nullable_schema(self, schema: Any) -> dict[str, Any]:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: Any) -> dict[str, Any]:
        generated = super().default_schema(schema)
        if generated.get("default", ()) is None:
            del generated["default"]
        return generated

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a fact file, from the records that validate it: one source of truth. It checks each
    record's shape (types, patterns, enums, unknown keys); the loader's cross-checks (a claim's topic exists, a
    value fits its topic's kind) need the whole file, which a schema cannot say."""
    generated = _validator(FactFile).json_schema(schema_generator=_TomlSchema)
    return {"$schema": "http://json-schema.org/draft-07/schema#", "title": "xiaomi-tui fact base", **generated,
            "description": "A fact base of xiaomi-tui: what the press says, claim by claim. `xiaomi-tui check` "
                           "runs the cross-checks a schema cannot (ids that refer to records, values that fit "
                           "their topic)."}


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
