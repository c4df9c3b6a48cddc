"""Small modal choosers: which sources are in view, one of a list (the citation style `c` uses, the record to
edit)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.ui.dashboard import dashboard
from xiaomi_tui.ui.keys import COPY_KEYS, SOURCE_PICKER_KEYS, STYLE_PICKER_KEYS
from xiaomi_tui.ui.view import View
from xiaomi_tui.ui.widgets.checklist import Checklist


class SourcePicker(ModalScreen[None]):
    """A checklist of sources; every change applies at once, so the panes behind follow as you tick."""

    class Changed(Message):
        """The ticked sources, for the app to put in view."""

        def __init__(self, sources: list[str]) -> None:
            super().__init__()
            self.sources = sources

    BINDINGS = [*SOURCE_PICKER_KEYS]

    def __init__(self) -> None:
        super().__init__()
        self._shown: FactBase | None = None  # the fact base the checklist was drawn from
        self._before: frozenset[str] = frozenset()  # what escape puts back: the sources in view when it opened

    @property
    def facts(self) -> FactBase:
        return dashboard(self).view.facts

    def on_mount(self) -> None:
        self._before = dashboard(self).view.sources
        dashboard(self).view_changed.subscribe(self, self._view_changed)

    def compose(self) -> ComposeResult:
        self._shown = self.facts
        ticked = dashboard(self).view.sources
        counts = {source_id: len(claims) for source_id, claims in self.facts.claims_by_source.items()}
        labels = {}
        for source in self.facts.sources.values():
            name = self.facts.source_name(source.id)
            label = Text(name, style="bold")
            if source.title and source.title != name:  # the blog's title is its name: said once
                label.append(f"  {source.title[:60]}")
            published = source.published.human() if source.published else "undated"
            label.append(f"  {published}, {counts.get(source.id, 0)} claims", style="dim")
            labels[source.id] = label
        with Vertical(id="picker"):
            yield Label(self._title(ticked), id="picker-title")
            yield Checklist(labels, ticked, id="source-choices")

    def _title(self, ticked: Iterable[str]) -> str:
        return (f"Sources in view: {len(list(ticked))} of {len(self.facts.sources)}"
                "  (space ticks, a all, n none, enter done, escape undoes)")

    async def _view_changed(self, view: View) -> None:
        """A reload under the checklist: drawn again from the new fact base's sources."""
        if view.facts is not self._shown:
            await self.recompose()

    def on_checklist_changed(self, event: Checklist.Changed) -> None:
        self.query_one("#picker-title", Label).update(self._title(event.ticked))
        self.post_message(self.Changed(event.ticked))

    def action_select_all(self) -> None:
        self.query_one(Checklist).set_ticked(self.facts.sources)

    def action_select_none(self) -> None:
        self.query_one(Checklist).set_ticked(())

    def action_down(self) -> None:
        self.query_one(Checklist).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(Checklist).action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_cancel(self) -> None:
        """Escape undoes: the sources in view when the checklist opened (those the fact base still has)."""
        self.app.post_message(self.Changed([source for source in self._before if source in self.facts.sources]))
        self.dismiss(None)


class OptionPicker(ModalScreen[str | None]):
    """One of a list, dismissed with its key (None: escape): a citation style, with a live preview of the selected
    claim's citation in each; a record to edit, with a filter to type in (a fact base has some sixty parties).
    Labels may come from the fact base: `Text`, never markup."""

    BINDINGS = [*STYLE_PICKER_KEYS]

    def __init__(self, title: str, labels: Mapping[str, str], current: str | None = None,
                 preview: Mapping[str, str] | None = None, no_preview: str = "", filtered: bool = False):
        """`current` is marked and highlighted; `preview` (each key's text, else `no_preview`) shows under the list;
        `filtered` puts a line above it that keeps the options whose label or key holds every word typed."""
        super().__init__()
        self.title_text = title
        self.labels = labels
        self.current = current
        self.preview = preview
        self.no_preview = no_preview
        self.filtered = filtered

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label(Text(f"{self.title_text}  (enter chooses, escape cancels)"), id="picker-title")
            if self.filtered:
                yield Input(placeholder="type to filter; up and down choose", id="option-filter")
            yield OptionList(*self._options(""), id="option-choices")
            if self.preview is not None:
                yield Static(id="option-preview")

    def _options(self, typed: str) -> list[Option]:
        mark = {key: ("● " if key == self.current else "  ") if self.current is not None else "" for key in self.labels}
        words = typed.casefold().split()
        return [Option(Text(f"{mark[key]}{label}"), id=key) for key, label in self.labels.items()
                if all(word in f"{label} {key}".casefold() for word in words)]

    def on_mount(self) -> None:
        keys = list(self.labels)
        choices = self.query_one(OptionList)
        if self.current in keys:
            choices.highlighted = keys.index(self.current)
        elif keys:
            choices.highlighted = 0  # enter in the filter chooses it

    def on_input_changed(self, event: Input.Changed) -> None:
        choices = self.query_one(OptionList)
        choices.set_options(self._options(event.value))
        choices.highlighted = 0 if choices.option_count else None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        choices = self.query_one(OptionList)
        if choices.highlighted is not None:
            self.dismiss(choices.get_option_at_index(choices.highlighted).id)

    def action_move(self, step: int) -> None:
        choices = self.query_one(OptionList)
        (choices.action_cursor_down if step > 0 else choices.action_cursor_up)()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.preview is not None:
            text = self.preview.get(event.option.id or "", self.no_preview)
            self.query_one("#option-preview", Static).update(Text(text))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CopyByHand(ModalScreen[None]):
    """When no clipboard could be reached: the text, selectable, to copy with the terminal's own means."""

    BINDINGS = [*COPY_KEYS]

    def __init__(self, text: str, reason: str):
        super().__init__()
        self.text = text
        self.reason = reason

    def compose(self) -> ComposeResult:
        from textual.widgets import TextArea

        with Vertical(id="picker"):
            yield Label(Text(f"Copy by hand: {self.reason}"), id="picker-title")
            yield TextArea(self.text, read_only=True, soft_wrap=True, id="copy-text")

    def on_mount(self) -> None:
        self.query_one("#copy-text").focus()

    def action_close(self) -> None:
        self.dismiss(None)
