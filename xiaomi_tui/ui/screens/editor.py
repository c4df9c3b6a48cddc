"""The record editor (`e`, `n`, the palette's Edit and New entries): one form for claims, sources, topics and
parties, its fields read from the record's type, checked as you type by the write path `check` shares, the change
shown as a diff of the file before it is written.

Every text on it comes from the fact base, the article or the loader's messages: `Text`, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widgets import Input, Label, Static

from xiaomi_tui.facts.edit import Edit, EditError, Planned, completions, field_choices, field_names, plan
from xiaomi_tui.facts.edit.values import is_date, is_list
from xiaomi_tui.facts.load.lint import COPIED_RUN, shared_run
from xiaomi_tui.facts.load.problems import RECORD_NAMES
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.ui.keys import DIFF_KEYS, EDITOR_KEYS
from xiaomi_tui.ui.widgets.footer import SteadyFooter

__all__ = ["DiffScreen", "EditorScreen", "Form"]

CHECK_AFTER = 0.3
"""Seconds of quiet typing before the form is checked: each check validates the whole file."""


@dataclass(frozen=True)
class Form:
    """What the editor edits: a record of `table` ("claims", "sources", "topics", "parties") in the file at
    `path` (None: a new one), and each field's text as shown."""

    path: Path
    table: str
    record_id: str | None
    shown: Mapping[str, str]
    article: str | None = None  # a claim's article, when an articles folder has it
    article_name: str | None = None

    @property
    def noun(self) -> str:
        return RECORD_NAMES[self.table]

    @property
    def first_field(self) -> str:
        """Where typing starts: a claim's statement (its id is made for it), a new record's id, else the field
        after the id (a source's publisher, a topic's label, a party's name)."""
        if self.table == "claims":
            return "statement"
        return "id" if self.record_id is None else field_names(self.table)[1]


def paragraph(article: str, para: int | None) -> str | None:
    """The article's paragraph `para`, counted over non-empty lines from 1 as the fact base counts them."""
    lines = [line.strip() for line in article.splitlines() if line.strip()]
    return lines[para - 1] if para is not None and 0 < para <= len(lines) else None


def field_problems(message: str, fields: tuple[str, ...]) -> tuple[dict[str, list[str]], list[str]]:
    """The lines of a refusal split by the field they name ("... field 'para': ..."), and the rest."""
    by_field: dict[str, list[str]] = {}
    rest = []
    for line in message.splitlines():
        named = next((name for name in fields if f"field '{name}'" in line or f"field {name!r}" in line), None)
        if named is not None:
            by_field.setdefault(named, []).append(line.strip())
        elif line.strip() and not line.startswith("error: ") and line.strip() != "nothing was written":
            rest.append(line.strip())
    return by_field, rest


