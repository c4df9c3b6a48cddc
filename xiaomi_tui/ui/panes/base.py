"""A pane is one tab: one or more fact tables rebuilt from the current `View`."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from xiaomi_tui.ui.view import Selection, View
from xiaomi_tui.ui.widgets.fact_table import Column, FactTable, Row


class Pane(Vertical):
    """Subclasses give `COLUMNS` and `rows(view)`; the base shows them in one table."""

    COLUMNS: list[Column] = []
    EMPTY = "Nothing here for the sources in view."

    def compose(self) -> ComposeResult:
        yield FactTable(self.COLUMNS, self.EMPTY, id=f"{self.id}-table")

    def rows(self, view: View) -> list[Row]:
        raise NotImplementedError

    def show_view(self, view: View) -> None:
        self.query_one(FactTable).show_rows(self.rows(view))

    @property
    def selection(self) -> Selection | None:
        focused = self.screen.focused
        if isinstance(focused, FactTable) and focused in self.query(FactTable):
            return focused.selection
        return self.query_one(FactTable).selection

    def focus_table(self) -> None:
        self.query(FactTable).first().focus()
