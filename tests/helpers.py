"""What several test files share: records built as the loader builds them, the app driven as a person would,
the CLI run in-process, and careful edits of a fixture's text."""

from __future__ import annotations

import asyncio
import io
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import pytest
from rich.console import Console
from textual import events
from textual.widgets import Input, OptionList

from xiaomi_tui.cli.main import main
from xiaomi_tui.facts.load.loader import bundled_facts_path, load, loads
from xiaomi_tui.facts.load.schema import validate
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.ui.app import XiaomiApp
from xiaomi_tui.ui.widgets.detail import DetailPanel
from xiaomi_tui.ui.widgets.fact_table import FactTable

Record = TypeVar("Record")


def examples(quick: int, thorough: int) -> int:
    """How many examples a slow property test draws: `quick` by default, `thorough` with `--thorough` or
    XIAOMI_TUI_THOROUGH=1 (before a release, or after a change to what it guards)."""
    return thorough if os.environ.get("XIAOMI_TUI_THOROUGH") else quick


def record(record_class: type[Record], /, **fields: Any) -> Record:
    """`record_class` validated from TOML-like fields: "2024-H1" becomes a date, a number a quantity."""
    return validate(fields, record_class)


SMALL = (Path(__file__).parent / "fixtures" / "small.toml").read_text(encoding="utf-8")

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
    text = SMALL
    for claim_id, statement in HOSTILE_STATEMENTS.items():
        start = text.index(f'id = "{claim_id}"')
        at = text.index("statement = ", start)
        end = text.index("\n", at)
        quoted = statement.replace("\\", "\\\\").replace('"', '\\"')
        text = text[:at] + f'statement = "{quoted}"' + text[end:]
    text = text.replace('label = "Body style"', 'label = "=1+1 [Body](https://evil.example) style"')
    return loads(text, "hostile.toml")


def cell_texts(table: Any, index: int) -> list[str]:
    """The plain text of each cell of a fact table's row `index`."""
    return [cell.plain for cell in table.rows[index].texts()]
# -- the app ------------------------------------------------------------------------------------

SIZE = (120, 40)


def watched_copy(facts_path: Path, folder: Path) -> tuple[Path, XiaomiApp]:
    """A copy of a fact base to edit, and a dashboard that reloads it when it changes."""
    path = folder / "facts.toml"
    path.write_bytes(facts_path.read_bytes())
    return path, make_app(load(path), watch=True)


async def exported(app: XiaomiApp, pilot, folder: Path, pattern: str) -> str:
    """The text of the file a palette export wrote: Textual writes it in a thread of its own, then reports."""
    while not any(note.title == "Export" for note in app._notifications):
        await pilot.pause(0.05)
    [written] = folder.glob(pattern)
    return written.read_text(encoding="utf-8")


def make_app(facts, **options) -> XiaomiApp:
    return XiaomiApp(facts, watch=options.pop("watch", False), **options)


def table(app: XiaomiApp, pane_id: str) -> FactTable:
    """The pane's table; the Sources pane's tables are named `sources-list` and `sources-matrix`."""
    return app.query_one(f"#{pane_id}" if pane_id.startswith("sources-") else f"#{pane_id}-table", FactTable)


def row_texts(app: XiaomiApp, pane_id: str, column: int = 0) -> list[str]:
    data = table(app, pane_id)
    return [cell_texts(data, index)[column] for index in range(len(data.rows))]


def listed_claims(app: XiaomiApp) -> list[str | None]:
    """The claims the detail screen lists, by id, in order."""
    options = app.screen.query_one("#detail-claims", OptionList)
    return [options.get_option_at_index(index).id for index in range(options.option_count)]


def detail_text(app: XiaomiApp) -> str:
    return text_of(app.query_one(DetailPanel).renderable)


