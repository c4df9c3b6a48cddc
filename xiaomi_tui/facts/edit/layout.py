"""Where each record stands in a fact base's text: the lines from its `[[table]]` header to its last key.

Comments and blank lines after a record's last key belong to what follows (a section's heading), so an edit
never moves them. The positions are found by reading lines, then checked against the parsed file: a record's
n-th header must hold its id, or the edit is refused rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Layout", "Span"]

_HEADER = re.compile(r"^[ \t]*\[(\[?)[ \t]*([A-Za-z0-9_-]+)[ \t]*\]\]?[ \t]*(?:#.*)?$")


@dataclass(frozen=True)
class Span:
    """Lines `start` (the header) up to, not including, `end` (after the record's last key or value)."""

    start: int
    end: int


class Layout:
    """The lines of a fact base and the span of each record of each table, in the file's order."""

    def __init__(self, text: str):
        self.lines = text.splitlines(keepends=True)
        self.tables: dict[str, list[Span]] = {}
        found = [(number, match[1], match[2]) for number, line in enumerate(self.lines)
                 if line.lstrip(" \t").startswith("[") and (match := _HEADER.match(line.rstrip("\r\n")))]
        following = dict(zip([number for number, _, _ in found], [*(number for number, _, _ in found[1:]),
                                                                   len(self.lines)]))
        for number, array, name in found:
            if not array:
                continue  # a [table]: it ends the record before it, and is none itself
            end = following[number]
            while end > number + 1 and _is_gap(self.lines[end - 1]):
                end -= 1
            self.tables.setdefault(name, []).append(Span(number, end))

    def text(self, span: Span) -> str:
        return "".join(self.lines[span.start:span.end])

    def replaced(self, span: Span, new: str) -> str:
        return "".join([*self.lines[:span.start], new, *self.lines[span.end:]])

    def inserted(self, after: int, new: str) -> str:
        """The text with `new` after line `after` (a line index; 0 for the start), set off by a blank line."""
        before = self.lines[:after]
        if before and not before[-1].endswith("\n"):
            before[-1] += "\n"
        gap = "\n" if before else ""
        return "".join([*before, gap, new, *self.lines[after:]])

    def removed(self, span: Span) -> str:
        """The text without the record, and without the blank line that set it off from what came before."""
        start = span.start
        if start > 0 and not self.lines[start - 1].strip():
            start -= 1
        return "".join([*self.lines[:start], *self.lines[span.end:]])


def _is_gap(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")
