"""What is wrong with a fact base: each problem with its place, and the error that carries them all.

Shared by the loader (bytes, syntax, structure) and the cross-checks (ids, kinds, units).
"""

from __future__ import annotations

from dataclasses import dataclass

from xiaomi_tui.facts.wording import counted
from xiaomi_tui.io.files import shown

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

    def __init__(self, path: str, problems: list[Problem], total: int | None = None):
        """`total` counts problems beyond those listed, when there were too many to list (see the loader)."""
        self.path = shown(path)  # a file name may hold escape sequences or bytes that are not UTF-8
        self.problems = problems
        self.total = max(total or 0, len(problems))
        super().__init__(self.report())

    def report(self, limit: int = 20) -> str:
        lines = [problem.format(self.path) for problem in self.problems[:limit]]
        hidden = self.total - len(lines)
        if hidden > 0:
            lines.append(f"... and {counted(hidden, 'more problem')}")
        return f"error: {self.path} has {counted(self.total, 'problem')}:\n  " + "\n  ".join(lines)

    def __reduce__(self) -> tuple[type[FactsError], tuple[str, list[Problem], int]]:
        """Pickled whole (Exception's own pickling keeps only the message): a dashboard's start-up child sends its
        refusal to the parent this way (see `loader.load_meanwhile`)."""
        return FactsError, (self.path, self.problems, self.total)

    def detached(self) -> FactsError:
        """The same error, never raised: no traceback, no exception it was raised from. Either would keep the
        whole parsed file alive (the frames that read it, the validator's error holding the document) for as
        long as the error is kept, as a dashboard does after a failed reload."""
        return FactsError(self.path, self.problems, self.total)

    @property
    def first_line(self) -> str:
        return self.problems[0].format(self.path) if self.problems else self.path
