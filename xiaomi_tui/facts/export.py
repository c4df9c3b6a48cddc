"""Every claim in view as JSON, CSV or a Markdown table, for spreadsheets and drafts."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence

from xiaomi_tui.facts.compare import analyse
from xiaomi_tui.facts.formatting import format_claim_value
from xiaomi_tui.facts.model import FactBase

__all__ = ["export", "markdown_cell", "markdown_table", "spreadsheet_cell"]

COLUMNS = ("id", "topic", "source", "value", "stance", "date", "para", "standing", "chain", "statement")


def export(facts: FactBase, sources: Iterable[str] | None, fmt: str) -> str:
    rows = list(_rows(facts, sources))
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({column: spreadsheet_cell(value) for column, value in row.items()} for row in rows)
        return buffer.getvalue()
    if fmt == "markdown":
        return markdown_table(COLUMNS, [[row[column] for column in COLUMNS] for row in rows])
    raise ValueError(f"unknown export format {fmt!r}")


_MARKDOWN_SYNTAX = re.compile(r"([\\`*_~\[\]<>!|&#$])")
"""What could make a cell more than text: links and images (`[`, `]`, `!`), raw HTML and autolinks (`<`),
entities (`&`), code, emphasis and strikethrough, the table's own pipes, and backslash itself."""


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table of literal text, one line per row."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(markdown_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def markdown_cell(value: object) -> str:
    """A table cell that a Markdown renderer shows as the text it holds: every character that starts syntax
    is backslash-escaped (CommonMark lets any ASCII punctuation be), and a line break cannot end the row."""
    return _MARKDOWN_SYNTAX.sub(r"\\\1", " ".join(str(value).splitlines()))


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
