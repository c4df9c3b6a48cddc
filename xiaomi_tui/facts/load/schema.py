"""pydantic's validator for a whole fact file, built from the records and the rules on their fields, and the
JSON Schema of that file that editors check it with (taplo, through the `#:schema` line atop facts.toml).

Imported only when a file must be validated (a new or edited fact base): building it and
importing pydantic cost about 120 ms, more than the rest of start-up's own work.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from typing import Any, TypeVar, overload

from pydantic import TypeAdapter, ValidationError
from pydantic.json_schema import GenerateJsonSchema

from xiaomi_tui.facts.model.fuzzydate import SHAPE, YEARS
from xiaomi_tui.facts.model.records import FactFile
from xiaomi_tui.facts.model.rules import LINE_BREAKS, clean_text, noncharacter, terminal_acts_on

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


def _year_pattern() -> str:
    """1900..2200 as a regular expression (the loader's `YEARS`)."""
    first, last = YEARS
    assert (first, last) == (1900, 2200), "the pattern below spells these years out"
    return "(?:19[0-9]{2}|2[01][0-9]{2}|2200)"


def _date_pattern() -> str:
    """A fuzzy date as the loader takes it, as far as a regular expression can say: years 1900-2200, months
    01-12, halves H1-H2, quarters Q1-Q4, days that exist in their month (29 February in leap years only), and
    early-/mid-/late- before a year or a month only."""
    year = _year_pattern()
    month = "(?:0[1-9]|1[0-2])"
    day = ("(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
           "|02-(?:0[1-9]|1[0-9]|2[0-8]))")
    leap = "(?:(?:19|20|21)(?:0[48]|[2468][048]|[13579][26])|2000)"
    return (f"^(?:(?:early|mid|late)-{year}(?:-{month})?|{year}(?:-(?:H[12]|Q[1-4]|{day}|{month}))?"
            f"|{leap}-02-29)$")


def _escaped(code: int) -> str:
    return f"\\u{code:04x}" if code <= 0xFFFF else chr(code)


@cache
def _one_line_pattern() -> str:
    """No character `clean_text` refuses: line breaks, tabs, controls, format characters but the zero-width
    joiners (bidi overrides, isolates and marks among them), separators and noncharacters; ranges worked out
    from this Python's Unicode tables, astral ones as the characters themselves (regex engines that read
    JSON Schema patterns as Unicode, taplo's and Python's, take them so)."""
    refused = [code for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF
               and (chr(code) in LINE_BREAKS or chr(code) == "\t" or noncharacter(chr(code))
                    or terminal_acts_on(chr(code)))]
    ranges: list[tuple[int, int]] = []
    for code in refused:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    spans = "".join(_escaped(low) if low == high else f"{_escaped(low)}-{_escaped(high)}" for low, high in ranges)
    return f"^[^{spans}]*$"


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

    def function_after_schema(self, schema: Any) -> dict[str, Any]:
        """A one-line text field (`clean_text`) says in a pattern which characters it refuses; one with a pattern
        of its own (a url) keeps both."""
        generated = super().function_after_schema(schema)
        if schema["function"].get("function") is not clean_text:
            return generated
        one_line = {"pattern": _one_line_pattern()}
        if "pattern" in generated:
            return {**generated, "allOf": [one_line]}
        return {**generated, **one_line}


def _stricter_dates(node: Any) -> Any:
    """Every fuzzy date's pattern (the loader's shape) replaced by the one that also knows the calendar."""
    if isinstance(node, dict):
        return {key: (_date_pattern() if key == "pattern" and value == SHAPE else _stricter_dates(value))
                for key, value in node.items()}
    if isinstance(node, list):
        return [_stricter_dates(item) for item in node]
    return node


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a fact file, from the records that validate it: one source of truth. It checks each
    record's shape (types, patterns, enums, unknown keys); the loader's cross-checks (a claim's topic exists, a
    value fits its topic's kind) need the whole file, which a schema cannot say. Where the loader's rule is a
    function, the schema says as much of it as a pattern can: dates on the calendar, one-line text."""
    generated = _stricter_dates(_validator(FactFile).json_schema(schema_generator=_TomlSchema))
    return {"$schema": "http://json-schema.org/draft-07/schema#", "title": "xiaomi-tui fact base", **generated,
            "description": "A fact base of xiaomi-tui: what the press says, claim by claim. `xiaomi-tui check` "
                           "runs the cross-checks a schema cannot (ids that refer to records, values that fit "
                           "their topic)."}


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
