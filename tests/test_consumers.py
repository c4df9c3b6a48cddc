"""The exports and the schema, read by the tools at the other end: LibreOffice Calc opens the CSV, pandas loads
the JSON, taplo (the TOML engine behind the common editor extensions) checks a fact base against its schema, and
Chromium reads the ClaimReview JSON-LD back from a page that embeds it.

LibreOffice runs once per session (one `soffice` converting both files, in a profile of its own so it never
hands the work to another running instance), told to read like a spreadsheet that guesses types: detect dates
and special numbers, evaluate formulas. The charset is given as UTF-8, which LibreOffice's import dialog picks
from the byte-order mark; `soffice --convert-to` without options assumes Windows-1252, BOM or not.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from datetime import datetime
from pathlib import Path
from typing import Any

import jsonschema
import pandas as pd
import pytest
import test_fuzzydate
import tomllib
from helpers import SMALL, hostile_facts
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from playwright.sync_api import sync_playwright
from served import CHROMIUM, launch_chromium
from test_loader import RECORD_PROBLEMS

from xiaomi_tui.cli.main import main
from xiaomi_tui.facts.export.claimreview import claim_reviews
from xiaomi_tui.facts.export.tables import BOM, CSV_COLUMNS, export
from xiaomi_tui.facts.load.loader import FactsError, bundled_facts_path, load, loads
from xiaomi_tui.facts.load.schema import SCHEMA_FILE, json_schema
from xiaomi_tui.facts.outcomes.verdicts import score

SOFFICE = shutil.which("soffice")
TAPLO = Path(sysconfig.get_path("scripts")) / "taplo"

AS_A_SPREADSHEET_GUESSES = "CSV:44,34,76,1,,1033,false,true,false,false,false,-1,true"
"""Comma, double quote, UTF-8, from line 1, en-US; quoted fields not forced to text, detect special numbers
(dates), evaluate formulas: LibreOffice's CSV filter options, in their documented order."""


def cli_output(*argv: str) -> bytes:
    """What the installed command writes, as bytes: the BOM as it reaches a file."""
    environment = {**os.environ, "XIAOMI_TUI_NO_CACHE": "1"}
    return subprocess.run([sys.executable, "-m", "xiaomi_tui", *argv], capture_output=True, check=True,
                          env=environment, timeout=60).stdout


# -- LibreOffice Calc ------------------------------------------------------------------------------


CALC = pytest.mark.xdist_group("calc")
"""Under xdist, every test that reads the sheets on one worker: Calc converts them once, not once per worker."""


@pytest.fixture(scope="session")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Worksheet]:
    if SOFFICE is None:
        pytest.skip("soffice is missing (.ci/run installs libreoffice-calc-nogui with apt-get)")
    folder = tmp_path_factory.mktemp("calc")
    (folder / "bundled.csv").write_bytes(cli_output("export", "--format", "csv", "--spreadsheet"))
    (folder / "hostile.csv").write_bytes((BOM + export(hostile_facts(), None, "csv", spreadsheet=True)).encode())
    subprocess.run([SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    f"--infilter={AS_A_SPREADSHEET_GUESSES}", "--convert-to", "xlsx", "bundled.csv", "hostile.csv"],
                   cwd=folder, capture_output=True, check=True, timeout=100)
    return {name: load_workbook(folder / f"{name}.xlsx").active for name in ("bundled", "hostile")}


def column(sheet: Worksheet, name: str) -> list[Any]:
    index = CSV_COLUMNS.index(name)
    return [row[index].value for row in sheet.iter_rows(min_row=2)]


@CALC
def test_calc_reads_the_bom_as_a_bom_and_every_character_as_written(sheets: dict[str, Worksheet]) -> None:
    sheet = sheets["bundled"]
    assert [cell.value for cell in sheet[1]] == list(CSV_COLUMNS)  # A1 is "id", not "ï»¿id" or "\ufeffid"
    values = column(sheet, "value")
    assert "about USD 1.37 bn" in values and "EUR 40,000\u201350,000" in values
    assert not [cell.value for row in sheet.iter_rows() for cell in row
                if isinstance(cell.value, str) and ("\u00e2" in cell.value or "\ufffd" in cell.value)]


@CALC
def test_calc_runs_no_formula_from_fact_text(sheets: dict[str, Worksheet]) -> None:
    cells = [cell for name in ("bundled", "hostile") for row in sheets[name].iter_rows() for cell in row]

    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert '\'=HYPERLINK("https://evil.example","click")' in column(sheets["hostile"], "statement")


@CALC
def test_calc_keeps_dates_as_people_say_them_as_text_and_reads_iso_days_as_dates(
        sheets: dict[str, Worksheet]) -> None:
    sheet = sheets["bundled"]
    dates = {value for name in ("date", "said") for value in column(sheet, name) if value is not None}
    assert {"'15 Nov 2023", "'Dec 2023", "H1 2024"} <= dates  # marked where a spreadsheet would take a date
    for name in ("date", "said"):
        assert all(isinstance(value, str) for value in column(sheet, name) if value is not None), name
    for name in ("date_start", "date_end", "said_start", "said_end"):
        days = [value for value in column(sheet, name) if value is not None]
        assert days and all(isinstance(value, datetime) for value in days), name
    numbers = [value for value in column(sheet, "value_number") if value is not None]
    assert 10e9 in numbers and all(isinstance(value, (int, float)) for value in numbers)


