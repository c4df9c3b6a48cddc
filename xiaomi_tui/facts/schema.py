"""pydantic's validator for a whole fact file, built from the records and the rules on their fields.

Imported only when a file must be validated (a new or edited fact base): building it and
importing pydantic cost about 120 ms, more than the rest of start-up's own work.
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from xiaomi_tui.facts.records import FactFile

__all__ = ["ValidationError", "validate"]

Record = TypeVar("Record")


@cache
def _validator(kind: type[Record]) -> TypeAdapter[Record]:
    return TypeAdapter(kind)


def validate(document: Any, kind: type[Record] = FactFile) -> Record:
    """Parsed TOML checked and built as `kind` (the whole file unless told); raises `ValidationError`
    listing every problem."""
    return _validator(kind).validate_python(document)
