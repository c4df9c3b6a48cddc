"""A fact table's sort: which column, which way, and the key a cell sorts by. Nothing here knows about Textual.

A click on a header (or `S` on the focused column) sorts ascending, again descending, a third time back to
the pane's own order (the timeline's is time). Values sort by their number ("2 phases" before "100,000
vehicles", "RMB 10 bn" after "RMB 300,000"; money by amount within each currency), dates by time ("Dec 2023"
before "H1 2024", "by late Mar 2024" before "28 Mar 2024"), words without their mark ("✗ conflict" among the
c's); empty cells last either way, and equal keys keep the pane's order. A tree (a track record's voices under
their organisation) sorts within each level: a row never leaves its parent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from rich.text import Text

from xiaomi_tui.facts.model.fuzzydate import FuzzyDate, FuzzyDateError
from xiaomi_tui.facts.wording import MONTH_ABBR

Item = TypeVar("Item")

UP, DOWN = "\u25b2", "\u25bc"  # ▲ ▼

_MARK = re.compile(r"^[^\w]+\s+")  # a status or verdict mark before its word
_BOUND = r"(?:(?:about|below|over|by|from|until|before|after|since)\s+)*"
_AMOUNT = re.compile(_BOUND + r"(?P<currency>[a-z]{3}\s+|[$€£¥])?(?P<number>[-+]?\d[\d,]*(?:\.\d+)?)"
                     r"(?:\s*(?P<scale>bn|m|k)\b)?")
_SCALES = {"bn": 1e9, "m": 1e6, "k": 1e3, None: 1.0}
_MONTHS = "|".join(month.casefold() for month in MONTH_ABBR[1:])
_DATE = re.compile(_BOUND + rf"(?:(?P<part>early|mid|late)\s+)?(?:(?P<day>\d{{1,2}})\s+(?=(?:{_MONTHS})\s))?"
                   rf"(?:(?P<month>{_MONTHS})\s+|(?P<period>[hq]\d)\s+)?(?P<year>\d{{4}})(?![\d,.])")

Key = tuple[int, str, float, float, str]


def cell_key(text: str) -> Key:
    """Numbers (within a currency) before dates (in time) before words; a mark before its word does not count."""
    plain = _MARK.sub("", text.strip()).casefold()
    day = _date(plain)
    if day is not None:
        return (1, "", day.start.toordinal(), day.end.toordinal(), plain)
    amount = _AMOUNT.match(plain)
    if amount:
        number = float(amount["number"].replace(",", "")) * _SCALES[amount["scale"]]
        return (0, (amount["currency"] or "").strip(), number, 0.0, plain)
    return (2, "", 0.0, 0.0, plain)


def _date(plain: str) -> FuzzyDate | None:
    """The date a cell starts with, as the panes write one ("H1 2024", "late Mar 2024", "by 29 Apr 2024")."""
    found = _DATE.match(plain)
    if found is None:
        return None
    year, month = found["year"], found["month"]
    if found["period"]:
        written = f"{year}-{found['period'].upper()}"
    elif found["day"] and month:
        written = f"{year}-{MONTH_ABBR.index(month.title()):02}-{int(found['day']):02}"
    else:
        written = f"{year}-{MONTH_ABBR.index(month.title()):02}" if month else year
        written = f"{found['part']}-{written}" if found["part"] else written
    try:
        return FuzzyDate.parse(written)
    except FuzzyDateError:
        return None


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

    def apply(self, items: Sequence[Item], cells: Callable[[Item], Sequence[Text]], in_order: bool = False,
              depth: Callable[[Item], int] = lambda item: 0) -> list[Item]:
        """`items` in this order; a stable sort, so equal keys keep the pane's order. A column the pane's
        order already follows (`in_order`: "Dec 2023" is no word to sort) keeps it, or reverses it. An item
        deeper than the one before it is that one's child (`depth`): children move with their parent and
        are sorted among themselves."""
        if self.column is None:
            return list(items)
        column = self.column

        def key(item: Item) -> Key:
            texts = cells(item)
            return cell_key(texts[column].plain) if column < len(texts) else (2, "", 0.0, 0.0, "")

        def ordered(level: Sequence[Item]) -> list[Item]:
            families: list[tuple[Item, list[Item]]] = []
            for item in level:
                if families and depth(item) > depth(families[-1][0]):
                    families[-1][1].append(item)
                else:
                    families.append((item, []))
            if in_order:
                heads = [head for head, _ in (reversed(families) if self.descending else families)]
            else:
                keyed = [(key(head), head) for head, _ in families]
                filled = [pair for pair in keyed if pair[0][4]]
                filled.sort(key=lambda pair: pair[0], reverse=self.descending)
                heads = [head for _, head in filled] + [head for found, head in keyed if not found[4]]
            children = {id(head): rest for head, rest in families}
            return [item for head in heads for item in (head, *ordered(children[id(head)]))]

        return ordered(items)

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
