"""Read `facts.toml` into a `FactBase` (see `model.py`), or fail with every problem named by file, line and id.

Three stages, each reporting all it finds before giving up: bytes and TOML syntax, structure
(pydantic), and cross-references (ids, kinds, units), which need the whole file at once.
A file that passed them before is read back from the cache instead (see `cache.py`).
"""

from __future__ import annotations

import pickle
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from xiaomi_tui.facts.load import cache
from xiaomi_tui.facts.load.crosscheck import cross_check
from xiaomi_tui.facts.load.problems import RECORD_NAMES, FactsError, Problem
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.records import Claim, Party, Rate, Source, Topic
from xiaomi_tui.io.files import UnreadableFile, read_regular_file

if TYPE_CHECKING:  # pydantic is imported only when a file must be validated
    from pydantic_core import ErrorDetails

__all__ = ["FactsError", "Loaded", "Problem", "bundled_facts_path", "load", "load_meanwhile", "load_unkept", "loads",
           "loads_unkept"]

MAX_BYTES = 20 * 1024 * 1024
"""A hand-curated fact base is kilobytes; anything past this is not one, and parsing it would stall the UI."""


def bundled_facts_path() -> Path:
    """The curated fact base: inside the installed wheel, or at the top of a source checkout."""
    inside = Path(__file__).resolve().parents[2] / "bundled" / "facts.toml"
    if inside.is_file():
        return inside
    return Path(__file__).resolve().parents[3] / "facts.toml"


class Loaded(NamedTuple):
    facts: FactBase
    keep: Callable[[], None]
    """Writes a freshly validated file's records to the cache; nothing to do for one read from it."""


def load(path: str | Path) -> FactBase:
    """Read and validate a fact base file, and keep it in the cache; raise `FactsError` naming every problem."""
    loaded = load_unkept(path)
    loaded.keep()
    return loaded.facts


def load_unkept(path: str | Path) -> Loaded:
    """`load`, leaving the cache write to the caller: the dashboard draws its first frame before it
    pickles a large fact base (0.5 s at 50,000 claims)."""
    raw = _read(path)
    return _validated(raw, str(path), _entry(raw))


def load_meanwhile(path: str | Path) -> Callable[[], Loaded]:
    """`load_unkept`, begun now and finished by the function it returns, so that the caller can go on with other
    work: a file the cache does not hold is validated meanwhile in a child process (see `io/meanwhile.py`), which
    writes the cache entry the finish then reads. A broken file's report is the child's, sent whole; a child that
    wrote nothing else (killed, or the cache could not be written) leaves the work to the finish. The file is read
    and hashed once, here."""
    shown = str(path)
    raw = _read(path)
    entry = _entry(raw)
    answer: Callable[[], bytes] = _nothing_said
    if entry is not None and not entry.exists():
        from xiaomi_tui.io.meanwhile import in_child

        def keep_or_refuse() -> bytes:
            try:
                _validated(raw, shown, entry).keep()
            except FactsError as error:
                return pickle.dumps(error.detached())
            return b""

        answer = in_child(keep_or_refuse)

    def finish() -> Loaded:
        said = answer()
        if said:
            raise pickle.loads(said)  # from our own child, through our own pipe
        return _validated(raw, shown, entry)

    return finish


def _nothing_said() -> bytes:
    return b""


def _read(path: str | Path) -> bytes:
    try:
        return read_regular_file(Path(path), MAX_BYTES)
    except UnreadableFile as error:
        raise FactsError(str(path), [Problem(str(error))]) from None


def _entry(raw: bytes | str) -> Path | None:
    """Where the cache keeps these bytes' records (text, as an edit checks it, is never kept)."""
    return cache.entry_for(raw) if isinstance(raw, bytes) else None


def loads(raw: bytes | str, path: str = "<memory>") -> FactBase:
    """Validate a fact base's bytes (or text); bytes validated before come back from the cache."""
    loaded = _validated(raw, path, _entry(raw))
    loaded.keep()
    return loaded.facts


def loads_unkept(raw: bytes | str, path: str = "<memory>") -> Loaded:
    """`loads`, leaving the cache write to the caller: an edit keeps the file it checked only once it is written."""
    return _validated(raw, path, _entry(raw))