def text_of(renderable: Any) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def drawn(widget: Any) -> list[str]:
    """The lines a widget draws now, as the terminal shows them."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


@dataclass(frozen=True)
class Table:
    """One fact table as a walk found it: its column labels, every row's cells, the lines it drew and which rows."""

    labels: list[str]
    cells: list[list[str]]
    lines: list[str]
    shown: range


@dataclass
class Walk:
    """What the dashboard on the bundled fact base shows at one size: each pane's tables (by its key), the NDRC
    approval's provenance tree (its root's label and the first line drawn), and at `DETAILED` size the detail of
    the first rows of each table, the claims screen's tree over the first pane and the help."""

    tables: dict[str, list[Table]] = field(default_factory=dict)
    details: list[str] = field(default_factory=list)
    tree: Any = None
    help: str = ""
    ndrc_root: str = ""
    ndrc_first_line: str = ""


DETAILED = (200, 60)
"""The size whose walk also reads the detail of each table's first six rows, as the pane renders it for the panel."""


@cache
def walk(size: tuple[int, int]) -> Walk:
    """One walk per size, however many tests read it (the tests that ask for one share the xdist group "walk", so
    one worker walks): every pane, then (`DETAILED`) the claims screen and the help, and a provenance tree."""
    details = size == DETAILED
    from xiaomi_tui.ui.widgets.provenance import ProvenanceTree

    found = Walk()

    async def go() -> None:
        app = make_app(load(bundled_facts_path()))
        async with app.run_test(size=size) as pilot:
            for key in "123456":
                await pilot.press(key)
                await pilot.pause()
                tables = list(app.active_pane.query(FactTable))
                found.tables[key] = [
                    Table([column.label for column in table.columns],
                          [cell_texts(table, index) for index in range(len(table.rows))], drawn(table),
                          range(int(table.scroll_y), min(len(table.rows), int(table.scroll_y) + table.size.height - 1)))
                    for table in tables]
                if details:  # the panel as the pane opened, then what the pane makes of each table's first rows
                    found.details.append(detail_text(app))
                    found.details += [text_of(app.active_pane.render_detail(app.view, table.selection_at(index)))
                                      for table in tables for index in range(min(6, len(table.rows)))]
            if details:
                await pilot.press("1", "enter")  # the claims screen and its tree
                found.tree = app.screen.query_one(ProvenanceTree).root
                await pilot.press("escape", "question_mark")
                found.help = app.screen.query_one("Markdown").source
                await pilot.press("escape")
            await pilot.press("2", "slash", *"ndrc", "enter", "enter")
            tree = app.screen.query_one(ProvenanceTree)
            found.ndrc_root, found.ndrc_first_line = tree.root.label.plain, drawn(tree)[0]

    asyncio.run(go())
    return found


async def run_command(pilot, words: str) -> None:
    """Open the command palette, paste `words` (one search, where typing them searches once per letter, and
    Textual's fuzzy match of a long title costs a good part of a second per search on a busy machine), wait for
    the search to settle, and run the best match. Typing in the palette has tests of its own."""
    await pilot.press("ctrl+p")
    pilot.app.screen.query_one(Input).post_message(events.Paste(words))
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


# -- the command line and fixture text ----------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def edit(text: str, old: str, new: str) -> str:
    """Replace a snippet that must occur exactly once, so a stale edit fails loudly instead of passing."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in the fixture"
    return text.replace(old, new)


def line_of(text: str, snippet: str) -> int:
    """The 1-based line on which a snippet that occurs exactly once starts."""
    assert text.count(snippet) == 1, f"{snippet!r} occurs {text.count(snippet)} times"
    return text[: text.index(snippet)].count("\n") + 1


def without_claim(text: str, claim_id: str) -> str:
    """The fact base's text with one claim's block taken out."""
    start = text.index(f'[[claims]]\nid = "{claim_id}"\n')
    end = text.find("[[claims]]", start + 1)
    return text[:start] + (text[end:] if end != -1 else "")


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    """Whether `condition` held within `timeout` seconds, asked every tenth of one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()
