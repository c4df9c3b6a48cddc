"""pydantic's validator for a whole fact file, built from the records and the rules on their fields.

Imported only when a file must be validated (a new or edited fact base): building it and
importing pydantic cost about 120 ms, more than the rest of start-up's own work.
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar, overload

from pydantic import TypeAdapter, ValidationError

from xiaomi_tui.facts.records import FactFile

__all__ = ["ValidationError", "validate"]

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
