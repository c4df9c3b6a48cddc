"""The line above the panes that says the fact base on disk is broken while the last good data stays."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from xiaomi_tui.facts.load.loader import FactsError


class ReloadBanner(Static):
    problem: str | None = None
    """The first problem of the edit that failed to load, while the banner shows it."""

    def show_problem(self, error: FactsError) -> None:
        self.problem = error.first_line
        more = error.total - 1
        suffix = f" (+{more} more; run xiaomi-tui check)" if more else ""
        self.update(Text(f"Showing the last good data. {error.first_line}{suffix}"))
        self.add_class("-error")

    def clear(self) -> None:
        self.problem = None
        self.remove_class("-error")
