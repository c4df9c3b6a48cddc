"""Plan an edit of one record, validate the whole edited file as `check` would, show it as a diff, write it.

`plan` reads the file, applies the edit to the record's own lines (parsed and written back by tomlkit, which keeps
their comments and quoting) and validates the result with the loader; `commit` writes it atomically, only if the
file is still what was read. Nothing is written on any problem: `EditError` says what to fix, naming the file,
the record and the field.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import tomlkit
from tomlkit.exceptions import TOMLKitError

from xiaomi_tui.facts.edit.layout import Layout, Span
from xiaomi_tui.facts.edit.typed import date_form
from xiaomi_tui.facts.edit.values import field_names, is_date, parsed_item, toml_value, unquoted, value_text
from xiaomi_tui.facts.load.lint import lint
from xiaomi_tui.facts.load.loader import MAX_BYTES, FactsError, Loaded, load_unkept, loads_unkept
from xiaomi_tui.facts.load.problems import RECORD_NAMES
from xiaomi_tui.facts.load.schema import SCHEMA_FILE, json_schema_text
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.fuzzydate import FuzzyDate
from xiaomi_tui.facts.model.records import FactFile
from xiaomi_tui.facts.wording import did_you_mean
from xiaomi_tui.io.files import UnreadableFile, WriteFailed, read_regular_file, shown, write_atomically

__all__ = ["KINDS", "Edit", "EditError", "Planned", "commit", "create", "field_texts", "new_story", "plan",
           "record_text", "references", "undo"]

KINDS = {"claim": "claims", "source": "sources", "topic": "topics", "party": "parties"}
"""What a record is called on the command line, and its table."""


class EditError(Exception):
    """An edit refused, with nothing written; the message names the file, the record, the field and the fix."""


@dataclass(frozen=True)
class Edit:
    """Set fields of a record, add one, or remove one. `values` are typed text (see `values.value_text`); an
    empty one removes the field."""

    action: Literal["set", "add", "remove"]
    table: str  # "claims"
    record_id: str | None = None  # None to add with an id made from source and topic
    values: Mapping[str, str] = field(default_factory=dict)

    @property
    def noun(self) -> str:
        return RECORD_NAMES.get(self.table, self.table)


@dataclass(frozen=True)
class Planned:
    """An edit checked and ready to write: the file's bytes before and after, and the edited fact base."""

    path: Path
    edit: Edit
    record_id: str
    before: bytes
    after: bytes
    loaded: Loaded

    @property
    def facts(self) -> FactBase:
        return self.loaded.facts

    @cached_property
    def diff(self) -> str:
        """The change as a unified diff of the file, three lines of context, as `git diff` shows a hunk."""
        name = shown(self.path.name)
        return "".join(difflib.unified_diff(
            self.before.decode("utf-8-sig").splitlines(keepends=True),
            self.after.decode("utf-8-sig").splitlines(keepends=True), f"a/{name}", f"b/{name}"))

    @cached_property
    def warnings(self) -> list[str]:
        """The curator's lints on the record edited: what `check` would warn of it."""
        mentioned = f"{self.edit.noun} {self.record_id!r}"
        return [warning for warning in lint(self.facts) if mentioned in warning]


def _read(path: Path) -> bytes:
    try:
        return read_regular_file(path, MAX_BYTES)
    except UnreadableFile as error:
        raise EditError(f"{shown(path)}: {error}") from None


def plan(path: str | Path, edit: Edit) -> Planned:
    """The edit applied to the file as it is now and validated; raises `EditError` (nothing is written)."""
    path = Path(path)
    before = _read(path)
    try:
        current = load_unkept(path).facts
    except FactsError as error:
        raise EditError(f"{error.report()}\nfix the file first: nothing was changed") from None
    text = before.decode("utf-8-sig")
    record_id, edited = _apply(text, current.data, edit, shown(path))
    after = ("\ufeff" if before.startswith(b"\xef\xbb\xbf") else "").encode() + edited.encode("utf-8")
    try:
        loaded = loads_unkept(after, str(path))
    except FactsError as error:
        raise EditError(f"{error.report()}\nnothing was written") from None
    return Planned(path, edit, record_id, before, after, loaded)


def commit(planned: Planned) -> None:
    """Write the planned file, if the file on disk is still the one planned from."""
    _replace(planned.path, planned.before, planned.after, "the edit")
    planned.loaded.keep()


def undo(planned: Planned) -> None:
    """Put back the file as it was before `planned` was written, if nothing changed it since."""
    _replace(planned.path, planned.after, planned.before, "the undo")


def _replace(path: Path, expected: bytes, new: bytes, what: str) -> None:
    if _read(path) != expected:
        raise EditError(f"{shown(path)} changed on disk since it was read; {what} was not written: "
                        "look at the file and try again")
    try:
        write_atomically(path, new)
    except WriteFailed as error:
        raise EditError(str(error)) from None


