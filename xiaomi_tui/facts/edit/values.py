"""A field's value as typed on the command line or in the editor, made TOML text.

A VALUE is TOML (`para=4`, `via='["nbd", "cnevpost"]'`, `value='{ amount = 10e9, currency = "CNY" }'`); a bare
word is a string (`value=hatchback`). A date or a sum may be written as the panes print it ("H1 2024",
"RMB 10 bn"; see `typed.py`). A field that only holds text (an id, a date, a stance) takes what was typed
as text even when it reads as a number or a TOML date (`date=2024`, `said=2023-11-15`), as the file writes them.
"""

from __future__ import annotations

import typing
from dataclasses import fields
from datetime import date, datetime, time
from enum import Enum
from functools import cache
from typing import Any, Literal

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import Item

from xiaomi_tui.facts.edit.typed import date_form, money_form
from xiaomi_tui.facts.model.fuzzydate import FuzzyDate
from xiaomi_tui.facts.model.records import Claim, FactFile, Party, Source, Topic

__all__ = ["RECORDS", "REFERS_TO", "completions", "field_choices", "field_names", "is_date", "is_list", "is_text",
           "parsed_item", "toml_value", "unquoted", "value_text"]

RECORDS: dict[str, type] = {"claims": Claim, "sources": Source, "topics": Topic, "parties": Party}
"""The tables the write path edits, and their records."""

REFERS_TO = {("claims", "topic"): "topics", ("claims", "source"): "sources", ("claims", "origin"): "parties",
             ("claims", "via"): "parties", ("claims", "answers"): "claims", ("claims", "refutes"): "claims",
             ("sources", "relays"): "parties", ("parties", "affiliation"): "parties",
             ("parties", "counterparty"): "parties"}
"""The fields that name other records, and the table they name them in."""


def field_names(table: str) -> tuple[str, ...]:
    """A record's fields in the order the file writes them."""
    return tuple(item.name for item in fields(RECORDS[table]))


@cache
def _hints(table: str) -> dict[str, Any]:
    return typing.get_type_hints(RECORDS[table], include_extras=True)


def _bare(hint: Any) -> Any:
    """The type under `Annotated[...]` and `X | None`."""
    while True:
        if typing.get_origin(hint) is typing.Annotated:
            hint = typing.get_args(hint)[0]
            continue
        arguments = [argument for argument in typing.get_args(hint) if argument is not type(None)]
        if type(None) in typing.get_args(hint) and len(arguments) == 1:
            hint = arguments[0]
            continue
        return hint


def is_text(table: str, name: str) -> bool:
    """A field whose values are strings: text, ids, urls, dates, and words from a list (a stance, a kind)."""
    hint = _bare(_hints(table)[name])
    if typing.get_origin(hint) is Literal:
        return all(isinstance(argument, str) for argument in typing.get_args(hint))
    return hint is str or hint is FuzzyDate or (isinstance(hint, type) and issubclass(hint, Enum))


def field_choices(table: str, name: str) -> tuple[str, ...]:
    """The words a field takes, read from its type (a stance, a kind, a pane, true or false); () for any text."""
    hint = _bare(_hints(table)[name])
    if typing.get_origin(hint) is Literal:
        return tuple(str(argument) for argument in typing.get_args(hint))
    if isinstance(hint, type) and issubclass(hint, Enum):
        return tuple(str(member.value) for member in hint)
    return ("true", "false") if hint is bool else ()


def completions(data: FactFile, table: str, name: str) -> list[str]:
    """What a field of a record of `table` may be completed with: the ids of the records it names, else its
    choices."""
    named = REFERS_TO.get((table, name))
    if named is not None:
        return [record.id for record in getattr(data, named)]
    return list(field_choices(table, name))


def is_date(table: str, name: str) -> bool:
    return _bare(_hints(table)[name]) is FuzzyDate


def is_list(table: str, name: str) -> bool:
    return typing.get_origin(_bare(_hints(table)[name])) in (list, tuple)


def _quoted(text: str) -> str:
    return tomlkit.string(text).as_string()


def value_text(table: str, name: str, typed: str) -> str:
    """The TOML text of what was typed for field `name` of a record of `table`."""
    if is_date(table, name):
        typed = date_form(typed)
    elif name == "value" and (money := money_form(typed)) is not None:
        return money
    parsed = toml_value(typed)
    if is_text(table, name):
        return typed.strip() if isinstance(parsed, str) else _quoted(typed.strip())
    if parsed is None or isinstance(parsed, (date, datetime, time)):
        word = _quoted(typed.strip())
        return f"[{word}]" if is_list(table, name) else word
    return typed.strip()


def toml_value(typed: str) -> Any:
    """What was typed read as one TOML value, or None if it is not one (TOML has no null)."""
    try:
        return tomlkit.parse(f"v = {typed.strip()}\n")["v"]
    except (TOMLKitError, ValueError, IndexError):
        return None


def unquoted(typed: str) -> str:
    """A string as typed, quoted or bare: `"xiaomi"` and `xiaomi` are both xiaomi."""
    parsed = toml_value(typed)
    return str(parsed) if isinstance(parsed, str) else typed.strip()


def parsed_item(text: str) -> Any:
    """A tomlkit item from TOML text made by `value_text`: the typed form kept (`10e9`, `'literal'`)."""
    item = tomlkit.parse(f"v = {text}\n").item("v")
    assert isinstance(item, Item)  # one key = one value: never a table split across the file
    item.trivia.trail = "\n"
    return item
