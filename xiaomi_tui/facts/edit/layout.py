"""Where each record stands in a fact base's text: the lines from its `[[table]]` header to its last key.

Comments and blank lines after a record's last key belong to what follows (a section's heading), so an edit
never moves them. The positions are found by reading lines, then checked against the parsed file: a record's
n-th header must hold its id, or the edit is refused rather than guessed. Every line an edit writes ends as the
file's first line does (CRLF or LF; LF in a file with no line break yet), so a CRLF file stays CRLF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Layout", "Span"]

_BARE_LF = re.compile(r"(?<!\r)\n")
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
        first = text.find("\n")
        self.newline = "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"
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
        return "".join([*self.lines[:span.start], self._ended(new), *self.lines[span.end:]])

    def inserted(self, after: int, new: str) -> str:
        """The text with `new` after line `after` (a line index; 0 for the start), set off by a blank line."""
        before = self.lines[:after]
        if before and not before[-1].endswith("\n"):
            before[-1] += self.newline
        gap = self.newline if before else ""
        return "".join([*before, gap, self._ended(new), *self.lines[after:]])

    def _ended(self, new: str) -> str:
        """`new` (made with LF, or keeping a record's own CRLF lines) with each line ending as the file's do."""
        return new if self.newline == "\n" else _BARE_LF.sub("\r\n", new)

    def removed(self, span: Span) -> str:
        """The text without the record, and without the blank line that set it off from what came before."""
        start = span.start
        if start > 0 and not self.lines[start - 1].strip():
            start -= 1
        return "".join([*self.lines[:start], *self.lines[span.end:]])


def _is_gap(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")
