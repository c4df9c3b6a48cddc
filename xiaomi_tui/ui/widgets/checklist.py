"""A checklist whose state is written, "[x]" or "[ ]", not drawn: right without colour (NO_COLOR) as with it.

Textual's SelectionList tells ticked from unticked by the colour of one block character, which a terminal
without colour, a screen reader or a screenshot in grey does not show.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from xiaomi_tui.ui.keys import CHECKLIST_KEYS

TICKED, UNTICKED = "[x] ", "[ ] "


class Checklist(OptionList):
    """Options by id, each ticked or not; space (or a click) toggles the highlighted one."""

    BINDINGS = [*CHECKLIST_KEYS]

    class Changed(Message):
        def __init__(self, ticked: list[str]) -> None:
            super().__init__()
            self.ticked = ticked

    def __init__(self, labels: dict[str, Text], ticked: Iterable[str], **kwargs: Any) -> None:
        self._labels = labels
        self._ticked = set(ticked) & set(labels)
        super().__init__(*(Option(self._prompt(option_id), id=option_id) for option_id in labels), **kwargs)

    @property
    def ticked(self) -> list[str]:
        """The ticked ids, in the list's order."""
        return [option_id for option_id in self._labels if option_id in self._ticked]

    def _prompt(self, option_id: str) -> Text:
        ticked = option_id in self._ticked
        return Text.assemble((TICKED if ticked else UNTICKED, "bold" if ticked else "dim"), self._labels[option_id])

    def set_ticked(self, ticked: Iterable[str]) -> None:
        wanted = set(ticked) & set(self._labels)
        if wanted == self._ticked:
            return
        self._ticked = wanted
        for index, option_id in enumerate(self._labels):
            self.replace_option_prompt_at_index(index, self._prompt(option_id))
        self.post_message(self.Changed(self.ticked))

    def action_tick(self) -> None:
        if self.highlighted is None:
            return
        option_id = self.get_option_at_index(self.highlighted).id
        if option_id is not None:
            self.set_ticked(self._ticked ^ {option_id})

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click (enter closes the picker before it gets here) toggles, as space does."""
        event.stop()
        self.action_tick()