def record_text(path: str | Path, table: str, record_id: str) -> str:
    """A record's table as it stands in the file, comments and all."""
    path = Path(path)
    text = _read(path).decode("utf-8-sig", "replace")
    try:
        data = load_unkept(path).facts.data
    except FactsError as error:
        raise EditError(error.report()) from None
    layout = Layout(text)
    return layout.text(_span(layout, data, table, record_id, shown(path)))


def field_texts(path: str | Path, table: str, record_id: str) -> dict[str, str]:
    """Each field of a record as an editor shows it: text as text, a date as people say it ("H1 2024") where
    that reads back the same, anything else as its TOML (`{ amount = 10e9, currency = "CNY" }`, `["nbd"]`)."""
    record = tomlkit.parse(record_text(path, table, record_id))[table][0]
    shown = {}
    for name in record:
        item = record.value.item(name)
        if isinstance(item, tomlkit.items.String):
            text = str(item)
            if is_date(table, name) and date_form(human := FuzzyDate.parse(text).human()) == text:
                text = human
            shown[name] = text
        else:
            shown[name] = item.as_string().strip()
    return shown


# -- applying an edit to the text --------------------------------------------------------------


def _records(data: FactFile, table: str) -> list[Any]:
    return list(getattr(data, table))


def _span(layout: Layout, data: FactFile, table: str, record_id: str, path: str) -> Span:
    records = _records(data, table)
    ids = [record.id for record in records]
    noun = RECORD_NAMES[table]
    if record_id not in ids:
        hint = did_you_mean(record_id, ids, count=3) or f"`{noun} add` makes one"
        raise EditError(f"{path}: no {noun} {record_id!r}; {hint}")
    spans = layout.tables.get(table, [])
    index = ids.index(record_id)
    if len(spans) != len(records) or _table_of(layout.text(spans[index]), table).get("id") != record_id:
        raise EditError(f"{path}: {noun} {record_id!r}: cannot find its [[{table}]] table by its header line "
                        "(is a table written inline, or a header inside a multi-line string?); edit it by hand")
    return spans[index]


def _table_of(text: str, table: str) -> tomlkit.items.Table:
    found: tomlkit.items.Table = tomlkit.parse(text)[table][0]
    return found


def _checked_fields(table: str, values: Mapping[str, str], path: str, where: str) -> None:
    known = field_names(table)
    for name in values:
        if name not in known:
            hint = did_you_mean(name, known, count=3) or f"the fields are {', '.join(known)}"
            raise EditError(f"{path}: {where}: no field {name!r}; {hint}")


def _apply(text: str, data: FactFile, edit: Edit, path: str) -> tuple[str, str]:
    layout = Layout(text)
    noun = edit.noun
    if edit.action == "add":
        return _added(layout, data, edit, path)
    assert edit.record_id is not None
    span = _span(layout, data, edit.table, edit.record_id, path)
    where = f"{noun} {edit.record_id!r}"
    if edit.action == "remove":
        users = references(data, edit.table, edit.record_id)
        if users:
            listed = ", ".join(users[:5]) + (f" and {len(users) - 5} more" if len(users) > 5 else "")
            raise EditError(f"{path}: {where} is referred to by {listed}; change or remove those first")
        return edit.record_id, layout.removed(span)
    _checked_fields(edit.table, edit.values, path, where)
    document = tomlkit.parse(layout.text(span))
    record = document[edit.table][0]
    for name, typed in edit.values.items():
        _set(record, edit.table, name, typed, path, where)
    new_id = str(record.get("id", edit.record_id))
    return new_id, layout.replaced(span, tomlkit.dumps(document))


def _set(record: tomlkit.items.Table, table: str, name: str, typed: str, path: str, where: str) -> None:
    if not typed.strip():
        if name in record:
            del record[name]
        return
    try:
        item = parsed_item(value_text(table, name, typed))
    except (TOMLKitError, ValueError) as error:
        raise EditError(f"{path}: {where} field {name!r}: {typed!r} is not a TOML value ({error}); "
                        "quote text, write lists as [\"a\", \"b\"] and tables as { amount = 10, currency = \"CNY\" }"
                        ) from None
    if name in record:
        record[name] = item
        return
    order = field_names(table)
    earlier = set(order[:order.index(name)])
    body = record.value.body
    after = max((index for index, (key, _) in enumerate(body) if key is not None and key.key in earlier),
                default=None)
    if after is None or after + 1 >= len(body):
        record[name] = item  # at the end, as the file's order has it
    else:
        record.value._insert_at(after + 1, name, item)  # beside the field it follows in the file's order


