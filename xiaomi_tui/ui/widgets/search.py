"""The search box: an `Input` that keeps no character a terminal would act on."""

from __future__ import annotations

from textual.widgets import Input

from xiaomi_tui.clipboard import pasteable


class SearchBox(Input):
    """What is typed or pasted here is drawn again on the pane's border: a pasted escape sequence
    would reach the terminal from there, so every edit drops such characters first."""

    def replace(self, text: str, start: int, end: int) -> None:
        # Every edit (typing, pasting, deleting) goes through `replace`.
        super().replace(pasteable(text), start, end)
