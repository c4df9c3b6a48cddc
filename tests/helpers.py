"""Records for tests, built as the loader builds them: the dataclasses alone convert nothing."""

from __future__ import annotations

from typing import Any, TypeVar

from xiaomi_tui.facts.schema import validate

Record = TypeVar("Record")


def record(record_class: type[Record], /, **fields: Any) -> Record:
    """`record_class` validated from TOML-like fields: "2024-H1" becomes a date, a number a quantity."""
    return validate(fields, record_class)