class EditorScreen(Screen[Planned | None]):
    """Dismissed with the edit written (after the diff was confirmed), or None."""

    BINDINGS = [*EDITOR_KEYS]
    AUTO_FOCUS = ".editor-field.-start"
    """The form's first field (`Form.first_field`), focused as the screen first shows, before a key typed ahead
    reaches it (a focus in on_mount came after Textual's own focus of the first field: keys typed at once after
    `e` went into the id)."""
    DEFAULT_CSS = """
    EditorScreen #editor-title { padding: 0 1; background: $panel; text-style: bold; }
    EditorScreen #editor-body { height: 1fr; }
    EditorScreen #editor-form { width: 2fr; }
    EditorScreen #editor-side { width: 1fr; border-left: solid $panel; padding: 0 1; }
    EditorScreen #editor-side.-empty { display: none; }  /* a source's, topic's or party's form with no lint */
    EditorScreen .editor-row { height: auto; }
    EditorScreen .editor-name { width: 17; padding: 1 1 0 1; }  /* "published_after" on one line */
    EditorScreen .editor-field { width: 1fr; }
    EditorScreen .editor-problem { color: $error; padding: 0 1 0 18; height: auto; }
    EditorScreen .editor-problem.-empty { display: none; }
    EditorScreen #editor-status { padding: 0 1; height: auto; }
    """

    def __init__(self, form: Form, facts: FactBase):
        """Dismissed with the edit it wrote, through the data layer's one write path, or None."""
        super().__init__()
        self.form = form
        self.facts = facts
        self.fields = field_names(form.table)
        self._timer: Timer | None = None
        self.planned: Planned | None = None

    def compose(self) -> ComposeResult:
        form = self.form
        title = f"Edit {form.noun} {form.record_id}" if form.record_id else f"New {form.noun}"
        yield Static(Text(f"{title} in {form.path.name}"), id="editor-title")
        with Horizontal(id="editor-body"):
            with VerticalScroll(id="editor-form"):
                for name in self.fields:
                    with Horizontal(classes="editor-row"):
                        yield Label(name, classes="editor-name")
                        words = completions(self.facts.data, form.table, name)
                        start = " -start" if name == form.first_field else ""
                        yield Input(form.shown.get(name, ""), id=f"field-{name}", classes=f"editor-field{start}",
                                    placeholder=placeholder(form.table, name),
                                    suggester=SuggestFromList(words, case_sensitive=True) if words else None)
                    yield Static("", id=f"problem-{name}", classes="editor-problem -empty")
                    if name == "statement":
                        yield Static("", id="copied", classes="editor-problem -empty")
            with Vertical(id="editor-side", classes="" if form.table == "claims" else "-empty"):
                if form.table == "claims":
                    yield Static(self._article_text(), id="editor-article")
                yield Static("", id="editor-lints")
        yield Static(Text("ctrl+s saves after showing the change; escape leaves it unwritten."), id="editor-status")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self._check()

    # -- reading the form -------------------------------------------------------------------

    def typed(self) -> dict[str, str]:
        return {name: self.query_one(f"#field-{name}", Input).value for name in self.fields}

    def edit(self) -> Edit:
        typed = self.typed()
        table = self.form.table
        if self.form.record_id is None:
            return Edit("add", table, None, {name: value for name, value in typed.items() if value.strip()})
        changed = {name: value for name, value in typed.items() if value != self.form.shown.get(name, "")}
        return Edit("set", table, self.form.record_id, changed)

    def _article_text(self) -> Text:
        if self.form.article is None:
            return Text("With an articles folder (--articles DIR, or `articles` in settings.json) the claim's "
                        "paragraph shows here.", style="dim")
        para = self.form.shown.get("para", "")
        text = paragraph(self.form.article, int(para)) if para.isdigit() else None
        heading = f"{self.form.article_name}, para. {para}" if text else f"{self.form.article_name}: no paragraph {para}"
        return Text.assemble((heading, "bold"), "\n", text or "")

    # -- checking as you type ----------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(CHECK_AFTER, self._check)
        if event.input.id == "field-statement":
            self._warn_copied(event.value)

    def _warn_copied(self, statement: str) -> None:
        if self.form.article is None:
            return
        run = shared_run(statement, self.form.article)
        copied = self.query_one("#copied", Static)
        copied.update(Text(f"{COPIED_RUN} words copied from the article: \"{run}\"; put it in our own words"
                           if run is not None else ""))
        copied.set_class(run is None, "-empty")

    def _check(self) -> None:
        self._plan(self.edit(), self._show)

    @work(thread=True, exclusive=True, group="check")
    def _plan(self, edit: Edit, then: Callable[[Edit, Planned | str], None]) -> None:
        """Check the whole edited file off the UI thread (a large base takes seconds); `then` gets the plan or why
        not. One group: a newer check or a save replaces the one in flight."""
        try:
            result: Planned | str = plan(self.form.path, edit)
        except EditError as error:
            result = str(error)
        self.app.call_from_thread(then, edit, result)

    def _show(self, edit: Edit, result: Planned | str) -> None:
        if not self.is_attached:
            return  # closed while the thread checked: nothing left to show it in
        if edit != self.edit():
            return  # typed on since: a newer check is on its way
        by_field, rest = field_problems(result, self.fields) if isinstance(result, str) else ({}, [])
        for name in self.fields:
            problem = self.query_one(f"#problem-{name}", Static)
            problem.update(Text("\n".join(by_field.get(name, []))))
            problem.set_class(name not in by_field, "-empty")
        status = self.query_one("#editor-status", Static)
        lints = self.query_one("#editor-lints", Static)
        if isinstance(result, str):
            self.planned = None
            status.update(Text("\n".join(rest) or "Fix the fields marked above; nothing is written until they pass.",
                               style="bold red" if rest else ""))
            lints.update("")
            return
        self.planned = result
        status.update(Text("Checked: ctrl+s shows the change to confirm." if result.diff else "No change yet."))
        lints.update(Text("\n".join(f"warning: {warning}" for warning in result.warnings), style="yellow"))
        # The side is the article's and the lints': without either, the form has the width (80 columns are few).
        self.query_one("#editor-side").set_class(self.form.table != "claims" and not result.warnings, "-empty")

    # -- saving -------------------------------------------------------------------------------

    def action_save(self) -> None:
        self._plan(self.edit(), self._confirm)

    def _confirm(self, edit: Edit, result: Planned | str) -> None:
        if not self.is_attached:
            return  # closed before the plan came back: the user chose not to save
        self._show(edit, result)
        if isinstance(result, str):
            self.notify("Not saved: fix the fields marked in red.", severity="error")
            return
        if not result.diff:
            self.notify("Nothing changed.", timeout=3)
            return
        self.app.push_screen(DiffScreen(result), self._confirmed)

    def _confirmed(self, planned: Planned | None) -> None:
        if planned is None:
            return
        from xiaomi_tui.facts.edit import EditError, commit

        try:
            commit(planned)
        except EditError as error:  # the file changed on disk since it was read, or cannot be written
            self.notify(str(error), severity="error", markup=False)
            return
        self.dismiss(planned)

    def action_cancel(self) -> None:
        self.dismiss(None)


