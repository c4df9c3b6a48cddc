""""Score as of...": asks for a day, so the Outcomes pane is rescored with what was reported by then."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from xiaomi_tui.ui.keys import AS_OF_KEYS


class AsOfDialog(ModalScreen["date | bool | None"]):
    """Dismissed with the day typed, None for today (an empty line), or False when cancelled."""

    BINDINGS = [*AS_OF_KEYS]

    def __init__(self, current: date | None):
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label("Score as of  (YYYY-MM-DD; empty for today; enter scores, escape cancels)", id="picker-title")
            yield Input(self.current.isoformat() if self.current else "", placeholder="YYYY-MM-DD", id="as-of-day")
            yield Static("", id="as-of-problem")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.dismiss(None)
            return
        try:
            day = date.fromisoformat(text)
        except ValueError:
            # What the user typed is shown as Content: never parsed as markup.
            self.query_one("#as-of-problem", Static).update(Content(f"{text!r} is not a day; write it as YYYY-MM-DD"))
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(False)
