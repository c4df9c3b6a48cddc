"""The claims in view as a CSV or Markdown table for spreadsheets and drafts, or the whole analysis as JSON.

The JSON is one object an analyst loads in pandas or jq (`pd.json_normalize(dump["claims"])`): `meta`,
`sources`, `parties`, `topics` with their analysis over the sources in view, and `claims`, each record with
every field, unknowns as null. The CSV is the claims with the columns a spreadsheet sorts and sums by (ids beside
names, ISO days, the value as a number); Markdown the few a reader needs. The README documents each shape.
A `Scope` narrows any of them to the claims behind the rows a pane shows, in its order (the palette's "Export view").
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from xiaomi_tui.facts.analysis.topics import Analysis, analyse
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.formatting import format_claim_value, pandoc_text
from xiaomi_tui.facts.model.fuzzydate import FuzzyDate, Precision
from xiaomi_tui.facts.model.records import Claim, Flag, Money, Quantity, Text, Topic

__all__ = ["BOM", "COLUMNS", "CSV_COLUMNS", "Scope", "export", "markdown_cell", "markdown_table", "spreadsheet_cell"]

COLUMNS = ("id", "topic", "source", "value", "stance", "date", "para", "standing", "chain", "statement")
"""Markdown's columns: what a reader of a draft needs."""

CSV_COLUMNS = ("id", "topic", "topic_id", "source", "origin", "origin_id", "origin_basis", "url", "value",
               "value_number", "value_unit", "stance", "date", "date_start", "date_end", "said", "said_start",
               "said_end", "para", "standing", "chain", "statement")
"""The CSV's columns: names beside ids, dates as written and as ISO days, the value as text and as a number."""

BOM = "\ufeff"
"""What `--bom` puts first: without it a spreadsheet's default import reads UTF-8 as a legacy code page."""


@dataclass(frozen=True)
class Scope:
    """What one pane shows: the claims behind its rows, in their order, and what narrowed them."""

    claims: tuple[str, ...]
    pane: str
    search: str = ""


def export(facts: FactBase, sources: Iterable[str] | None, fmt: str, scope: Scope | None = None,
           spreadsheet: bool = False, analysis: Analysis | None = None) -> str:
    """The claims in view as JSON, CSV or Markdown. The CSV is data as written, what pandas, polars and duckdb
    read; `spreadsheet` marks the dates a spreadsheet would turn into days as text (see `_csv_cell`). `analysis`
    is the analysis of `sources` when the caller already holds it (the dashboard's view): else it is made here."""
    if fmt == "json":
        return json.dumps(dump(facts, sources, scope, analysis), indent=2, ensure_ascii=False) + "\n"
    rows = list(_rows(facts, analysis if analysis is not None else analyse(facts, sources), scope))
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({column: _csv_cell(row[column], spreadsheet) for column in CSV_COLUMNS} for row in rows)
        return buffer.getvalue()
    if fmt == "markdown":
        return markdown_table(COLUMNS, [[_text(row[column]) for column in COLUMNS] for row in rows])
    raise ValueError(f"unknown export format {fmt!r}")


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table of literal text, one line per row."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(markdown_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def markdown_cell(value: object) -> str:
    """A table cell that a Markdown renderer shows as the text it holds; a line break cannot end the row."""
    return pandoc_text(str(value), starts_line=False)


_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run: text starting like a formula gets a leading quote (OWASP's
    rule for CSV injection). A plain number, negative ones included, is data, and stays as it is."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


_SPREADSHEET_DATES = (Precision.DAY, Precision.MONTH, Precision.YEAR)
"""The fuzzy dates a spreadsheet reads as a date or a number when they are written as people say them: "8 Nov
2023", "Nov 2023", "2024". "H1 2024" or "late Nov 2021" it leaves alone."""


def _csv_cell(value: object, spreadsheet: bool) -> object:
    """A date as people say it, as written. For a spreadsheet it stays text: one would make "Nov 2023" the day
    1 Nov 2023, a precision the press never gave, so the flavour marks it with the leading quote, the spreadsheet's
    own mark for text, which a data tool would read as part of the value (141 cells of the bundled base); the ISO
    columns are the dates to compute with. Text starting like a formula is quoted in both (OWASP's rule: the CSV
    may be opened anywhere). Numbers are written plainly, 10000000000 rather than 10000000000.0."""
    if isinstance(value, FuzzyDate):
        marked = spreadsheet and value.part is None and value.precision in _SPREADSHEET_DATES
        return ("'" if marked else "") + value.human()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else spreadsheet_cell(value)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _claims(facts: FactBase, analysis: Analysis, scope: Scope | None) -> list[Claim]:
    """Every claim in view, or those of `scope` that are."""
    if scope is None:
        return analysis.claims()
    found = (facts.claims.get(claim_id) for claim_id in scope.claims)
    return [claim for claim in found if claim is not None and claim.source in analysis.sources]


def _rows(facts: FactBase, analysis: Analysis, scope: Scope | None = None) -> Iterator[dict[str, Any]]:
    for claim in _claims(facts, analysis, scope):
        topic = facts.topics[claim.topic]
        number, unit = _number(claim, topic)
        yield {
            "id": claim.id,
            "topic": topic.label,
            "topic_id": topic.id,
            "source": claim.source,
            "origin": facts.parties[claim.origin].name,
            "origin_id": claim.origin,
            "origin_basis": claim.origin_basis,
            "url": facts.sources[claim.source].url,
            "value": claim.date if claim.value is None and claim.date else format_claim_value(claim, topic),
            "value_number": number,
            "value_unit": unit,
            "stance": claim.stance.value,
            "date": claim.date,
            "date_start": _start(claim.date),
            "date_end": _end(claim.date),
            "said": claim.said,
            "said_start": _start(claim.said),
            "said_end": _end(claim.said),
            "para": claim.para,
            "standing": analysis.standings[claim.id].value,
            "chain": facts.chain_text(claim),
            "statement": claim.statement,
        }