_CLAIM_PLACEHOLDERS = {"said": "when the origin said it: 15 Nov 2023",
                       "value": "RMB 10 bn, 800, sedan, true, or a TOML table",
                       "para": "paragraph in the article, from 1", "statement": "in our own words",
                       "id": "made from source and topic when empty"}


def placeholder(table: str, name: str) -> str:
    """What an empty field of a record of `table` shows: how to write it, read from its type where it can be."""
    if table == "claims" and name in _CLAIM_PLACEHOLDERS:
        return _CLAIM_PLACEHOLDERS[name]
    if is_date(table, name):
        return "H1 2024, Dec 2023, 8 Nov 2023, 2024"
    if choices := field_choices(table, name):
        return ", ".join(choices)
    if is_list(table, name):
        return ("names of the author written family name first: [\"Lei Jun\"]" if name == "family_first"
                else "[\"nbd\", \"cnevpost\"] or one id")
    return {"id": "lower case, digits, . _ -: su7-launch", "url": "https://..."}.get(name, "")


class DiffScreen(ModalScreen[Planned | None]):
    """The edit as a diff of the file, as lazygit shows a hunk: y writes it, n goes back to the form."""

    BINDINGS = [*DIFF_KEYS]
    DEFAULT_CSS = """
    DiffScreen #diff-box { width: 90%; max-width: 120; height: auto; max-height: 90%; border: round $accent;
                           background: $surface; padding: 0 1; }
    DiffScreen #diff-text { height: auto; }
    """

    def __init__(self, planned: Planned):
        super().__init__()
        self.planned = planned

    def compose(self) -> ComposeResult:
        with Vertical(id="diff-box"):
            yield Label(Text(f"Write this change to {self.planned.path.name}? y writes it, n goes back"),
                        id="picker-title")
            with VerticalScroll():
                yield Static(diff_text(self.planned.diff), id="diff-text")

    def action_confirm(self) -> None:
        self.dismiss(self.planned)

    def action_back(self) -> None:
        self.dismiss(None)


def diff_text(diff: str) -> Text:
    """A unified diff coloured by line: added green, removed red, hunk headers cyan."""
    text = Text()
    for line in diff.splitlines(keepends=True):
        style = ("green" if line.startswith("+") and not line.startswith("+++") else
                 "red" if line.startswith("-") and not line.startswith("---") else
                 "cyan" if line.startswith("@@") else "dim" if line.startswith(("---", "+++")) else "")
        text.append(line, style=style)
    return text
