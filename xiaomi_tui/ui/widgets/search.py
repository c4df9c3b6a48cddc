"""The search line under the panes: hidden until `/`, it filters every pane's rows as you type."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.content import Content
from textual.widgets import Input

from xiaomi_tui.io.clipboard import pasteable


class SearchBox(Input):
    """What is typed or pasted here is drawn again on the pane's border: a pasted escape sequence
    would reach the terminal from there, so every edit drops such characters first."""

    def __init__(self, leave: Callable[[], None], **kwargs: Any) -> None:
        """`leave` gives the focus back to the pane, at once."""
        # No select-on-focus: its Focus event comes after keys typed straight after `/`, and would select them.
        super().__init__(placeholder="search: text, is:conflict, source:ID, origin:NAME (enter keeps it, escape clears)",
                         select_on_focus=False, **kwargs)
        self._leave = leave

    async def action_submit(self) -> None:
        """Enter keeps the search (an empty one closes) and gives the focus back to the pane."""
        await super().action_submit()
        if not self.value:
            self.remove_class("-open")
        self._leave()

    def replace(self, text: str, start: int, end: int) -> None:
        # Every edit (typing, pasting, deleting) goes through `replace`.
        super().replace(pasteable(text), start, end)

    def show_problems(self, problems: tuple[str, ...]) -> None:
        """A qualifier that could not be used is named on the box's border, never a silent empty pane.

        `Content`, not a string: what the user typed is never markup."""
        self.border_subtitle = Content("; ".join(problems)) if problems else None
        self.set_class(bool(problems), "-problem")

    def open(self) -> None:
        self.add_class("-open")
        self.screen.set_focus(self)  # at once: `focus()` would wait behind the keys already typed

    def close(self) -> bool:
        """Empty and hide the search; False when it was neither open nor holding text."""
        if not (self.value or self.has_class("-open")):
            return False
        self.value = ""
        self.remove_class("-open")
        return True

    async def _on_key(self, event: events.Key) -> None:
        """Enter submits here, before the keys queued behind it (as a binding it would act after them, and
        `5/is:missed⏎i` searched for "is:missedi"); a key that was on its way here before the focus left is
        the pane's, so it goes on to the app, whose bindings act on what is focused now."""
        if self.screen.focused is not self:
            event.prevent_default()  # not typed in here (Input's own handler comes after this one)
        elif event.key == "enter":
            event.stop()
            event.prevent_default()
            await self.action_submit()

    def take_typed_ahead(self, event: events.Key) -> None:
        """Keys typed right after `/` were already on their way to the table: they belong to the search.

        Textual routes a key to the widget focused when it arrives, so "/lei" typed fast (or pasted)
        would lose "lei" to the table. The app hands every key that reached it here; a printable key
        this box handled itself never gets that far.
        """
        # `screen.focused`, not `has_focus`: that follows the Focus event, which comes after these keys.
        if event.is_printable and event.character and self.screen.focused is self:
            self.insert_text_at_cursor(event.character)
            event.stop()
