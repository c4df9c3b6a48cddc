"""The baseline for the first-frame benchmark: a plain Textual app with the dashboard's kinds of widgets.

Header, four tabs each holding a small DataTable, and a Footer, with no data loading or analysis, so
that the difference between it and `xiaomi-tui` is the project's own cost.

    python benchmarks/bare_app.py
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, TabbedContent, TabPane

TABS = ("Specs", "Timeline", "Investment", "Sources")
ROWS = [("Body style", "sedan", "single", "1"), ("Price", "RMB 299,000", "agree", "4"),
        ("Range (CLTC)", "668 km", "conflict", "3")]


class BareApp(App[None]):
    TITLE = "bare textual"
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent():
            for label in TABS:
                with TabPane(label):
                    yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        for table in self.query(DataTable):
            table.add_columns("Topic", "Value", "Status", "Src")
            table.add_rows(ROWS)


if __name__ == "__main__":
    BareApp().run()
