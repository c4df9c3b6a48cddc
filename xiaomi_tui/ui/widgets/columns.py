"""How a fact table's columns share its width: one rule for every pane.

A column is either whole (a status word, a count, a date: never cut, as wide as its widest cell) or
flexible (a label, a value: at least `minimum`, at most its widest cell). What is left after the whole
columns goes first to the row's name (the first flexible column), as long as the others keep up to twice their
minimum, then to the flexible ones, the least wanting first, so the room ends with what is long; room left
when each has its widest cell goes to those held to a `maximum`, never left blank beside a cut cell. When the
flexible columns would get less than twice their minimum, the columns marked `redundant` (a year beside
a date, bars beside the figures) are hidden; below that the table scrolls sideways. Nothing here knows
about Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.text import Text

PADDING = 2
"""One blank cell either side of every column."""

MEASURED_ROWS = 120
"""Widths are measured on this many rows: every row of the curated fact base (71 at most), a sample of a
synthetic one; each row measured is built in full, so at 10,000 claims 300 cost more than the toggle."""


@dataclass(frozen=True)
class Column:
    label: str
    minimum: int | None = None  # None: whole, never cut; else flexible, never narrower than this
    redundant: bool = False  # says again what another column says: hidden first when the table is narrow
    in_order: bool = False  # the pane's rows already go by it (the timeline's dates): a sort keeps or reverses that
    maximum: int | None = None  # a flexible column that never grows past this: one of many alike (a source's values)

    @property
    def whole(self) -> bool:
        return self.minimum is None


def widest_cells(rows: Iterable[Sequence[Text]]) -> list[int]:
    """Each column's widest cell over `rows`."""
    widths: list[int] = []
    for cells in rows:
        widths += [0] * (len(cells) - len(widths))
        for index, cell in enumerate(cells):
            widths[index] = max(widths[index], cell.cell_len)
    return widths


def natural_widths(columns: Sequence[Column], widest: Sequence[int]) -> list[int]:
    """Each column's widest cell (`widest_cells`) or its label, whichever is wider."""
    return [max(Text(column.label).cell_len, widest[index] if index < len(widest) else 0)
            for index, column in enumerate(columns)]


def fit_widths(columns: Sequence[Column], natural: Sequence[int], room: int) -> list[int | None]:
    """The width of each column in `room` cells, None for a column hidden because the table is narrow."""
    widest = list(natural)
    natural = [min(width, column.maximum or width) for width, column in zip(natural, columns)]
    shown = list(range(len(columns)))

    def least(index: int) -> int:
        column = columns[index]
        return natural[index] if column.minimum is None else min(natural[index], column.minimum)

    def needed(indices: list[int]) -> int:
        return sum(least(index) + PADDING for index in indices)

    def wanted(index: int) -> int:
        """Whole columns whole, flexible ones at most twice their minimum: a long statement alone hides nothing."""
        return min(natural[index], 2 * (columns[index].minimum or natural[index]))

    for index in reversed(range(len(columns))):
        if sum(wanted(shown_index) + PADDING for shown_index in shown) <= room:
            break
        if columns[index].redundant:
            shown.remove(index)
    widths: list[int | None] = [None] * len(columns)
    flexible = [index for index in shown if not columns[index].whole]
    for index in shown:
        widths[index] = least(index)
    spare = room - needed(shown)
    if flexible:  # the row's name (the first flexible column) whole, if the others keep what they want
        name, others = flexible[0], flexible[1:]
        reserve = sum(wanted(index) - least(index) for index in others)
        grow = max(0, min(natural[name] - least(name), spare - reserve))
        widths[name] = least(name) + grow
        spare -= grow
    # Then the least wanting first: each takes what it still needs up to an equal share of what is left (by its
    # width, a name already whole came last and took nothing, and its share stayed blank beside cut values).
    # What room is left after that goes to the columns held to a `maximum`: no cell is cut beside blank space.
    for limits in (natural, widest):
        for position, index in enumerate(sorted(flexible, key=lambda index: limits[index] - (widths[index] or 0))):
            share = max(0, spare) // (len(flexible) - position)
            current = widths[index] or 0
            grow = max(0, min(limits[index] - current, share))
            widths[index] = current + grow
            spare -= grow
    return widths


def table_width(widths: Sequence[int | None]) -> int:
    """The cells a row takes at these widths, hidden columns apart."""
    return sum(width + PADDING for width in widths if width is not None)