# -- pandas --------------------------------------------------------------------------------------


def test_pandas_reads_said_as_days_and_finds_one_column_per_value_key(capsys) -> None:
    assert main(["export", "--format", "json"]) == 0
    claims = pd.json_normalize(json.loads(capsys.readouterr().out)["claims"])

    said = pd.to_datetime(claims["said_start"])  # the as-typed `said` ("late-2021-11") is no day pandas reads
    known = said.notna()
    assert known.sum() == claims["said"].notna().sum() > 0
    assert (pd.to_datetime(claims["said_end"])[known] >= said[known]).all()
    assert claims["value_number"].dtype == "float64" and claims["value_number"].notna().any()
    value_columns = [name for name in claims.columns if name.startswith("value.")]
    assert {"value.min", "value.max", "value.text"} <= set(value_columns)
    for name in ["value", "value_number", *value_columns]:  # one type per column: no text beside tables
        assert claims[name].dropna().map(type).nunique() <= 1, name


# -- taplo and the schema ------------------------------------------------------------------------


def taplo_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(TAPLO), "check", "--no-auto-config", path.name], cwd=path.parent,
                          capture_output=True, text=True, timeout=60)


def test_the_checked_in_schema_is_what_the_schema_command_prints(capsys) -> None:
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert (bundled_facts_path().parent / SCHEMA_FILE).read_text(encoding="utf-8") == printed
    assert bundled_facts_path().read_text(encoding="utf-8").startswith(f"#:schema ./{SCHEMA_FILE}\n")


def test_taplo_accepts_the_bundled_fact_base_through_its_schema_line() -> None:
    result = taplo_check(bundled_facts_path())
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("pattern", "replacement", "says"), [
    (r"^para = ([0-9]+)$", r'para = "\1"', 'is not of type "integer"'),
    (r'^said = "[^"]*"$', 'said = "Nov 2023"', '"Nov 2023" does not match'),
    (r'^(\[\[claims\]\]\nid = ")', r"\1Not A Slug ", 'does not match "^[a-z0-9]'),
    (r"^para = ", "paragraph = ", "'paragraph' was unexpected"),
    (r'currency = "CNY"', 'currency = "RMB"', "is not valid under any of the schemas"),
    (r'^said = "[^"]*"$', 'said = "2023-13-45"', '"2023-13-45" does not match'),
    (r'^said = "[^"]*"$', 'said = "2023-H3"', '"2023-H3" does not match'),
    (r'^said = "[^"]*"$', 'said = "1899"', '"1899" does not match'),
    (r'^said = "[^"]*"$', 'said = "2201"', '"2201" does not match'),
    (r'^(statement = ")', r"\1a\\tb ", "does not match"),
    (r'^(statement = ")', r"\1\\u202e", "does not match"),
], ids=["para-as-text", "date-as-people-say-it", "id-off-pattern", "unknown-key", "unknown-currency", "no-such-day",
        "third-half", "year-1899", "year-2201", "tab-in-one-line-text", "bidi-override"])
def test_taplo_rejects_what_the_loader_rejects(tmp_path: Path, pattern: str, replacement: str, says: str) -> None:
    text, count = re.subn(pattern, replacement, bundled_facts_path().read_text(encoding="utf-8"), count=1,
                          flags=re.MULTILINE)
    assert count == 1
    (tmp_path / "facts.toml").write_text(text, encoding="utf-8")
    shutil.copy(bundled_facts_path().parent / SCHEMA_FILE, tmp_path / SCHEMA_FILE)

    result = taplo_check(tmp_path / "facts.toml")
    assert result.returncode != 0 and says in result.stderr
    with pytest.raises(FactsError):
        loads(text, "facts.toml")


CROSS_CHECKS = {"duplicate-claim-id", "dangling-topic", "dangling-source", "dangling-origin", "dangling-via",
                "dangling-via-no-close-match", "dangling-rate-source", "value-kind-not-topic-kind", "unit-mismatch",
                "date-topic-without-date", "min-above-max", "via-cycle", "rate-same-currency"}
"""The loader's refusals that need the whole file (ids that refer to records, values that fit their topic)."""
BEYOND_JSON = {"amount-nan", "para-as-float"}
"""Refusals of what JSON cannot hold (NaN) or tell apart (3.0 from 3: one number); taplo, reading TOML, does."""
DATE_REFUSALS = [text for mark in test_fuzzydate.test_invalid_dates_say_what_is_wrong.pytestmark
                 if mark.name == "parametrize" for text, _ in mark.args[1]]


@pytest.fixture(scope="module")
def schema_validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json_schema())


