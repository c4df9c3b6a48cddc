"""What is wrong with a fact base: each problem with its place, and the error that carries them all.

Shared by the loader (bytes, syntax, structure) and the cross-checks (ids, kinds, units).
"""

from __future__ import annotations

from dataclasses import dataclass

from xiaomi_tui.facts.files import shown

__all__ = ["RECORD_NAMES", "FactsError", "Problem"]

RECORD_NAMES = {"sources": "source", "parties": "party", "topics": "topic", "claims": "claim", "rates": "rate"}
"""A table's name, and what one of its records is called in a message."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where it is, and what to do about it."""

    message: str
    line: int | None = None
    column: int | None = None
    where: str | None = None  # "claim 'cnevpost-launch'", "source #3"

    def format(self, path: str) -> str:
        place = path
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        subject = f"{self.where}: " if self.where else ""
        return f"{place}: {subject}{self.message}"


class FactsError(Exception):
    """The fact base cannot be used; carries every problem found, for a one-screen report."""

    def __init__(self, path: str, problems: list[Problem]):
        self.path = shown(path)  # a file name may hold escape sequences or bytes that are not UTF-8
        self.problems = problems
        super().__init__(self.report())

    def report(self, limit: int = 20) -> str:
        lines = [problem.format(self.path) for problem in self.problems[:limit]]
        hidden = len(self.problems) - limit
        if hidden > 0:
            lines.append(f"... and {hidden} more problem{'s' if hidden > 1 else ''}")
        noun = "problem" if len(self.problems) == 1 else "problems"
        return f"error: {self.path} has {len(self.problems)} {noun}:\n  " + "\n  ".join(lines)

    @property
    def first_line(self) -> str:
        return self.problems[0].format(self.path) if self.problems else self.path
