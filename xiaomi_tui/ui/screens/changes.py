"""What the last reload of the fact base changed, one line each (the palette's "What changed")."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from xiaomi_tui.ui.keys import CHANGES_KEYS


class ChangesScreen(ModalScreen[None]):
    """Lines from the fact base (labels, values) as `Text`: never markup."""

    BINDINGS = [*CHANGES_KEYS]

    def __init__(self, title: str, lines: list[str]):
        super().__init__()
        self.title_text = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label(Text(self.title_text), id="picker-title")
            with VerticalScroll(id="changes-list"):
                yield Static(Text("\n".join(self.lines)), id="changes-text")

    def action_close(self) -> None:
        self.dismiss(None)