def _validated(raw: bytes | str, path: str, entry: Path | None) -> Loaded:
    if entry is not None:
        known = cache.read(entry)
        if known is not None:
            return Loaded(FactBase(known.data, path, known.warnings), _nothing_to_keep)
    text = _decode(raw, path) if isinstance(raw, bytes) else raw.removeprefix("\ufeff")
    if not text.strip():
        raise FactsError(path, [Problem("is empty; a fact base needs [meta], [[sources]], [[topics]] and [[claims]]")])
    # Only now: a file read back from the cache needs neither the TOML parser nor pydantic.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib

    from xiaomi_tui.facts.load import schema

    too_dense = _too_dense(text)
    if too_dense:
        raise FactsError(path, [too_dense])
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FactsError(path, [_syntax_problem(error, text)]) from None
    except ValueError:  # an integer too long for Python to read (over 4,300 digits)
        raise FactsError(path, [_too_long_number(text)]) from None
    except RecursionError:  # the parser recurses once per level: some hundreds exhaust Python's stack
        raise FactsError(path, [Problem(f"TOML syntax: {_TOO_DEEP}", _most_nested_line(text))]) from None
    locator = _Locator(text)
    try:
        data = schema.validate(document)
    except schema.ValidationError as error:
        total = error.error_count()
        items = error.errors(include_url=False) if total <= MAX_LISTED else _first_errors(document, MAX_LISTED)
        raise FactsError(path, [_schema_problem(item, document, locator) for item in items], total) from None
    problems, warnings = cross_check(data, locator)
    if problems:
        raise FactsError(path, problems)
    keep = partial(cache.write, entry, cache.Validated(data, warnings)) if entry is not None else _nothing_to_keep
    return Loaded(FactBase(data, path, warnings), keep)


MAX_TABLES = 100_000
"""Tables a fact base may have: a 20 MB file of real records holds some 90,000 (50,000 claims: 51,000)."""

MAX_ITEMS = 1_000_000
"""Lines and list items a fact base may have: a 20 MB file of real records holds some 900,000. The TOML parser
takes about 10 microseconds for each, so a file of two-byte lines ("a=1") would take a minute to refuse."""

MAX_LISTED = 200
"""Structure problems listed one by one; past this the report counts the rest (pydantic's own list of every
problem in a file of a million empty tables takes gigabytes)."""

RECORD_KINDS: dict[str, type] = {"sources": Source, "parties": Party, "topics": Topic, "claims": Claim, "rates": Rate}
"""Each table of records, and the record its entries are."""

_TABLE_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)
_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')


def _too_dense(text: str) -> Problem | None:
    """A file under the size limit whose count of tables, or of lines and items, no fact base reaches, found by
    counting before the parser spends a minute on it."""
    items = text.count("\n") + text.count(",") + text.count("{")
    if items > MAX_ITEMS:  # count again without the commas and braces that are text inside quotes
        bare = _QUOTED.sub("", text)
        items = text.count("\n") + bare.count(",") + bare.count("{")
    if items > MAX_ITEMS:
        return Problem(f"has {items:,} lines and list items; a fact base has at most {MAX_ITEMS:,}: "
                       "is this the right file?")
    tables = len(_TABLE_HEADER.findall(text))
    if tables > MAX_TABLES:
        return Problem(f"has {tables:,} tables; a fact base has at most {MAX_TABLES:,}: is this the right file?")
    return None


def _first_errors(document: dict[str, Any], limit: int) -> list[Any]:
    """The first `limit` structure errors, found record by record, where validating the whole file at once would
    list them all: the file's own fields first, then each table's records in turn."""
    from xiaomi_tui.facts.load import schema

    tables = {name: kind for name, kind in RECORD_KINDS.items() if isinstance(document.get(name), list)}
    found: list[Any] = []
    try:
        schema.validate({key: [] if key in tables else value for key, value in document.items()})
    except schema.ValidationError as error:
        found += [item for item in error.errors(include_url=False)  # emptied here, not in the file
                  if not (item["loc"][:1] and item["loc"][0] in tables and item["type"] == "too_short")]
    for name, kind in tables.items():
        for index, record in enumerate(document[name]):
            if len(found) >= limit:
                return found[:limit]
            try:
                schema.validate(record, kind)
            except schema.ValidationError as error:
                found += [{**item, "loc": (name, index, *item["loc"])} for item in error.errors(include_url=False)]
    return found[:limit]


def _nothing_to_keep() -> None:
    """The `keep` of a fact base the cache already holds, or that it may not hold."""


_TOO_DEEP = "tables or arrays are nested too deeply to read; a fact base needs four levels at most: flatten this value"


