"""A DataTable of facts whose rows map to selections, rebuilt whole and with the cursor kept in place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from xiaomi_tui.ui.view import Selection


@dataclass(frozen=True)
class Column:
    label: str
    width: int | None = None  # None: takes the room the others leave
    minimum: int = 12


@dataclass(frozen=True)
class Row:
    cells: Sequence[Text]
    selection: Selection


class FactTable(DataTable):
    """Rows are `Row`s; the app hears `SelectionChanged` when the cursor moves and `Opened` on enter."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g,home", "scroll_top", "Top", show=False),
        Binding("G,end", "scroll_bottom", "Bottom", show=False),
    ]

    class SelectionChanged(Message):
        def __init__(self, table: FactTable, selection: Selection | None):
            super().__init__()
            self.table = table
            self.selection = selection

    class Opened(Message):
        def __init__(self, selection: Selection):
            super().__init__()
            self.selection = selection

    def __init__(self, columns: Sequence[Column], empty_text: str, **kwargs):
        super().__init__(cursor_type="row", zebra_stripes=True, cursor_foreground_priority="renderable", **kwargs)
        self._columns_spec = list(columns)
        self._rows: list[Row] = []
        self._empty_text = empty_text
        self._laid_out_width = 0

    @property
    def selection(self) -> Selection | None:
        if not self._rows or not 0 <= self.cursor_row < len(self._rows):
            return None
        return self._rows[self.cursor_row].selection

    def show_rows(self, rows: list[Row], columns: Sequence[Column] | None = None) -> None:
        """Replace every row at once (one layout, not one per row) and keep the cursor on the same thing."""
        previous = self.selection
        relayout = not self.columns
        if columns is not None and list(columns) != self._columns_spec:
            self._columns_spec, relayout = list(columns), True
        self._rows = rows or [Row([Text(self._empty_text, style="italic")], Selection())]
        self._ensure_columns(force=relayout)
        self.clear()
        self.add_rows(row.cells for row in self._rows)
        target = next((index for index, row in enumerate(self._rows) if row.selection == previous), 0)
        self.move_cursor(row=target, animate=False)
        self.post_message(self.SelectionChanged(self, self.selection))

    def on_resize(self) -> None:
        if self.columns and self._flex_width() != self._laid_out_width:
            self._ensure_columns(force=True)
            self.clear()
            self.add_rows(row.cells for row in self._rows)

    def _flex_width(self) -> int:
        fixed = sum((column.width or 0) + 2 for column in self._columns_spec)
        flexible = sum(1 for column in self._columns_spec if column.width is None) or 1
        room = (self.size.width or 80) - fixed - 2 * flexible - 1
        return max(min(column.minimum for column in self._columns_spec), room // flexible)

    def _ensure_columns(self, force: bool) -> None:
        if not force:
            return
        self.clear(columns=True)
        self._laid_out_width = self._flex_width()
        for column in self._columns_spec:
            self.add_column(column.label, width=column.width or max(column.minimum, self._laid_out_width))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.SelectionChanged(self, self.selection))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.selection and (self.selection.topic_id or self.selection.claim_id):
            self.post_message(self.Opened(self.selection))
