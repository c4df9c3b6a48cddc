"""The claims in view as a CSV or Markdown table for spreadsheets and drafts, or the whole analysis as JSON.

The JSON is one object an analyst loads in pandas or jq (`pd.json_normalize(dump["claims"])`): `meta`,
`sources`, `parties`, `topics` with their analysis over the sources in view, and `claims`, each record with
every field, unknowns as null. The README documents the shape.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence

from xiaomi_tui.facts.analysis import Analysis, analyse
from xiaomi_tui.facts.formatting import MARKDOWN_SPECIALS, format_claim_value, markdown_text
from xiaomi_tui.facts.fuzzydate import FuzzyDate
from xiaomi_tui.facts.model import FactBase
from xiaomi_tui.facts.records import Claim, Money, Quantity, Text, Topic

__all__ = ["export", "markdown_cell", "markdown_table", "spreadsheet_cell"]

COLUMNS = ("id", "topic", "source", "value", "stance", "date", "para", "standing", "chain", "statement")


def export(facts: FactBase, sources: Iterable[str] | None, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(dump(facts, sources), indent=2, ensure_ascii=False) + "\n"
    rows = list(_rows(facts, sources))
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({column: spreadsheet_cell(value) for column, value in row.items()} for row in rows)
        return buffer.getvalue()
    if fmt == "markdown":
        return markdown_table(COLUMNS, [[row[column] for column in COLUMNS] for row in rows])
    raise ValueError(f"unknown export format {fmt!r}")


TABLE_SPECIALS = MARKDOWN_SPECIALS + "|!>&#$~"
"""In a table cell, also the pipe that ends the cell, and whatever else a renderer may read as syntax
(image bangs, entities, headings, math, strikethrough): a cell holds data, where a backslash costs nothing."""


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table of literal text, one line per row."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(markdown_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def markdown_cell(value: object) -> str:
    """A table cell that a Markdown renderer shows as the text it holds; a line break cannot end the row."""
    return markdown_text(" ".join(str(value).splitlines()), TABLE_SPECIALS)


_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run: text starting like a formula gets a leading quote (OWASP's
    rule for CSV injection). A plain number, negative ones included, is data, and stays as it is."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def _rows(facts: FactBase, sources: Iterable[str] | None):
    analysis = analyse(facts, sources)
    for claim in analysis.claims():
        topic = facts.topics[claim.topic]
        yield {
            "id": claim.id,
            "topic": topic.label,
            "source": claim.source,
            "value": format_claim_value(claim, topic),
            "stance": claim.stance.value,
            "date": claim.date.human() if claim.date else "",
            "para": claim.para,
            "standing": analysis.standings[claim.id].value,
            "chain": facts.chain_text(claim),
            "statement": claim.statement,
        }


def dump(facts: FactBase, sources: Iterable[str] | None) -> dict:
    """The fact base and its analysis over the sources in view, as plain JSON values."""
    analysis = analyse(facts, sources)
    meta = facts.data.meta
    return {
        "meta": {"title": meta.title, "as_of": _date(meta.as_of), "description": meta.description,
                 "curator": meta.curator, "sources_in_view": sorted(analysis.sources)},
        "sources": [{
            "id": source.id, "name": facts.source_name(source.id), "publisher": source.publisher,
            "title": source.title, "author": source.author, "published": _date(source.published), "url": source.url,
            "kind": source.kind, "language": source.language, "relays": source.relays, "notes": source.notes,
        } for source in facts.sources.values() if source.id in analysis.sources],
        "parties": [{
            "id": party.id, "name": party.name, "kind": party.kind.value, "role": party.role,
            "affiliation": party.affiliation, "organisation": facts.organisation_of(party.id).id,
            "author": party.author, "publisher": party.publisher, "title": party.title,
            "published": _date(party.published), "url": party.url,
        } for party in facts.parties.values()],
        "topics": [_topic(analysis, topic) for topic in facts.topics.values()],
        "claims": [_claim(facts, analysis, claim) for claim in analysis.claims()],
    }


def _topic(analysis: Analysis, topic: Topic) -> dict:
    found = analysis.topics[topic.id]
    return {
        "id": topic.id, "label": topic.label, "pane": topic.pane, "kind": topic.kind.value, "unit": topic.unit,
        "status": found.status.value, "reason": found.reason, "consensus": found.consensus if found.claims else None,
        "sources": sorted(found.sources), "origins": sorted(found.origins),
        "organisations": sorted(found.organisations), "inferred": found.inferred,
        "set_aside": [claim.id for claim in found.set_aside],
    }


def _claim(facts: FactBase, analysis: Analysis, claim: Claim) -> dict:
    topic = facts.topics[claim.topic]
    return {
        "id": claim.id, "topic": claim.topic, "source": claim.source, "statement": claim.statement,
        "origin": claim.origin, "origin_basis": claim.origin_basis, "basis": claim.basis, "via": list(claim.via),
        "organisation": facts.organisation_of(claim.origin).id, "stance": claim.stance.value,
        "value": _value(claim, topic), "value_text": format_claim_value(claim, topic),
        "date": _date(claim.date), "date_start": claim.date and claim.date.start.isoformat(),
        "date_end": claim.date and claim.date.end.isoformat(), "said": _date(claim.said), "para": claim.para,
        "standing": analysis.standings[claim.id].value,
        "disputed": claim.disputed and {"reason": claim.disputed.reason, "url": claim.disputed.url},
        "superseded": claim.superseded and {"by": claim.superseded.by, "reason": claim.superseded.reason},
        "note": claim.note,
    }


def _value(claim: Claim, topic: Topic) -> object:
    """Numbers as numbers (`min`/`max`, either may be null for an open range), text as text, flags as booleans."""
    value = claim.value
    if isinstance(value, Money):
        return {"min": value.min, "max": value.max, "currency": value.currency, "approx": value.approx}
    if isinstance(value, Quantity):
        return {"min": value.min, "max": value.max, "unit": value.unit or topic.unit, "approx": value.approx}
    if isinstance(value, Text):
        return value.text
    return None if value is None else value.flag


def _date(value: FuzzyDate | None) -> str | None:
    """As written in the fact base ("2024-H1"), so its precision survives."""
    return None if value is None else value.text
