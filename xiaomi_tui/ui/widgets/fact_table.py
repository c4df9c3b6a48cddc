"""A DataTable of facts whose rows map to selections, rebuilt whole and with the cursor kept in place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.widgets import DataTable

from xiaomi_tui.ui.view import Selection


CONTEXT_ROWS = 3
"""Rows kept visible above a cursor placed by the program rather than by the user."""


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
        self._pending_home: int | None = None

    @property
    def selection(self) -> Selection | None:
        if not self._rows or not 0 <= self.cursor_row < len(self._rows):
            return None
        return self._rows[self.cursor_row].selection

    def show_rows(self, rows: list[Row], columns: Sequence[Column] | None = None, home: int = 0) -> None:
        """Replace every row at once (one layout, not one per row) and keep the cursor on the same thing.

        `home` is where the cursor goes when what it was on is gone (or on the first showing).
        """
        previous = self.selection
        relayout = not self.columns
        if columns is not None and list(columns) != self._columns_spec:
            self._columns_spec, relayout = list(columns), True
        self._rows = rows or [Row([Text(self._empty_text, style="italic")], Selection())]
        self._ensure_columns(force=relayout)
        self.clear()
        self.add_rows(row.cells for row in self._rows)
        kept = next((index for index, row in enumerate(self._rows) if row.selection == previous), None)
        if kept is None:
            self._pending_home = home
            self._go_home()
        else:
            self.move_cursor(row=kept, animate=False)
        self.post_message(self.SelectionChanged(self, self.selection))

    def _go_home(self) -> None:
        """Put the cursor on the home row, shown near the top with a little context above.

        A table shown for the first time has no size yet, so this waits for one. Rows are one line
        each, so the height they need is known now: setting it lets the scroll happen at once rather
        than after DataTable's own measuring, which would otherwise scroll the cursor to the bottom.
        """
        if self._pending_home is None or not self.size.height:
            return
        home = self._pending_home
        self._fit_virtual_height()
        top = min(max(0, home - CONTEXT_ROWS), max(0, self.row_count - (self.size.height - 1)))
        self.scroll_to(y=top, animate=False, immediate=True)
        if home != self.cursor_row:
            self.move_cursor(row=home, animate=False, scroll=False)
        if self.scroll_y == top:  # until layout settles the scroll can be refused: try again then
            self._pending_home = None

    def on_idle(self) -> None:
        self._go_home()

    def _fit_virtual_height(self) -> None:
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(self.virtual_size.width, self.row_count + header)

    def on_resize(self) -> None:
        """Give the flexible columns the new width, keeping the cursor where it was."""
        if self.columns and self._flex_width() != self._laid_out_width:
            cursor, offset = self.cursor_row, self.scroll_y
            self._ensure_columns(force=True)
            self.add_rows(row.cells for row in self._rows)
            self._fit_virtual_height()
            self.move_cursor(row=cursor, animate=False, scroll=False)
            self.scroll_to(y=offset, animate=False, immediate=True)
        self._go_home()

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

    def on_focus(self) -> None:
        self.post_message(self.SelectionChanged(self, self.selection))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.SelectionChanged(self, self.selection))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.selection and (self.selection.topic_id or self.selection.claim_id):
            self.post_message(self.Opened(self.selection))
