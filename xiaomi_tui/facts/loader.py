"""Read `facts.toml` into a `FactBase` (see `model.py`), or fail with every problem named by file, line and id.

Three stages, each reporting all it finds before giving up: bytes and TOML syntax, structure
(pydantic), and cross-references (ids, kinds, units), which need the whole file at once.
A file that passed them before is read back from the cache instead (see `cache.py`).
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import Any, NamedTuple

from xiaomi_tui.facts import cache
from xiaomi_tui.facts.files import UnreadableFile, read_regular_file
from xiaomi_tui.facts.model import FactBase
from xiaomi_tui.facts.records import Claim, FactFile, Topic, TopicKind

__all__ = ["FactsError", "Loaded", "Problem", "bundled_facts_path", "load", "load_unkept", "loads"]

MAX_BYTES = 20 * 1024 * 1024
"""A hand-curated fact base is kilobytes; anything past this is not one, and parsing it would stall the UI."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where it is, and what to do about it."""

    message: str
    line: int | None = None
    column: int | None = None
    where: str | None = None  # "claim 'cnevpost-launch'", "source #3"

    def format(self, path: str) -> str:
        place = path
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        subject = f"{self.where}: " if self.where else ""
        return f"{place}: {subject}{self.message}"


class FactsError(Exception):
    """The fact base cannot be used; carries every problem found, for a one-screen report."""

    def __init__(self, path: str, problems: list[Problem]):
        self.path = path
        self.problems = problems
        super().__init__(self.report())

    def report(self, limit: int = 20) -> str:
        lines = [problem.format(self.path) for problem in self.problems[:limit]]
        hidden = len(self.problems) - limit
        if hidden > 0:
            lines.append(f"... and {hidden} more problem{'s' if hidden > 1 else ''}")
        noun = "problem" if len(self.problems) == 1 else "problems"
        return f"error: {self.path} has {len(self.problems)} {noun}:\n  " + "\n  ".join(lines)

    @property
    def first_line(self) -> str:
        return self.problems[0].format(self.path) if self.problems else self.path


def bundled_facts_path() -> Path:
    """The curated fact base: inside the installed wheel, or at the top of a source checkout."""
    inside = Path(__file__).resolve().parent.parent / "bundled" / "facts.toml"
    if inside.is_file():
        return inside
    return Path(__file__).resolve().parents[2] / "facts.toml"


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
    shown = str(path)
    try:
        raw = read_regular_file(Path(path), MAX_BYTES)
    except UnreadableFile as error:
        raise FactsError(shown, [Problem(str(error))]) from None
    return _validated(raw, shown)


def loads(raw: bytes | str, path: str = "<memory>") -> FactBase:
    """Validate a fact base's bytes (or text); bytes validated before come back from the cache."""
    loaded = _validated(raw, path)
    loaded.keep()
    return loaded.facts


def _validated(raw: bytes | str, path: str) -> Loaded:
    entry = cache.entry_for(raw) if isinstance(raw, bytes) else None
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

    from xiaomi_tui.facts import schema

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FactsError(path, [_syntax_problem(error, text)]) from None
    except RecursionError:  # the parser recurses once per level: some hundreds exhaust Python's stack
        raise FactsError(path, [Problem(f"TOML syntax: {_TOO_DEEP}", _most_nested_line(text))]) from None
    locator = _Locator(text)
    try:
        data = schema.validate(document)
    except schema.ValidationError as error:
        raise FactsError(path, [_schema_problem(item, document, locator) for item in error.errors()]) from None
    problems, warnings = _cross_check(data, locator)
    if problems:
        raise FactsError(path, problems)
    keep = partial(cache.write, entry, cache.Validated(data, warnings)) if entry is not None else _nothing_to_keep
    return Loaded(FactBase(data, path, warnings), keep)


def _nothing_to_keep() -> None:
    """The `keep` of a fact base the cache already holds, or that it may not hold."""


_TOO_DEEP = "tables or arrays are nested too deeply to read; a fact base needs four levels at most: flatten this value"


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


_SINGULAR = {"sources": "source", "parties": "party", "topics": "topic", "claims": "claim", "rates": "rate"}
_NOISE = {"money", "quantity", "text", "flag", "function-after", "function-before", "function-plain"}


