"""Exports stay data: Markdown renders fact text as text, and a spreadsheet opening the CSV runs nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from xiaomi_tui.facts.export import COLUMNS, export, spreadsheet_cell
from xiaomi_tui.facts.loader import loads
from xiaomi_tui.facts.model import FactBase

FIXTURE = (Path(__file__).parent / "fixtures" / "small.toml").read_text(encoding="utf-8")

# Statement of each claim in the fixture -> what a hostile curator (or a pasted web page) puts there.
HOSTILE_STATEMENTS = {
    "alpha-body": "[x](javascript:alert(1)) and [ref][1] and <https://evil.example/autolink>",
    "alpha-looks": "<img src=x onerror=alert(1)> <script>alert(1)</script> <b>raw</b>",
    "gamma-looks": "![tracker](https://evil.example/pixel.png) &#x3C;b&#x3E; &amp; &copy;",
    "alpha-price": "# not a heading | not a cell *not emphasis* _nor this_ `nor code` ~~nor struck~~ \\[x]",
    "gamma-price": "=HYPERLINK(\"https://evil.example\",\"click\")",
    "alpha-capacity": "+cmd|' /C calc'!A0",
    "gamma-capacity": "-2+3+cmd|' /C calc'!A0",
    "alpha-approval": "@SUM(1+1)*cmd|' /C calc'!A0",
}


def hostile_facts() -> FactBase:
    text = FIXTURE
    for claim_id, statement in HOSTILE_STATEMENTS.items():
        start = text.index(f'id = "{claim_id}"')
        at = text.index("statement = ", start)
        end = text.index("\n", at)
        quoted = statement.replace("\\", "\\\\").replace('"', '\\"')
        text = text[:at] + f'statement = "{quoted}"' + text[end:]
    text = text.replace('label = "Body style"', 'label = "=1+1 [Body](https://evil.example) style"')
    return loads(text, "hostile.toml")


def test_markdown_export_renders_fact_text_as_text_only() -> None:
    facts = hostile_facts()
    rendered = MarkdownIt("commonmark").enable("table").parse(export(facts, None, "markdown"))

    kinds = {token.type for token in rendered} | {child.type for token in rendered for child in token.children or ()}
    assert not kinds & {"link_open", "image", "html_inline", "html_block", "heading_open", "em_open", "strong_open",
                        "code_inline", "s_open"}
    rows = [token for token in rendered if token.type == "inline"]
    cells = [rows[index:index + len(COLUMNS)] for index in range(0, len(rows), len(COLUMNS))]
    assert [cell.content for cell in cells[0]] == list(COLUMNS)
    shown = {row[0].content: row for row in cells[1:]}
    assert len(shown) == len(facts.claims)
    for claim_id, statement in HOSTILE_STATEMENTS.items():
        cell = shown[claim_id][COLUMNS.index("statement")]
        assert "".join(child.content for child in cell.children) == statement  # exactly the text, nothing lost
    assert "".join(child.content for child in shown["alpha-body"][COLUMNS.index("topic")].children) == (
        "=1+1 [Body](https://evil.example) style")


def test_csv_export_neutralises_cells_a_spreadsheet_would_run() -> None:
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(export(hostile_facts(), None, "csv")))}

    assert rows["gamma-price"]["statement"] == "'=HYPERLINK(\"https://evil.example\",\"click\")"
    assert rows["alpha-capacity"]["statement"] == "'+cmd|' /C calc'!A0"
    assert rows["gamma-capacity"]["statement"] == "'-2+3+cmd|' /C calc'!A0"
    assert rows["alpha-approval"]["statement"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert rows["alpha-body"]["topic"] == "'=1+1 [Body](https://evil.example) style"
    assert rows["alpha-looks"]["statement"].startswith("<img")  # nothing to neutralise
    assert rows["alpha-body"]["para"] == "3"
    starts = [cell[:1] for row in rows.values() for cell in row.values()]
    assert not set(starts) & {"=", "+", "@", "\t", "\r"}


@pytest.mark.parametrize(("value", "cell"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("@A1", "'@A1"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("-1+1", "'-1+1"), ("-5 vehicles/year", "'-5 vehicles/year"), ("-inf", "'-inf"),
    # A plain number is data: a negative one is read as a number by every spreadsheet and runs nothing.
    ("-3", "-3"), ("-0.5", "-0.5"), (-3, -3), (3, 3), ("sedan", "sedan"), ("", ""),
])
def test_a_cell_starting_like_a_formula_gets_a_quote_but_a_negative_number_stays(value, cell) -> None:
    assert spreadsheet_cell(value) == cell
