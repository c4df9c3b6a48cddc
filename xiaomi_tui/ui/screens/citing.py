"""A screen over the dashboard whose cite keys cite what is selected in it, not the row on the pane below."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.screen import Screen, ScreenResultType

from xiaomi_tui.ui.view import Part, Selection

if TYPE_CHECKING:
    from xiaomi_tui.facts.citations import Form


class CitingScreen(Screen[ScreenResultType]):
    """Its cite keys ask the app, with a `Cite` message, to cite its `selected()`; the claim editor edits it too."""

    class Cite(Message):
        """Cite `selection` in `form` (or only its `part`), or (`form` None) open the style picker on it: the app
        does both."""

        def __init__(self, selection: Selection | None, form: Form | None = "claim", part: Part | None = None) -> None:
            super().__init__()
            self.selection = selection
            self.form = form
            self.part = part

    def selected(self) -> Selection | None:
        raise NotImplementedError

    def action_copy_citation(self, form: Form = "claim", part: Part | None = None) -> None:
        self.post_message(self.Cite(self.selected(), form, part))

    def action_pick_style(self) -> None:
        self.post_message(self.Cite(self.selected(), None))
