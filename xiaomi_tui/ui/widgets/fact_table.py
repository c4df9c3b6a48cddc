"""A table of facts that draws only the rows on screen.

Textual's DataTable measures every cell of every row it is given; at ten thousand claims that
makes each filter change take a second. Here rows are cheap records whose cells are built when
first drawn (or measured: see columns.py, which sizes the columns), and `render_line` draws what is
visible: a rebuild costs the rows' records and a sample's cells, not their rendering.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from xiaomi_tui.ui.keys import TABLE_KEYS
from xiaomi_tui.ui.view import Selection
from xiaomi_tui.ui.widgets.columns import Column, fit_widths, natural_widths, table_width
from xiaomi_tui.ui.widgets.sorting import SortOrder, column_at
from xiaomi_tui.ui.widgets.table_rows import Row, cells_line, sentence_line

CONTEXT_ROWS = 3
"""Rows kept visible above a cursor placed by the program rather than by the user."""


class FactTable(ScrollView, can_focus=True):
    """Rows are `Row`s; the app hears `SelectionChanged` when the cursor moves and `Opened` on enter."""

    BINDINGS = [*TABLE_KEYS]

    COMPONENT_CLASSES = {"fact-table--header", "fact-table--cursor", "fact-table--odd"}

    cursor_row: reactive[int] = reactive(0, always_update=False, repaint=False)

    class SelectionChanged(Message):
        def __init__(self, table: FactTable, selection: Selection | None):
            super().__init__()
            self.table = table
            self.selection = selection

    class Opened(Message):
        def __init__(self, selection: Selection):
            super().__init__()
            self.selection = selection

    class Copy(Message):
        """`w` or `W`: text of the table for the app's clipboard flow, and what it is."""

        def __init__(self, text: str, what: str):
            super().__init__()
            self.text = text
            self.what = what

    class OpenUrl(Message):
        """`u`: the app opens the page of the row's source."""

        def __init__(self, selection: Selection):
            super().__init__()
            self.selection = selection

    def __init__(self, columns: Sequence[Column], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._columns = list(columns)
        self._widest: Sequence[int] = ()  # each column's widest cell, as the pane measured its rows
        self._natural = natural_widths(self._columns, self._widest)
        self._widths: list[int | None] = []
        self._fitted_width: int | None = None  # the width `_widths` were fitted to
        self._rows: list[Row] = []
        self.empty_text = ""
        self._strips: dict[tuple[int, bool], Strip] = {}
        self._pending_home: int | None = None
        self._focus_on_show = False
        self._given: list[Row] = []  # the rows in the pane's own order
        self.row_order = SortOrder()
        self.sort_column: int | None = None  # the column `S` sorts by (the first until `<`, `>` or a click
        # picks one, from when on it is underlined in the header while the table has focus)

    # -- data ---------------------------------------------------------------------------------

    @property
    def selection(self) -> Selection | None:
        return self.selection_at(self.cursor_row)

    def selection_at(self, index: int) -> Selection | None:
        """What row `index` stands for, or None past the rows."""
        if not 0 <= index < len(self._rows):
            return None
        return self._rows[index].selection

    @property
    def rows(self) -> Sequence[Row]:
        return self._rows

    @property
    def columns(self) -> Sequence[Column]:
        return self._columns

    def selections(self) -> list[Selection]:
        """What each row stands for, in the order shown (the palette's "Export view" follows it)."""
        return [row.selection for row in self._rows]

    def show_rows(self, rows: list[Row], empty: str, columns: Sequence[Column] | None = None, home: int = 0,
                  widest: Sequence[int] = ()) -> None:
        """Replace every row and keep the cursor on the same thing; `empty` is the sentence shown when none.

        `home` is where the cursor goes when what it was on is gone (or on the first showing); `widest` is each
        column's widest cell over the pane's first rows (`Shown.widest_cells`), so that a sort never changes them.
        """
        previous = self.selection
        if columns is not None:
            self._columns = list(columns)
            self.sort_column = None if self.sort_column is None else min(self.sort_column, len(self._columns) - 1)
        self._given = rows
        self._widest = widest
        self.empty_text = empty
        self._rows = self._ordered(rows)
        if self.row_order.column is not None and 0 <= home < len(rows):  # home was a row of the pane's order
            home = next(index for index, row in enumerate(self._rows) if row is rows[home])
        self._measure()
        self._set_virtual_size()
        kept = next((index for index, row in enumerate(self._rows) if row.selection == previous), None)
        if kept is None:
            self._pending_home = home
            self.set_reactive(FactTable.cursor_row, max(0, min(home, len(self._rows) - 1)))
            self._go_home()
        else:
            self.set_reactive(FactTable.cursor_row, kept)
            self._scroll_to_cursor()
        self.post_message(self.SelectionChanged(self, self.selection))

    # -- geometry -------------------------------------------------------------------------------

    def _fit_columns(self, width: int) -> None:
        """Called when a line is drawn at a new width, so a resize costs a redraw, never a relayout."""
        self._fitted_width = width
        # Leave room for the vertical scrollbar whether or not it shows, so widths never flip-flop.
        self._widths = fit_widths(self._columns, self._natural, width - self.styles.scrollbar_size_vertical)
        self._strips.clear()

    def _set_virtual_size(self) -> None:
        """As wide as the columns at their narrowest: wider terminals give them room, narrower ones scroll.

        Unless its height follows its rows (`auto`, below its maximum), the table's size does not
        depend on them, so a new row count needs no layout of the screen (which Textual runs a frame
        later, and repaints the scrollbar a frame after that): the scrollbar is updated at once, in
        the same frame as the rows.
        """
        narrowest = table_width(fit_widths(self._columns, self._natural, 0))
        size = Size(narrowest, max(1, len(self._rows)) + 1)
        if size != self.virtual_size:
            height = self.styles.height
            shown = self.size.height
            capped = self.virtual_size.height > shown and size.height > shown  # at its maximum, before and after
            if height is not None and height.is_auto and not capped:
                self.virtual_size = size  # the height follows the rows: that takes a layout
            else:
                self.set_reactive(FactTable.virtual_size, size)
                self._scroll_update(size)  # private, and the only such call: see test_app's guard on it
        self._fitted_width = None
        self.refresh()

    @property
    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def on_resize(self) -> None:
        self._go_home()
        if self._pending_home is None:
            self._scroll_to_cursor()  # a shorter table must still show the row the cursor is on

    def _go_home(self) -> None:
        """Show the home row near the top with a little context above, once the table has a size."""
        if self._pending_home is None or not self.size.height:
            return
        home, shown = self._pending_home, self._visible_rows
        top = max(min(max(0, home - CONTEXT_ROWS), max(0, len(self._rows) - shown)), home - shown + 1)
        self.scroll_to(y=top, animate=False, immediate=True)
        if self.scroll_y == top:  # until layout settles the scroll can be refused: try again on idle
            self._pending_home = None

    def on_idle(self) -> None:
        self._go_home()

    def _scroll_to_cursor(self) -> None:
        top = int(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + self._visible_rows:
            self.scroll_to(y=self.cursor_row - self._visible_rows + 1, animate=False, immediate=True)

    # -- cursor ---------------------------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        self.cursor_row = max(0, min(row, len(self._rows) - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._strips.pop((old, True), None)
        self._strips.pop((new, False), None)
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.SelectionChanged(self, self.selection))

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + self._visible_rows)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - self._visible_rows)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._rows) - 1)

    def action_open(self) -> None:
        selection = self.selection
        if selection and (selection.topic_id or selection.claim_id or selection.source_id):
            self.post_message(self.Opened(selection))

    def action_copy_cell(self) -> None:
        cells = self._rows[self.cursor_row].texts() if 0 <= self.cursor_row < len(self._rows) else []
        column = self.sort_column or 0
        if column < len(cells):
            self.post_message(self.Copy(cells[column].plain, f"the {self._columns[column].label or 'marks'} cell"))

    def action_copy_row(self) -> None:
        if 0 <= self.cursor_row < len(self._rows):
            self.post_message(self.Copy(" | ".join(cell.plain for cell in self._rows[self.cursor_row].texts()), "the row"))

    def action_open_url(self) -> None:
        if self.selection is not None:
            self.post_message(self.OpenUrl(self.selection))

    # -- sorting ------------------------------------------------------------------------------

    def sort_by(self, column: int) -> None:
        """Sort by `column`: ascending, again descending, a third time the pane's own order; the cursor
        stays on the row it was on."""
        if not 0 <= column < len(self._columns):
            return
        self.row_order = self.row_order.pressed(column)
        self.sort_column = column
        previous = self.selection
        self._rows = self._ordered(self._given)
        self.set_reactive(FactTable.cursor_row, next(
            (index for index, row in enumerate(self._rows) if row.selection == previous), 0))
        self._measure()
        self._set_virtual_size()
        self._strips.clear()
        self._scroll_to_cursor()

    def _ordered(self, rows: list[Row]) -> list[Row]:
        column = self.row_order.column
        in_order = column is not None and column < len(self._columns) and self._columns[column].in_order
        return self.row_order.apply(rows, Row.texts, in_order, depth=lambda row: row.depth)

    def _measure(self) -> None:
        """Natural widths: the widest cells, or the labels with the sorted one's arrow, so it is never cut."""
        labelled = [replace(column, label=self.row_order.label(index, column.label))
                    for index, column in enumerate(self._columns)]
        self._natural = natural_widths(labelled, self._widest)

    def action_sort(self) -> None:
        self.sort_by(self.sort_column or 0)

    def action_sort_column(self, step: int) -> None:
        current = self.sort_column if self.sort_column is not None else -1 if step > 0 else len(self._columns)
        self.sort_column = max(0, min(len(self._columns) - 1, current + step))
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            column = column_at(event.x + int(self.scroll_x), self._widths)
            if column is not None:
                self.sort_by(column)
            return
        self.move_cursor(int(self.scroll_y) + event.y - 1)
        if event.chain > 1:
            self.action_open()

    def on_focus(self) -> None:
        self._strips.clear()
        self.post_message(self.SelectionChanged(self, self.selection))

    def on_blur(self) -> None:
        self._strips.clear()

    def on_hide(self) -> None:
        """Runs before Textual's own Hide handler, which takes the focus away: note that we had it.

        Below the minimum size the panes are hidden (see app.tcss); without this, j, k and tab did
        nothing once the terminal was large again, until a pane key gave a table the focus back.
        """
        self._focus_on_show = self.has_focus

    def on_show(self) -> None:
        if self._focus_on_show and self.screen.focused is None:
            self.focus()
        self._focus_on_show = False

    # -- drawing --------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        if self.size.width != self._fitted_width:
            self._fit_columns(self.size.width)
        if y == 0:
            strip = self._line(self._header(), self.get_component_rich_style("fact-table--header"))
        elif not self._rows:
            return sentence_line(self.app.console, self.empty_text, y - 1, width, self.rich_style)
        else:
            index = scroll_y + y - 1
            if index >= len(self._rows):
                return Strip.blank(width, self.rich_style)
            strip = self._row_strip(index)
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)

    def _header(self) -> list[Text]:
        """Each label, the sorted one with its arrow; the column `S` would sort underlined while focused."""
        return [Text(self.row_order.label(index, column.label),
                     style="underline" if index == self.sort_column and self.has_focus else "")
                for index, column in enumerate(self._columns)]

    def _row_strip(self, index: int) -> Strip:
        cursor = index == self.cursor_row
        key = (index, cursor)
        strip = self._strips.get(key)
        if strip is None:
            style = self.rich_style
            if index % 2:
                style += self.get_component_rich_style("fact-table--odd")
            if cursor:
                style += self.get_component_rich_style("fact-table--cursor")
            strip = self._strips[key] = self._line(self._rows[index].texts(), style)
        return strip

    def _line(self, cells: Sequence[Text], style: Style) -> Strip:
        return cells_line(self.app.console, cells, self._widths, style)
