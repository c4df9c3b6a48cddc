"""The search line under the panes: hidden until `/`, it filters every pane's rows as you type."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from textual import events
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Input

from xiaomi_tui.facts.analysis.query import qualifier_typed
from xiaomi_tui.io.clipboard import pasteable
from xiaomi_tui.search_history import SearchHistory
from xiaomi_tui.ui.keys import SEARCH_KEYS


class QualifierValues(Suggester):
    """Completes the value of the qualifier being typed (`is:con` offers `is:conflict`, `source:pan`
    `source:pandaily`), from the words the fact base has; right arrow takes it. A value begun with a quote is
    completed in quotes, a name with spaces first (`origin:"lei` offers `origin:"Lei Jun"`); one without, only by
    a word with no space."""

    def __init__(self, values: Callable[[], Mapping[str, Sequence[str]]]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._values = values

    async def get_suggestion(self, value: str) -> str | None:
        found = qualifier_typed(value)
        if found is None:
            return None
        key, typed = found
        quoted = typed.startswith('"')
        if quoted and len(typed) > 1 and typed.endswith('"'):
            return None  # the quote is closed: the value is whole
        typed = typed.removeprefix('"')
        words = self._values().get(key.casefold(), ())
        for word in sorted(words, key=lambda word: " " not in word) if quoted else [
                word for word in words if " " not in word]:
            if word.casefold().startswith(typed.casefold()) and (quoted or len(word) > len(typed)):
                return value[:len(value) - len(typed)] + word + ('"' if quoted else "")
        return None


class SearchBox(Input):
    """What is typed or pasted here is drawn again on the pane's border: a pasted escape sequence
    would reach the terminal from there, so every edit drops such characters first."""

    BINDINGS = [*SEARCH_KEYS]

    def __init__(self, leave: Callable[[], None], values: Callable[[], Mapping[str, Sequence[str]]] = dict,
                 **kwargs: Any) -> None:
        """`leave` gives the focus back to the pane, at once; `values` are the words each qualifier takes."""
        # No select-on-focus: its Focus event comes after keys typed straight after `/`, and would select them.
        super().__init__(placeholder="search: text, is:conflict, source:ID, origin:NAME (enter keeps it, escape clears; "
                                     "up: earlier searches)",
                         select_on_focus=False, suggester=QualifierValues(values), **kwargs)
        self._leave = leave
        self.history = SearchHistory()
        """The searches to recall, oldest first: this run's, and the saved ones the app gives it at start-up."""
        self._back = 0  # how far up the history `up` has gone (0: the search being typed)

    async def action_submit(self) -> None:
        """Enter keeps the search (an empty one closes), remembers it, and gives the focus back to the pane."""
        await super().action_submit()
        if not self.value:
            self.remove_class("-open")
        else:
            problem = self.history.add(self.value)
            if problem:
                self.notify(problem, title="Search history", severity="warning", markup=False)
        self._back = 0
        self._leave()

    def action_history(self, step: int) -> None:
        """`up` an older search, `down` a newer one (past the newest: empty), as a shell's history; a search
        committed again is the newest, once."""
        searches = self.history.searches
        back = max(0, min(len(searches), self._back - step))
        if back != self._back:
            self._back = back
            self.value = searches[-back] if back else ""
            self.cursor_position = len(self.value)

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