def _too_long_number(text: str) -> Problem:
    longest = max(re.finditer(r"[0-9_]{100,}", text), key=lambda match: match.end() - match.start(), default=None)
    line = text.count("\n", 0, longest.start()) + 1 if longest else None
    digits = f" of {longest.end() - longest.start():,} digits" if longest else ""
    return Problem(f"TOML syntax: a number{digits} is too long to read; a figure in a fact base is at most 1e15", line)


def _most_nested_line(text: str) -> int:
    """Where a structure too deep to parse most likely is: the line with the most opening brackets."""
    lines = text.splitlines() or [""]
    counts = [line.count("{") + line.count("[") for line in lines]
    return counts.index(max(counts)) + 1


def _decode(raw: bytes, path: str) -> str:
    try:
        return raw.decode("utf-8-sig")  # a BOM from a Windows editor is harmless: drop it
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise FactsError(path, [Problem(
            f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8", line, column
        )]) from None


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def _syntax_problem(error: Exception, text: str) -> Problem:
    message = str(error)
    match = _TOML_POSITION.search(message)
    line = column = None
    if match:
        line, column = int(match[1]), int(match[2])
        message = message[: match.start()]
    elif message.endswith("(at end of document)"):
        message = message.removesuffix("(at end of document)").strip()
        line = text.count("\n") + 1
    return Problem(f"TOML syntax: {message}", line, column)


class _Locator:
    """Finds the line of a record or field: tomllib gives values, not positions."""

    _HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
    _TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_-]+)\s*\]")
    _KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @cached_property
    def starts(self) -> dict[str, list[int]]:
        """Line numbers of each table's headers, found only when a problem needs a line."""
        starts: dict[str, list[int]] = defaultdict(list)
        for number, line in enumerate(self.lines, start=1):
            header = self._HEADER.match(line) or self._TABLE.match(line)
            if header:
                starts[header[1]].append(number)
        return starts

    def line(self, table: str, index: int | None = None, key: str | None = None) -> int | None:
        starts = self.starts.get(table, [])
        position = 0 if index is None else index
        if position >= len(starts):
            return None
        start = starts[position]
        if key is None:
            return start
        for number in range(start + 1, len(self.lines) + 1):
            text = self.lines[number - 1]
            if text.lstrip().startswith("["):
                break
            match = self._KEY.match(text)
            if match and match[1] == key:
                return number
        return start


_NOISE = {"money", "quantity", "text", "flag", "function-after", "function-before", "function-plain"}


def _schema_problem(error: ErrorDetails, document: dict[str, Any], locator: _Locator) -> Problem:
    loc = [part for part in error["loc"] if not (isinstance(part, str) and (part in _NOISE or "[" in part))]
    table = str(loc[0]) if loc else None
    index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
    rest = loc[2:] if index is not None else loc[1:]
    field_name = str(rest[0]) if rest else None
    where = None
    if table in RECORD_NAMES and index is not None:
        record = document.get(table, [])[index] if isinstance(document.get(table), list) else None
        record_id = record.get("id") if isinstance(record, dict) else None
        name = RECORD_NAMES[table]
        where = f"{name} {record_id!r}" if isinstance(record_id, str) else f"{name} #{index + 1}"
    elif table:
        where = f"[{table}]" if table == "meta" else table
    if field_name:
        dotted = ".".join(_printable(str(part)) for part in rest)
        where = f"{where} field '{dotted}'" if where else f"field '{dotted}'"
    line = locator.line(table, index, field_name) if table else None
    return Problem(_explain(error), line, None, where)


def _printable(name: str) -> str:
    """A key as typed, or with its control characters escaped: an unknown key is echoed to the terminal."""
    return name if name.isprintable() else repr(name)[1:-1]


def _explain(error: ErrorDetails) -> str:
    kind = error["type"]
    if kind == "missing":
        return "is required but missing"
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return "is not a known field; check its spelling"
    message = error["msg"].removeprefix("Value error, ")
    shown = _short_input(error.get("input"))
    if kind not in ("value_error",) and shown is not None:
        message += f" (got {shown})"
    return message


def _short_input(received: object) -> str | None:
    """What the file held, if it is short enough to quote: an integer of thousands of digits is not (and Python
    refuses to turn one of over 4,300 into text)."""
    if isinstance(received, int) and received.bit_length() > 200:
        return None
    if isinstance(received, (str, int, float, bool)):
        text = repr(received)
        return text if len(text) < 60 else None
    return None