def _schema_problem(error: dict[str, Any], document: dict[str, Any], locator: _Locator) -> Problem:
    loc = [part for part in error["loc"] if not (isinstance(part, str) and (part in _NOISE or "[" in part))]
    table = str(loc[0]) if loc else None
    index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
    rest = loc[2:] if index is not None else loc[1:]
    field_name = str(rest[0]) if rest else None
    where = None
    if table in _SINGULAR and index is not None:
        record = document.get(table, [])[index] if isinstance(document.get(table), list) else None
        record_id = record.get("id") if isinstance(record, dict) else None
        where = f"{_SINGULAR[table]} {record_id!r}" if isinstance(record_id, str) else f"{_SINGULAR[table]} #{index + 1}"
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


def _explain(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "missing":
        return "is required but missing"
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return "is not a known field; check its spelling"
    message = error["msg"].removeprefix("Value error, ")
    received = error.get("input")
    if kind not in ("value_error",) and isinstance(received, (str, int, float, bool)) and len(str(received)) < 60:
        message += f" (got {received!r})"
    return message


def _cross_check(data: FactFile, locator: _Locator) -> tuple[list[Problem], list[str]]:
    problems: list[Problem] = []
    ids: dict[str, set[str]] = {}
    for table, records in (("sources", data.sources), ("parties", data.parties), ("topics", data.topics),
                           ("claims", data.claims)):
        ids[table] = set()
        for index, record in enumerate(records):
            if record.id in ids[table]:
                problems.append(Problem(
                    f"duplicate id; another {_SINGULAR[table]} already uses {record.id!r}: rename one",
                    locator.line(table, index, "id"), None, f"{_SINGULAR[table]} {record.id!r}",
                ))
            ids[table].add(record.id)
    topics = {topic.id: topic for topic in data.topics}
    problems += _party_problems(data, ids["parties"], locator)
    relays = {}
    outcome_sources = {source.id for source in data.sources if source.outcome}
    press_claims = {claim.id for claim in data.claims if claim.source not in outcome_sources}
    for index, source in enumerate(data.sources):
        if source.outcome and source.published is None:
            problems.append(Problem("an outcome source needs `published`: scoring as of a date counts it from then",
                                    locator.line("sources", index), None, f"source {source.id!r}"))
        if source.relays is None:
            continue
        if source.relays in ids["parties"]:
            relays[source.id] = source.relays
        else:
            problems.append(Problem(_unknown("party", source.relays, ids["parties"]),
                                    locator.line("sources", index, "relays"), None,
                                    f"source {source.id!r} field 'relays'"))

    for index, claim in enumerate(data.claims):
        def report(field_name: str, message: str, key: str | None = None, index: int = index, claim: Claim = claim) -> None:
            problems.append(Problem(message, locator.line("claims", index, key or field_name), None,
                                    f"claim {claim.id!r} field '{field_name}'"))

        if claim.source not in ids["sources"]:
            report("source", _unknown("source", claim.source, ids["sources"]))
        for field_name, key, message in _assessment_problems(claim, ids["claims"], relays.get(claim.source)):
            report(field_name, message, key)
        for field_name, party_ids in (("origin", [claim.origin]), ("via", claim.via)):
            for party_id in party_ids:
                if party_id not in ids["parties"]:
                    report(field_name, _unknown("party", party_id, ids["parties"]))
        chain = [claim.origin, *claim.via]
        repeated = [party for party, count in Counter(chain).items() if count > 1] if claim.via else []
        if repeated:
            report("via", f"the chain origin -> via repeats {', '.join(repeated)}; a claim passes each party once")
        topic = topics.get(claim.topic)
        if topic is None:
            report("topic", _unknown("topic", claim.topic, ids["topics"]))
            continue
        for field_name, message in _value_fits(claim, topic):
            report(field_name, message)
        for field_name, message in _outcome_fields_fit(claim, topic, claim.source in outcome_sources, press_claims):
            report(field_name, message)

    for index, rate in enumerate(data.rates):
        where = f"rate {rate.base}/{rate.quote}"
        if rate.source not in ids["sources"]:
            problems.append(Problem(_unknown("source", rate.source, ids["sources"]),
                                    locator.line("rates", index, "source"), None, where))
        if rate.base == rate.quote:
            problems.append(Problem("base and quote are the same currency",
                                    locator.line("rates", index, "quote"), None, where))

    cited = {claim.source for claim in data.claims}
    warnings = [f"source {source_id!r} has no claims" for source_id in sorted(ids["sources"] - cited)]
    return problems, warnings


def _party_problems(data: FactFile, party_ids: set[str], locator: _Locator) -> Iterable[Problem]:
    """Affiliations name a known party and never lead back to where they started."""
    affiliation = {party.id: party.affiliation for party in data.parties if party.affiliation}
    for index, party in enumerate(data.parties):
        if party.affiliation is None:
            continue
        where = f"party {party.id!r} field 'affiliation'"
        line = locator.line("parties", index, "affiliation")
        if party.affiliation not in party_ids:
            yield Problem(_unknown("party", party.affiliation, party_ids), line, None, where)
            continue
        path = [party.id]
        while path[-1] in affiliation and affiliation[path[-1]] not in path:
            path.append(affiliation[path[-1]])
        if path[-1] in affiliation and affiliation[path[-1]] == party.id:
            loop = " -> ".join([*path, party.id])
            yield Problem(f"affiliations go round in a circle ({loop}); an organisation speaks for itself",
                          line, None, where)


def _assessment_problems(claim: Claim, claim_ids: set[str], relay: str | None) -> Iterable[tuple[str, str, str]]:
    """Our own readings: a basis exactly when the origin is inferred, one assessment, a relay honoured.

    Each problem as (field, the key whose line to show, message)."""
    if claim.inferred and claim.basis is None:
        yield "basis", "origin_basis", "an inferred origin needs a basis: say why we think it came from there"
    if not claim.inferred and claim.basis is not None:
        yield "basis", "basis", 'a basis goes with origin_basis = "inferred"; a stated origin is in the text'
    if claim.disputed is not None and claim.superseded is not None:
        yield "superseded", "superseded", "a claim is either disputed or superseded, not both"
    if claim.superseded is not None:
        if claim.superseded.by == claim.id:
            yield "superseded.by", "superseded", "a claim cannot supersede itself"
        elif claim.superseded.by not in claim_ids:
            yield "superseded.by", "superseded", _unknown("claim", claim.superseded.by, claim_ids)
    if relay is not None and [claim.origin, *claim.via][-1] != relay:
        yield "via", "via", (f"source {claim.source!r} relays {relay!r} as a whole: end the chain with it "
                             f"(last in via, or as the origin)")


def _value_fits(claim: Claim, topic: Topic) -> Iterable[tuple[str, str]]:
    """A value must be of its topic's kind; a date topic's value is the claim's `date`."""
    if topic.kind is TopicKind.DATE:
        if claim.date is None:
            yield "date", f"topic {topic.id!r} is about a date: give the claim a date"
        if claim.value is not None:
            yield "value", f"topic {topic.id!r} is about a date: put it in `date`, not `value`"
        return
    if claim.value is None:
        yield "value", f"topic {topic.id!r} needs a {topic.kind.value} value"
        return
    if claim.value.kind != topic.kind.value:
        yield "value", f"topic {topic.id!r} takes a {topic.kind.value} value, not {claim.value.kind}"
        return
    unit = getattr(claim.value, "unit", None)
    if unit is not None and unit != topic.unit:
        yield "value", f"unit {unit!r} does not match topic {topic.id!r}'s unit {topic.unit!r}"


def _outcome_fields_fit(claim: Claim, topic: Topic, is_outcome: bool,
                        press_claims: set[str]) -> Iterable[tuple[str, str]]:
    """A press claim gives its paragraph; only an outcome says how it answers the press, and only press claims."""
    used = [name for name in ("metric", "scope", "answers", "refutes") if getattr(claim, name)]
    if claim.happened != "on":
        used.append("happened")
    if not is_outcome:
        if claim.para is None:
            yield "para", "is required but missing"
        for name in used:
            yield name, "only a claim of an outcome source (outcome = true) says how it answers the press"
        return
    if claim.happened != "on" and topic.kind is not TopicKind.DATE:
        yield "happened", f"topic {topic.id!r} is not about a date: `happened` qualifies a date"
    for name in ("answers", "refutes"):
        for claim_id in getattr(claim, name):
            if claim_id not in press_claims:
                yield name, _unknown("press claim", claim_id, press_claims)


def _unknown(kind: str, wanted: str, known: set[str]) -> str:
    from difflib import get_close_matches

    close = get_close_matches(wanted, sorted(known), n=1)
    table = {"party": "parties", "press claim": "claims"}.get(kind, kind + "s")
    hint = f"; did you mean {close[0]!r}?" if close else f"; add a [[{table}]] entry"
    return f"unknown {kind} {wanted!r}{hint}"
