"""The baseline for the first-frame benchmark: a plain Textual app built from the dashboard's widgets.

What `xiaomi-tui` composes, with Textual's own widgets and a few rows of made-up data: a Header, a hidden banner
and a hidden too-small message (Statics), six tabs whose tables are DataTables (two on the Sources and Outcomes
tabs, as there), a detail panel under them (a VerticalScroll around a Static drawing a Rich group with a
label/value grid per claim, 14 rows high as at 120x40), a hidden search Input, and a Footer. No data loading,
analysis or widgets of our own, so that the difference between it and `xiaomi-tui` is the project's own cost.

    python benchmarks/bare_app.py
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Input, Static, TabbedContent, TabPane

TABS = {"Specs": 1, "Timeline": 1, "Investment": 1, "Sources": 2, "Outcomes": 2, "Company": 1}
ROWS = [("Body style", "sedan", "single", "1"), ("Price", "RMB 299,000", "agree", "4"),
        ("Range (CLTC)", "668 km", "conflict", "3")]
CSS = """
#body { height: 1fr; }
TabbedContent { height: 1fr; }
TabPane { padding: 0; }
DataTable { height: 1fr; border: round $panel; }
#detail { height: 14; border: round $panel; padding: 0 1; overflow-y: scroll; }
#banner, #too-small, Input { display: none; }
"""


def detail() -> Group:
    """What a detail panel shows: a topic, its status, and each claim with a grid of its fields."""
    parts: list[Text | Table] = [Text("Body style", style="bold"), Text("single  1 origin, 1 source")]
    for source in ("CnEVPost", "Pandaily"):
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", justify="right", no_wrap=True)
        grid.add_column(overflow="fold")
        for label, value in (("chain", f"Xiaomi via {source}"), ("stance", "reported"), ("when", "Dec 2023")):
            grid.add_row(label, Text(value))
        parts += [Text(""), Text(f"sedan  {source}, para. 3", style="bold"), grid]
    return Group(*parts)


class BareApp(App[None]):
    TITLE = "bare textual"
    CSS = CSS
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("banner", id="banner")
        yield Static("The terminal is too small.", id="too-small")
        with Vertical(id="body"):
            with TabbedContent():
                for label, tables in TABS.items():
                    with TabPane(label):
                        for _ in range(tables):
                            yield DataTable(cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="detail"):
                yield Static(detail())
        yield Input(placeholder="search")
        yield Footer()

    def on_mount(self) -> None:
        for table in self.query(DataTable):
            table.add_columns("Topic", "Value", "Status", "Src")
            table.add_rows(ROWS)


if __name__ == "__main__":
    BareApp().run()