def _added(layout: Layout, data: FactFile, edit: Edit, path: str) -> tuple[str, str]:
    values = {name: typed for name, typed in edit.values.items() if typed.strip()}
    noun = edit.noun
    record_id = values.get("id") or edit.record_id
    if record_id is None and edit.table == "claims" and "source" in values and "topic" in values:
        record_id = _free_id(f"{unquoted(values['source'])}-{unquoted(values['topic'])}",
                             {claim.id for claim in data.claims})
    if record_id is None:
        raise EditError(f"{path}: new {noun} field 'id': a new {noun} needs an id (id=...)")
    record_id = unquoted(record_id)
    values["id"] = record_id
    _checked_fields(edit.table, values, path, f"new {noun} {record_id!r}")
    order = field_names(edit.table)
    lines = [f"[[{edit.table}]]\n"]
    for name in sorted(values, key=order.index):
        text = value_text(edit.table, name, values[name])
        try:
            parsed_item(text)
        except (TOMLKitError, ValueError) as error:
            raise EditError(f"{path}: new {noun} {record_id!r} field {name!r}: {values[name]!r} is not a TOML value "
                            f"({error})") from None
        lines.append(f"{name} = {text}\n")
    return record_id, layout.inserted(_where_to_add(layout, data, edit.table, values), "".join(lines))


def _free_id(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _where_to_add(layout: Layout, data: FactFile, table: str, values: Mapping[str, str]) -> int:
    """After the last record of its group (a claim after its source's last, a topic after its pane's last, an
    outcome source after the last outcome source), else after the table's last, else at the end of the file."""
    spans = layout.tables.get(table, [])
    records = _records(data, table)
    group = {"claims": "source", "topics": "pane", "sources": "outcome"}.get(table)
    if group is not None and len(spans) == len(records):
        wanted = unquoted(values.get(group, "false"))
        same = [span for span, record in zip(spans, records) if str(getattr(record, group)).lower() == wanted]
        if same:
            return same[-1].end
    if spans:
        return spans[-1].end
    return len(layout.lines)


def references(data: FactFile, table: str, record_id: str) -> list[str]:
    """What refers to a record, as "claim 'x' (origin)": such a record cannot be removed."""
    found = []
    for claim in data.claims:
        fields_using: dict[str, list[tuple[str, Sequence[str]]]] = {
            "sources": [("source", [claim.source])],
            "topics": [("topic", [claim.topic])],
            "parties": [("origin", [claim.origin]), ("via", claim.via)],
            "claims": [("superseded", [claim.superseded.by] if claim.superseded else []),
                       ("answers", claim.answers), ("refutes", claim.refutes)],
        }
        found += [f"claim {claim.id!r} ({name})" for name, ids in fields_using[table]
                  if record_id in ids]
    if table == "parties":
        found += [f"source {source.id!r} (relays)" for source in data.sources if source.relays == record_id]
        found += [f"party {party.id!r} (affiliation)" for party in data.parties if party.affiliation == record_id]
    if table == "sources":
        found += [f"rate {rate.base}/{rate.quote} (source)" for rate in data.rates if rate.source == record_id]
    return found


# -- a new story ----------------------------------------------------------------------------------


def new_story(path: str | Path, values: Mapping[str, str]) -> Planned:
    """An empty fact base at `path`, with its `#:schema` line and [meta], checked by the loader; not yet written.
    `values` are [meta]'s fields (title, as_of, description, curator)."""
    path = Path(path)
    if os.path.lexists(path):
        raise EditError(f"{shown(path)} exists; `new` starts a fact base of its own: give a new file's name")
    known = ("title", "as_of", "description", "curator")
    for name in values:
        if name not in known:
            raise EditError(f"{shown(path)}: [meta] has no field {name!r}; "
                            f"{did_you_mean(name, known) or 'its fields are ' + ', '.join(known)}")
    meta = {"title": "A story of my own", "as_of": date.today().isoformat(), **values}
    lines = "".join(f"{name} = {_meta_value(meta[name])}\n" for name in known if meta.get(name, "").strip())
    text = (f"#:schema ./{SCHEMA_FILE}\n"
            "# A xiaomi-tui fact base. Add records with `xiaomi-tui --facts THIS_FILE source add ...`, `party add`,\n"
            "# `topic add` and `claim add` (or `n` in the dashboard); `xiaomi-tui check THIS_FILE` validates it.\n\n"
            f"[meta]\n{lines}")
    after = text.encode("utf-8")
    try:
        loaded = loads_unkept(after, str(path))
    except FactsError as error:
        raise EditError(f"{error.report()}\nnothing was written") from None
    return Planned(path, Edit("add", "meta"), "meta", b"", after, loaded)


def _meta_value(typed: str) -> str:
    return typed.strip() if isinstance(toml_value(typed), str) else tomlkit.string(typed.strip()).as_string()


def create(planned: Planned) -> list[Path]:
    """Write a new story planned by `new_story`, and the JSON Schema its `#:schema` line names if none is beside
    it (editors check the file with it); the files written."""
    written = [planned.path]
    schema = planned.path.parent / SCHEMA_FILE
    try:
        write_atomically(planned.path, planned.after)
        if not os.path.lexists(schema):
            write_atomically(schema, json_schema_text())
            written.append(schema)
    except WriteFailed as error:
        raise EditError(str(error)) from None
    return written
