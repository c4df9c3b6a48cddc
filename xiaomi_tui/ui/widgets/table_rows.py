"""A fact table's rows: what each stands for, its cells made when first needed, and how one becomes a line.

Drawing is kept apart from the widget (fact_table.py, which scrolls, moves the cursor and sorts) and from the
widths (columns.py): a line is its cells cut to their columns' widths, a hidden column skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from xiaomi_tui.ui.view import Selection

NO_SELECTION = Selection()


class Row:
    """A row's selection, and its cells, or a function that makes them when the row is first drawn; `depth`
    above 0 makes it a child of the shallower row before it, which a sort keeps it under."""

    __slots__ = ("cells", "depth", "selection")

    def __init__(self, cells: Sequence[Text] | Callable[[], Sequence[Text]], selection: Selection = NO_SELECTION,
                 depth: int = 0):
        self.cells = cells
        self.selection = selection
        self.depth = depth

    def texts(self) -> Sequence[Text]:
        if callable(self.cells):
            self.cells = self.cells()
        return self.cells


def cells_line(console: Console, cells: Sequence[Text], widths: Sequence[int | None], style: Style) -> Strip:
    """One row (or the header): each cell cut with an ellipsis to its width and padded a cell either side."""
    line = Text(no_wrap=True, end="")
    for cell, width in zip(cells, widths):
        if width is None:  # hidden: the table is too narrow for what it only repeats
            continue
        fitted = cell.copy()
        fitted.truncate(width, overflow="ellipsis")
        fitted.align(cell.justify if cell.justify in ("left", "center", "right") else "left", width)
        line.append(" ")
        line.append_text(fitted)
        line.append(" ")
    return Strip(Segment.apply_style(line.render(console), style), line.cell_len)


def sentence_line(console: Console, sentence: str, index: int, width: int, style: Style) -> Strip:
    """Line `index` of a sentence across the whole table, wrapped, never in a column of its own: why it is empty."""
    lines = Text(sentence, style="italic").wrap(console, max(1, width - 2))
    if index >= len(lines):
        return Strip.blank(width, style)
    line = Text.assemble(" ", lines[index])
    return Strip(Segment.apply_style(line.render(console), style), line.cell_len).extend_cell_length(width, style)
