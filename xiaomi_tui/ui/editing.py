"""Editing the fact base from the dashboard: `e` opens the editor on the selected claim (on the Sources pane's
list, the selected source), `n` a new claim prefilled with the topic and source in view; the palette's "Edit
source…", "Edit topic…" and "Edit party…" pick a record to edit, "New source", "New topic" and "New party" open an
empty form, and "Undo last edit" puts the file back as it was before the last save.

Writes go through the data layer's one write path (`facts/edit`); the live reload then shows the change and
"What changed" lists it. A served (browser) tab is read-only: the visitor is not the curator.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from textual.app import SystemCommand

from xiaomi_tui.facts.load.problems import RECORD_NAMES
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.fuzzydate import FuzzyDate
from xiaomi_tui.io.files import UnreadableFile, read_regular_file
from xiaomi_tui.ui.view import Selection, View

if TYPE_CHECKING:
    # The write path is imported on the first edit: it brings pydantic and tomlkit, which the first frame of a
    # cached open has no use for (about 50 ms of every start).
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from xiaomi_tui.facts.edit import Planned
    from xiaomi_tui.ui.screens.editor import Form

__all__ = ["PICKED", "READ_ONLY", "EditFlow", "edit_commands", "record_labels", "row_record"]

READ_ONLY = ("This dashboard is served read-only: the fact base is edited in a terminal "
             "(xiaomi-tui, then e on a claim; or xiaomi-tui claim set ...).")

PICKED = {"sources": ("publisher", "title", "published"), "topics": ("label", "pane", "kind"),
          "parties": ("name", "kind", "role"), "claims": ("source", "topic", "statement")}
"""The kinds the palette picks a record of to edit, and the fields that tell one from another in its list (a claim
found by words of its statement, typed in the picker's filter)."""

ARTICLE_LIMIT = 2**20
"""The largest article read beside the form: a press article is a few kilobytes."""


class EditDesk(Protocol):
    """What the edit flow needs of the app: the screens shown, a word, and the editor, which the app pushes."""

    @property
    def screen(self) -> Screen[Any]: ...

    @property
    def screen_stack(self) -> Sequence[Screen[Any]]: ...

    @property
    def is_web(self) -> bool: ...

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None: ...

    def open_editor(self, form: Form, facts: FactBase, saved: Callable[[Planned | None], None]) -> None: ...

    def pick_one(self, title: str, labels: Mapping[str, str], chosen: Callable[[str | None], None]) -> None: ...


def row_record(selection: Selection | None) -> tuple[str, str] | None:
    """The record a row stands for when it is no claim's or topic's: a source (the Sources pane's list, a source's
    track record; a rate's row, the source that gave it) or a party (an origin's or organisation's track record),
    as its table and id."""
    if selection is None or selection.topic_id or selection.claim_id:
        return None
    if selection.source_id:
        return "sources", selection.source_id
    return ("parties", selection.party_id) if selection.party_id else None


def record_labels(facts: FactBase, table: str) -> dict[str, str]:
    """Each record of `table` by its id, with what tells it from the others ("cnevpost  CnEVPost  15 Nov 2023")."""
    labels = {}
    for record in getattr(facts.data, table):
        words = [record.id]
        for name in PICKED[table]:
            value = getattr(record, name)
            if value is not None:
                words.append(value.human() if isinstance(value, FuzzyDate) else
                             str(value.value) if isinstance(value, Enum) else str(value))
        labels[record.id] = "  ".join(words)
    return labels


def edit_commands(flow: EditFlow) -> Iterator[SystemCommand]:
    """The palette's way to every kind of record: Edit (pick one) for each, and New for sources, topics and
    parties (a new claim is `n`'s, prefilled with the topic and source in view)."""
    for table in PICKED:
        noun = RECORD_NAMES[table]
        yield SystemCommand(f"Edit {noun}…", f"Pick a {noun} and edit it: a form checked as you type, the change "
                            "shown as a diff before it is written", partial(flow.pick, table))
        if table != "claims":
            yield SystemCommand(f"New {noun}", f"Add a {noun}: an empty form checked as you type",
                                partial(flow.new_record, table))


class EditFlow:
    def __init__(self, app: EditDesk, view: Callable[[], View], articles: Path | None) -> None:
        self.app = app
        self.view = view
        self.articles = articles
        self.last: Planned | None = None  # the last edit saved, for "Undo last edit"

    def _selection(self, fallback: Selection | None) -> Selection | None:
        """What is selected where the key was pressed: the claims screen's highlighted claim, else the pane's."""
        selected = getattr(self.app.screen, "selected", None)
        return selected() if callable(selected) else fallback

    def over_a_dialog(self) -> bool:
        """Editing starts from the dashboard or the claims screen, not from help or a picker over them."""
        return len(self.app.screen_stack) > 1 and not callable(getattr(self.app.screen, "selected", None))

    def _refused(self) -> bool:
        if self.over_a_dialog():
            return True
        if self.app.is_web:
            self.app.notify(READ_ONLY, title="Read-only", severity="warning", markup=False)
            return True
        return False

    def edit(self, pane_selection: Selection | None) -> None:
        """`e`: the selected claim, or the source or party a row stands for (see `row_record`)."""
        if self._refused():
            return
        view = self.view()
        selection = self._selection(pane_selection)
        record = row_record(selection)
        if record is not None:
            self._edit(*record)
            return
        claim = view.claim_to_cite(selection)
        if claim is None and selection is not None and selection.claim_id:
            claim = view.facts.outcome_claims.get(selection.claim_id)
        if claim is None:
            self.app.notify("Select a claim, a source or a party to edit (n adds a claim; the palette edits and adds "
                            "sources, topics and parties).", timeout=4)
            return
        self._edit("claims", claim.id)

    def pick(self, table: str) -> None:
        """The palette's Edit source…, topic…, party…, claim…: which one, then its form."""
        if self._refused():
            return
        noun = RECORD_NAMES[table]
        labels = record_labels(self.view().facts, table)
        if not labels:
            self.app.notify(f"No {table} yet: the palette's New {noun} adds one.", timeout=4)
            return
        self.app.pick_one(f"Edit which {noun}?", labels, partial(self._picked, table))

    def _picked(self, table: str, record_id: str | None) -> None:
        if record_id is not None:
            self._edit(table, record_id)

    def _edit(self, table: str, record_id: str) -> None:
        from xiaomi_tui.facts.edit import EditError, field_texts

        try:
            shown = field_texts(self.view().facts.path, table, record_id)
        except EditError as error:
            self.app.notify(str(error), title="Cannot edit", severity="error", markup=False)
            return
        self._open(table, record_id, shown)

    def new_record(self, table: str) -> None:
        """The palette's New source, topic, party: an empty form."""
        if not self._refused():
            self._open(table, None, {})

    def new(self, pane_selection: Selection | None) -> None:
        if self._refused():
            return
        view = self.view()
        selection = self._selection(pane_selection)
        shown: dict[str, str] = {}
        claim = view.claim_to_cite(selection)
        if selection is not None and selection.topic_id:
            shown["topic"] = selection.topic_id
        if claim is not None:
            shown["source"] = claim.source
        elif selection is not None and selection.source_id:
            shown["source"] = selection.source_id
        elif len(view.sources) == 1:
            shown["source"] = next(iter(view.sources))
        self._open("claims", None, shown)

    def _open(self, table: str, record_id: str | None, shown: dict[str, str]) -> None:
        from xiaomi_tui.ui.screens.editor import Form

        facts = self.view().facts
        source = facts.sources.get(shown.get("source", "")) or facts.outcome_sources.get(shown.get("source", ""))
        article = None
        if table == "claims" and self.articles is not None and source is not None and source.file is not None:
            try:
                article = read_regular_file(self.articles / source.file, ARTICLE_LIMIT).decode("utf-8", "replace")
            except UnreadableFile:
                article = None
        form = Form(Path(facts.path), table, record_id, shown, article,
                    source.file if article is not None and source else None)
        self.app.open_editor(form, facts, self._saved)

    def _saved(self, planned: Planned | None) -> None:
        """The editor wrote `planned` (None: closed without writing)."""
        if planned is not None:
            self.last = planned
            self.app.notify(f"Saved {planned.edit.noun} {planned.record_id}; the palette's Undo last edit puts "
                            "it back.", timeout=6, markup=False)
            for warning in planned.warnings:
                self.app.notify(warning, title="Lint", severity="warning", markup=False)

    def undo(self) -> None:
        if self._refused():
            return
        if self.last is None:
            self.app.notify("No edit to undo since the dashboard started.", timeout=4)
            return
        from xiaomi_tui.facts.edit import EditError, undo

        try:
            undo(self.last)
        except EditError as error:
            self.app.notify(str(error), title="Not undone", severity="error", markup=False)
            return
        self.app.notify(f"Undid the edit of {self.last.edit.noun} {self.last.record_id}: the file is as it "
                        "was before it.", timeout=6, markup=False)
        self.last = None