@pytest.mark.parametrize(("old", "new"), [
    *(pytest.param(*case.values[:2], id=case.id) for case in RECORD_PROBLEMS
      if case.id not in CROSS_CHECKS | BEYOND_JSON),
    *(pytest.param('date = "2023-12"', f'date = "{text}"', id=f"date-{text}") for text in DATE_REFUSALS),
])
def test_the_schema_refuses_what_the_loader_refuses_wherever_json_schema_can_say_it(
        schema_validator: jsonschema.Draft7Validator, old: str, new: str) -> None:
    """The loader's own refusal cases (tests/test_loader.py, tests/test_fuzzydate.py) through the schema: dates
    off the calendar or outside 1900-2200, halves and quarters that do not exist, line breaks, tabs, controls
    and bidi characters in one-line fields were accepted by taplo and check-jsonschema."""
    assert old in SMALL
    text = SMALL.replace(old, new, 1)
    with pytest.raises(FactsError):
        loads(text, "facts.toml")
    assert list(schema_validator.iter_errors(tomllib.loads(text)))


def test_the_schema_accepts_the_bundled_fact_base_and_the_zero_width_joiners(schema_validator) -> None:
    assert not list(schema_validator.iter_errors(tomllib.loads(bundled_facts_path().read_text(encoding="utf-8"))))
    joined = SMALL.replace('statement = "', 'statement = "\U0001F469\u200d\U0001F527 ', 1)
    assert not list(schema_validator.iter_errors(tomllib.loads(joined)))


# -- the X11 clipboard, under Xvfb -------------------------------------------------------------------


@pytest.fixture
def x_display() -> Any:
    """A display of our own (Xvfb picks a free number): no engineer's or user's clipboard is touched."""
    if not shutil.which("Xvfb") or not shutil.which("xclip"):
        pytest.skip("Xvfb or xclip is missing (.ci/run installs xvfb and xclip with apt-get)")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as numbers:
        display = ":" + numbers.readline().strip()
    yield display
    server.terminate()
    server.wait(timeout=10)


def test_a_copy_puts_html_with_the_container_in_italics_beside_plain_text_on_the_x11_clipboard(
        x_display: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from xiaomi_tui.facts.citations import cite
    from xiaomi_tui.io.clipboard import copy_to_system

    monkeypatch.setenv("DISPLAY", x_display)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    facts = load(bundled_facts_path())
    citation = cite(facts, next(claim for claim in facts.claims.values() if claim.source == "arenaev"), "mla")
    assert citation.html is not None

    assert copy_to_system(citation.text, citation.html).copied

    def pasted(target: str) -> str:
        return subprocess.run(["xclip", "-o", "-selection", "clipboard", "-t", target], capture_output=True,
                              text=True, timeout=10, check=True, env={**os.environ, "DISPLAY": x_display}).stdout
    assert {"text/html", "UTF8_STRING"} <= set(pasted("TARGETS").split())
    assert "<i>ArenaEV</i>, 4 Nov. 2023" in pasted("text/html")
    assert pasted("UTF8_STRING") == citation.text  # a terminal or a plain editor still gets plain text


def test_cite_copy_leaves_rich_text_on_the_x11_clipboard_after_it_exits(x_display: str) -> None:
    environment = {**os.environ, "DISPLAY": x_display, "XIAOMI_TUI_NO_CACHE": "1"}
    environment.pop("WAYLAND_DISPLAY", None)
    claim = next(claim for claim in load(bundled_facts_path()).claims.values() if claim.source == "arenaev")
    done = subprocess.run([sys.executable, "-m", "xiaomi_tui", "cite", "--copy", "--clipboard", "system", "--style",
                           "chicago", claim.id],
                          capture_output=True, text=True, timeout=60, env=environment, check=True)

    assert "rich text" in done.stderr
    html = subprocess.run(["xclip", "-o", "-selection", "clipboard", "-t", "text/html"], capture_output=True,
                          text=True, timeout=10, check=True, env=environment).stdout
    assert "<i>ArenaEV</i>, November 4, 2023" in html


# -- a web page that embeds the ClaimReview JSON-LD ----------------------------------------------

BREAKS_A_PAGE = '</script><script>document.title = "run"</script><!--'


def test_a_page_embedding_the_reviews_reads_them_back_whole(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (.ci/run installs it with apt-get)")
    text = bundled_facts_path().read_text(encoding="utf-8")
    curator = re.search(r'^curator = "(.*)"$', text, flags=re.MULTILINE)
    assert curator
    hostile = text.replace(curator.group(0), 'curator = "{}"'.format(BREAKS_A_PAGE.replace('"', '\\"')))
    reviews = claim_reviews(score(loads(hostile, "facts.toml")), review_url="https://example.org/reviews")
    assert BREAKS_A_PAGE in json.loads(reviews)["@graph"][0]["author"]["name"]
    page = f'<!doctype html><title>page</title><script type="application/ld+json">{reviews}</script>'

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            tab = browser.new_page()
            tab.set_content(page)
            title, scripts = tab.evaluate(
                "[document.title, [...document.scripts].map(script => [script.type, script.textContent])]")
        finally:
            browser.close()

    assert title == "page"  # no script of the fact base's ran
    assert [kind for kind, _ in scripts] == ["application/ld+json"]
    assert json.loads(scripts[0][1]) == json.loads(reviews)
