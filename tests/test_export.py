"""Exports stay data: Markdown renders fact text as text, a spreadsheet opening the CSV runs nothing, and each
CSV column and JSON key holds one kind of thing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from helpers import HOSTILE_STATEMENTS, hostile_facts
from markdown_it import MarkdownIt

from xiaomi_tui.facts.export.brief import brief
from xiaomi_tui.facts.export.tables import COLUMNS, CSV_COLUMNS, dump, export, spreadsheet_cell
from xiaomi_tui.facts.load.loader import bundled_facts_path, load, loads
from xiaomi_tui.facts.model.factbase import FactBase


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


def test_the_plain_csv_adds_no_character_a_data_tool_reads_and_the_spreadsheet_flavour_marks_dates(
        small_facts: FactBase) -> None:
    """pandas (like polars and duckdb) read the leading ' that marks a date as text for a spreadsheet as part of
    the value: 141 cells of the bundled base. Only the spreadsheet flavour has it."""
    data = pd.read_csv(io.StringIO(export(load(bundled_facts_path()), None, "csv")), dtype=str)
    assert not [value for column in data for value in data[column].dropna() if value.startswith("'")]
    assert "15 Nov 2023" in set(data["said"])
    assert csv_rows(small_facts)["alpha-mass-production-dec"]["said"] == "15 Nov 2023"
    assert csv_rows(small_facts, spreadsheet=True)["alpha-mass-production-dec"]["said"] == "'15 Nov 2023"


def csv_rows(facts: FactBase, spreadsheet: bool = False) -> dict[str, dict[str, str]]:
    reader = csv.DictReader(io.StringIO(export(facts, None, "csv", spreadsheet=spreadsheet)))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    return {row["id"]: row for row in reader}


def test_csv_has_ids_beside_names_iso_days_and_the_value_as_a_number(small_facts: FactBase) -> None:
    rows = csv_rows(small_facts, spreadsheet=True)

    assert {column: rows["alpha-mass-production-dec"][column] for column in CSV_COLUMNS[:-2]} == {
        "id": "alpha-mass-production-dec", "topic": "Mass-production start", "topic_id": "mass-production",
        "source": "alpha", "origin": "a person familiar with the matter", "origin_id": "insider",
        "origin_basis": "stated", "url": "https://alpha.example/maker-december", "value": "'Dec 2023",
        "value_number": "", "value_unit": "", "stance": "plan", "date": "'Dec 2023", "date_start": "2023-12-01",
        "date_end": "2023-12-31", "said": "'15 Nov 2023", "said_start": "2023-11-15", "said_end": "2023-11-15",
        "para": "2", "standing": "conflict",
    }
    assert [rows["alpha-investment"][key] for key in ("value", "value_number", "value_unit")] == [
        "RMB 10 bn", "10000000000", "CNY"]
    assert [rows["gamma-capacity"][key] for key in ("value", "value_number", "value_unit", "url")] == [
        "300,000 vehicles/year", "300000", "vehicles/year", ""]
    price = rows["alpha-price"]  # a range is no one number
    assert [price[key] for key in ("value", "value_number", "value_unit")] == ["below RMB 300,000", "", ""]


@pytest.mark.parametrize(("written", "cell"), [
    # The forms a spreadsheet reads as a date or a number carry the quote that keeps them text...
    ("2023-11-08", "'8 Nov 2023"), ("2023-11", "'Nov 2023"), ("2024", "'2024"),
    # ...the others are text to any spreadsheet already.
    ("2024-H1", "H1 2024"), ("2024-Q3", "Q3 2024"), ("late-2021-11", "late Nov 2021"), ("early-2024", "early 2024"),
])
def test_a_date_as_people_say_it_stays_text_in_a_spreadsheet(small_facts_path, written: str, cell: str) -> None:
    text = small_facts_path.read_text(encoding="utf-8").replace('date = "2023-12"', f'date = "{written}"', 1)
    row = csv_rows(loads(text, "dated.toml"), spreadsheet=True)["alpha-mass-production-dec"]

    assert (row["date"], row["value"]) == (cell, cell)


def test_json_value_has_one_shape_per_kind_and_a_flat_number(small_facts: FactBase) -> None:
    claims = {claim["id"]: claim for claim in dump(small_facts, None)["claims"]}

    assert claims["alpha-investment"]["value"] == {"min": 10e9, "max": 10e9, "currency": "CNY", "approx": False}
    assert claims["alpha-investment"]["value_number"] == 10e9
    assert claims["gamma-capacity"]["value"] == {"min": 300000, "max": 300000, "unit": "vehicles/year",
                                                 "approx": False}
    assert claims["alpha-price"]["value"] == {"min": None, "max": 300000, "currency": "CNY", "approx": False}
    assert claims["alpha-price"]["value_number"] is None
    assert claims["alpha-body"]["value"] == {"text": "sedan"}
    assert claims["alpha-body"]["value_number"] is None
    dated = claims["alpha-mass-production-dec"]
    assert (dated["value"], dated["value_text"]) == (None, "Dec 2023")  # a date topic's value is its `date`
    assert [dated[key] for key in ("said", "said_start", "said_end")] == ["2023-11-15", "2023-11-15", "2023-11-15"]


def test_json_flag_is_a_table_too(small_facts_path) -> None:
    text = small_facts_path.read_text(encoding="utf-8") + (
        '[[topics]]\nid = "approved"\nlabel = "Approved"\npane = "specs"\nkind = "flag"\n\n'
        '[[claims]]\nid = "alpha-approved"\ntopic = "approved"\nsource = "alpha"\nstatement = "It is approved."\n'
        'origin = "maker"\nvalue = true\npara = 4\n')
    claims = {claim["id"]: claim for claim in dump(loads(text, "flag.toml"), None)["claims"]}

    assert (claims["alpha-approved"]["value"], claims["alpha-approved"]["value_number"]) == ({"flag": True}, None)


def test_the_brief_says_an_agreement_on_an_inferred_origin_is_unconfirmed(small_facts_path: Path) -> None:
    inferred = 'origin = "analyst"\norigin_basis = "inferred"\nbasis = "ours"\nstance = "plan"'
    text = small_facts_path.read_text(encoding="utf-8")
    [line] = [line for line in brief(loads(text.replace('origin = "analyst"\nstance = "plan"', inferred)), None)[0]
              .splitlines() if line.startswith("- **Annual capacity**")]

    assert "(2 origins, 2 sources; 1 inferred; unconfirmed: 2 origins agree; 1 inferred)" in line
    assert "unconfirmed" not in brief(loads(text), None)[0]
