"""Validation rules attached to the records' fields, declared without importing pydantic.

Each rule is `Annotated` metadata with a `__get_pydantic_core_schema__` hook, the protocol
pydantic documents for custom constraints. pydantic (and `pydantic_core`) is imported inside
the hook, so only when `schema.py` builds its validator: a fact base read back from the
cache (see `cache.py`) is used without loading pydantic at all, which saves a third of start-up.
A rule whose check JSON Schema cannot derive says, in `json_schema`, what an editor can check of the raw TOML
(`__get_pydantic_json_schema__`, the matching hook): the schema `xiaomi-tui schema` prints comes from these records.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, get_args

from xiaomi_tui.facts.model.fuzzydate import SHAPE, FuzzyDate

__all__ = ["Before", "Check", "Constrained", "OneOf", "Parse", "clean_text", "currency_schema", "fuzzy_date",
           "fuzzy_date_schema", "known_currency", "noncharacter", "terminal_acts_on"]

MAX_TEXT = 2000
"""Longest text accepted in any field: a statement is one sentence, a note a short paragraph."""

# ISO 4217 codes we expect to meet in the EV press; others are refused so a typo ("RMB") is caught.
CURRENCIES = frozenset({"CNY", "USD", "EUR", "GBP", "JPY", "HKD", "KRW", "TWD", "INR", "CHF", "AUD", "CAD", "SGD"})


# -- the rules, as pydantic sees them -------------------------------------------------------------


JsonSchema = Callable[[dict[str, Any]], dict[str, Any]]
"""Given the JSON Schema pydantic derives for a field (empty where it can derive none), the one to publish."""


class _Described:
    """A rule that may say what its raw value looks like in JSON Schema."""

    __slots__ = ()
    json_schema: JsonSchema | None
    derives: bool = True  # False: pydantic can derive nothing of a plain function, so ask for nothing

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> Any:
        derived = handler(core_schema) if self.derives else {}
        return derived if self.json_schema is None else self.json_schema(derived)


@dataclass(frozen=True)
class Constrained:
    """pydantic's own constraints (`max_length`, `gt`, `pattern`, ...), so its messages read as usual."""

    constraints: tuple[tuple[str, Any], ...]  # hashable, as `Annotated` metadata must be

    def __init__(self, **constraints: Any):
        object.__setattr__(self, "constraints", tuple(constraints.items()))

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return {**handler(source), **dict(self.constraints)}


@dataclass(frozen=True)
class Check(_Described):
    """A function run on the value once its type is right; a `ValueError` becomes the message."""

    function: Callable[[Any], Any]
    json_schema: JsonSchema | None = None

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.function, handler(source))


@dataclass(frozen=True)
class Before(_Described):
    """A function that rewrites the raw TOML value before its type is checked."""

    function: Callable[[Any], Any]
    json_schema: JsonSchema | None = None

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.function, handler(source))


@dataclass(frozen=True)
class Parse(_Described):
    """For a type pydantic does not know: this function makes it from the raw value, whose JSON Schema
    `json_schema` gives."""

    function: Callable[[Any], Any]
    json_schema: JsonSchema | None = None
    derives = False

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(self.function)


@dataclass(frozen=True)
class OneOf:
    """A union of record classes, told apart by `shape(raw)`, which names a class by its `kind`."""

    shape: Callable[[Any], str | None]
    message: str

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        choices = {member.kind: handler.generate_schema(member) for member in get_args(source)}
        return core_schema.tagged_union_schema(choices, discriminator=self.shape, custom_error_type="value_shape",
                                               custom_error_message=self.message)


# -- the functions behind them ---------------------------------------------------------------------


LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
"""Everything `str.splitlines` splits on: each would start a new row on the screen or a heading in Markdown."""

HARMLESS_FORMAT = frozenset("\u200c\u200d")
"""Zero-width (non-)joiners: format characters that shape emoji and Persian script and move nothing."""


def terminal_acts_on(char: str) -> bool:
    """C0 and C1 controls (ESC, BEL, CSI...), DEL, format characters such as the bidi overrides and marks
    (but the zero-width joiners), line and paragraph separators, and lone surrogates."""
    category = unicodedata.category(char)
    return category in ("Cc", "Cs", "Zl", "Zp") or (category == "Cf" and char not in HARMLESS_FORMAT)


def noncharacter(char: str) -> bool:
    """U+FDD0..U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFF...)."""
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def clean_text(value: str) -> str:
    """One line of plain text: refuse line breaks, tabs, and characters a terminal could act on
    (C0 and C1 controls, DEL, bidi overrides and other format characters); markup stays literal text."""
    if value.isprintable():  # the usual case, checked in C: no controls, no format characters, no separators
        return value
    for index, char in enumerate(value, start=1):
        code = f"U+{ord(char):04X}"
        if char in LINE_BREAKS:
            raise ValueError(f"line break ({code}) at position {index}: this field is one line; remove it")
        if char == "\t":
            raise ValueError(f"tab (U+0009) at position {index}: this field is one line; use a space")
        if noncharacter(char):
            raise ValueError(f"noncharacter {code} at position {index}: Unicode keeps it out of text, and pandoc "
                             "refuses it; remove it")
        if terminal_acts_on(char):
            name = unicodedata.name(char, "")  # C0/C1 controls have no name
            raise ValueError(f"control character {f'{name} ({code})' if name else code} at position {index}; "
                             "remove it")
    return value


@lru_cache(maxsize=4096)
def _parsed_date(value: str | date) -> FuzzyDate:
    """Dates repeat across claims ("2023-11-15" in every claim said that day): parse each once."""
    return FuzzyDate.parse(value)


def fuzzy_date_schema(_derived: dict[str, Any]) -> dict[str, Any]:
    return {"type": "string", "pattern": SHAPE, "description": "a date as precise as the press made it: 2024, "
            "2024-H1, 2024-Q3, 2023-12, 2023-11-08, early-/mid-/late- before a year or a month (late-2021-11)"}


def fuzzy_date(value: Any) -> FuzzyDate:
    if isinstance(value, FuzzyDate):
        return value
    if isinstance(value, (str, date)):
        return _parsed_date(value)
    raise ValueError("a date is written as a string such as \"2024-H1\" or \"2023-11-08\"")


def currency_schema(derived: dict[str, Any]) -> dict[str, Any]:
    return {**derived, "enum": sorted(CURRENCIES)}


def known_currency(code: str) -> str:
    if code not in CURRENCIES:
        hint = " (the ISO code for renminbi is CNY)" if code.upper() in ("RMB", "YUAN") else ""
        raise ValueError(f"unknown currency {code!r}{hint}; use one of {', '.join(sorted(CURRENCIES))}")
    return code
