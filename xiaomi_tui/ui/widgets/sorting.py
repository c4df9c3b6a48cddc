"""A fact table's sort: which column, which way, and the key a cell sorts by. Nothing here knows about Textual.

A click on a header (or `S` on the focused column) sorts ascending, again descending, a third time back to
the pane's own order (the timeline's is time). Numbers sort as numbers ("9" before "10"), words without
their mark ("✗ conflict" among the c's), empty cells last either way, and equal keys keep the pane's order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from rich.text import Text

Item = TypeVar("Item")

UP, DOWN = "\u25b2", "\u25bc"  # ▲ ▼

_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")
_MARK = re.compile(r"^[^\w]+\s+")  # a status or verdict mark before its word


def cell_key(text: str) -> tuple[int, float, str]:
    """Numbers before words, each in its own order; the mark before a word does not count."""
    plain = _MARK.sub("", text.strip()).casefold()
    number = _NUMBER.match(plain)
    if number and number.end() == len(plain):
        return (0, float(number.group().replace(",", "")), "")
    return (1, 0.0, plain)


@dataclass(frozen=True)
class SortOrder:
    column: int | None = None  # None: the pane's own order
    descending: bool = False

    def pressed(self, column: int) -> SortOrder:
        """The order after a click on (or `S` at) `column`: ascending, then descending, then the pane's own."""
        if column != self.column:
            return SortOrder(column)
        if not self.descending:
            return SortOrder(column, descending=True)
        return SortOrder()

    def apply(self, items: Sequence[Item], cells: Callable[[Item], Sequence[Text]], in_order: bool = False
              ) -> list[Item]:
        """`items` in this order; a stable sort, so equal keys keep the pane's order. A column the pane's
        order already follows (`in_order`: "Dec 2023" is no word to sort) keeps it, or reverses it."""
        if self.column is None:
            return list(items)
        if in_order:
            return list(reversed(items)) if self.descending else list(items)
        column = self.column

        def key(item: Item) -> tuple[int, float, str]:
            texts = cells(item)
            return cell_key(texts[column].plain) if column < len(texts) else (2, 0.0, "")

        keyed = [(key(item), item) for item in items]
        filled = [pair for pair in keyed if pair[0][2] or pair[0][0] == 0]
        empty = [item for found, item in keyed if not (found[2] or found[0] == 0)]
        filled.sort(key=lambda pair: pair[0], reverse=self.descending)
        return [item for _, item in filled] + empty

    def label(self, index: int, label: str) -> str:
        """A header's label, with the arrow of the sort when it is on this column."""
        if index != self.column:
            return label
        return f"{label} {DOWN if self.descending else UP}"

    def describe(self, labels: Sequence[str]) -> str:
        if self.column is None:
            return "the pane's own order"
        return f"{labels[self.column]}, {'descending' if self.descending else 'ascending'}"


def column_at(x: int, widths: Sequence[int | None], padding: int = 2) -> int | None:
    """The column under cell `x` of a row (hidden columns, width None, take no cells)."""
    start = 0
    for index, width in enumerate(widths):
        if width is None:
            continue
        start += width + padding
        if x < start:
            return index
    return None