def dump(facts: FactBase, sources: Iterable[str] | None, scope: Scope | None = None,
         analysis: Analysis | None = None) -> dict[str, Any]:
    """The fact base and its analysis over the sources in view, as plain JSON values; with a `scope`, only its
    claims and their topics, and `meta.view` says which pane and search."""
    analysis = analysis if analysis is not None else analyse(facts, sources)
    meta = facts.data.meta
    claims = _claims(facts, analysis, scope)
    topics = {claim.topic for claim in claims} if scope is not None else facts.topics
    view = {"view": {"pane": scope.pane, "search": scope.search}} if scope is not None else {}
    return {
        "meta": {"title": meta.title, "as_of": _date(meta.as_of), "description": meta.description,
                 "curator": meta.curator, "sources_in_view": sorted(analysis.sources), **view},
        "sources": [{
            "id": source.id, "name": facts.source_name(source.id), "publisher": source.publisher,
            "title": source.title, "author": source.author, "published": _date(source.published), "url": source.url,
            "kind": source.kind, "language": source.language, "relays": source.relays, "notes": source.notes,
        } for source in facts.sources.values() if source.id in analysis.sources],
        "parties": [{
            "id": party.id, "name": party.name, "kind": party.kind.value, "role": party.role,
            "affiliation": party.affiliation, "organisation": facts.organisation_of(party.id).id,
            "counterparty": party.counterparty,
            "author": party.author, "publisher": party.publisher, "title": party.title,
            "published": _date(party.published), "url": party.url,
        } for party in facts.parties.values()],
        "topics": [_topic(analysis, topic) for topic in facts.topics.values() if topic.id in topics],
        "claims": [_claim(facts, analysis, claim) for claim in claims],
    }


def _topic(analysis: Analysis, topic: Topic) -> dict[str, Any]:
    found = analysis.topics[topic.id]
    return {
        "id": topic.id, "label": topic.label, "pane": topic.pane, "kind": topic.kind.value, "unit": topic.unit,
        "status": found.status.value, "reason": found.reason, "consensus": found.consensus if found.claims else None,
        "sources": sorted(found.sources), "origins": sorted(found.origins),
        "organisations": sorted(found.organisations), "inferred": found.inferred,
        "set_aside": [claim.id for claim in found.set_aside],
    }


def _claim(facts: FactBase, analysis: Analysis, claim: Claim) -> dict[str, Any]:
    topic = facts.topics[claim.topic]
    return {
        "id": claim.id, "topic": claim.topic, "source": claim.source, "statement": claim.statement,
        "origin": claim.origin, "origin_basis": claim.origin_basis, "basis": claim.basis, "via": list(claim.via),
        "organisation": facts.organisation_of(claim.origin).id, "stance": claim.stance.value,
        "value": _value(claim, topic), "value_text": format_claim_value(claim, topic),
        "value_number": _number(claim, topic)[0],
        "date": _date(claim.date), "date_start": _start(claim.date),
        "date_end": _end(claim.date), "said": _date(claim.said), "said_start": _start(claim.said),
        "said_end": _end(claim.said), "para": claim.para,
        "standing": analysis.standings[claim.id].value,
        "disputed": claim.disputed and {"reason": claim.disputed.reason, "url": claim.disputed.url},
        "superseded": claim.superseded and {"by": claim.superseded.by, "reason": claim.superseded.reason},
        "note": claim.note,
    }


def _value(claim: Claim, topic: Topic) -> dict[str, object] | None:
    """One shape per kind, always a table, so `json_normalize` makes one column of one type per key: money
    `{min, max, currency, approx}`, a quantity `{min, max, unit, approx}` (either end null when open), text
    `{text}`, a flag `{flag}`; null on a date topic, whose value is the claim's `date`."""
    value = claim.value
    if isinstance(value, Money):
        return {"min": value.min, "max": value.max, "currency": value.currency, "approx": value.approx}
    if isinstance(value, Quantity):
        return {"min": value.min, "max": value.max, "unit": value.unit or topic.unit, "approx": value.approx}
    if isinstance(value, Text):
        return {"text": value.text}
    if isinstance(value, Flag):
        return {"flag": value.flag}
    return None


def _number(claim: Claim, topic: Topic) -> tuple[float | None, str | None]:
    """The value as one number with its currency or unit, where it is one number (not a range, text or flag)."""
    value = claim.value
    if isinstance(value, (Money, Quantity)) and value.min is not None and value.min == value.max:
        return value.min, value.currency if isinstance(value, Money) else value.unit or topic.unit
    return None, None


def _start(value: FuzzyDate | None) -> str | None:
    return None if value is None else value.start.isoformat()


def _end(value: FuzzyDate | None) -> str | None:
    return None if value is None else value.end.isoformat()


def _date(value: FuzzyDate | None) -> str | None:
    """As written in the fact base ("2024-H1"), so its precision survives."""
    return None if value is None else value.text
