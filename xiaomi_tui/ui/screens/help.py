"""The help screen: every key and every mark, generated from the bindings and the symbols so it cannot drift."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

from xiaomi_tui.facts.analysis.query import QUALIFIERS, is_words
from xiaomi_tui.facts.analysis.status import ClaimStanding, Status
from xiaomi_tui.facts.model.formatting import markdown_text
from xiaomi_tui.facts.outcomes.verdicts import Verdict
from xiaomi_tui.io.files import shown
from xiaomi_tui.ui.keys import HELP_KEYS, each_key, palette_key
from xiaomi_tui.ui.render.cells import EXPECTED, LATER, PAST
from xiaomi_tui.ui.widgets.chart import LEGEND as CHART_MARKS

MEANINGS = {
    Status.AGREE: "sources speaking for **different organisations** say the same, each origin as the sources name it",
    Status.UNCONFIRMED: "the same value from different organisations, but one of them is an origin **we inferred**: "
                        "not confirmed",
    Status.ECHO: "several sources, **one origin** or one organisation: the same voice repeated",
    Status.SINGLE: "only one source carries it",
    Status.CONFLICT: "values that cannot both be true",
    Status.MINOR: "close but not equal: rounding or a different rate",
    Status.UNCOMPARABLE: "a comparison needs a rate nobody gave",
    Status.VARIOUS: "different answers that can all hold",
    Status.DISPUTED: "our assessment: the claim is wrong (the detail says why); it never counts",
    Status.SUPERSEDED: "our assessment: a later claim replaces it; it never counts",
}

VERDICT_MEANINGS = {
    Verdict.HELD: "it happened as said",
    Verdict.BEATEN: "the outcome passed the estimate or target",
    Verdict.PARTLY: "later reports disagree: true of one version, not another",
    Verdict.FELL_SHORT: "the outcome stayed below the estimate or target",
    Verdict.MISSED: "it did not happen as said",
    Verdict.PENDING: "not decidable with what was reported by today",
    Verdict.NOT_SCORABLE: "no later report answers it, or none can (the detail says why)",
}

INFERRED = "an origin the text does not name, which we read from elsewhere (its basis is in the detail)"

CLIPBOARD = """Copying sends the citation to the terminal (OSC 52; in tmux `set -g set-clipboard on`)
and, where there is a display, to the system clipboard. A terminal never confirms OSC 52, so the toast says
"terminal clipboard" unless the system clipboard took it; `v` shows the citation, with why the system
clipboard could not be used, to copy by hand."""

EDITING = """## Editing the fact base
`e` edits the selected claim, or the source or party a row stands for (the Sources pane's list, the Outcomes
pane's track records); `n` adds a claim. The palette's
**Edit source…**, **Edit topic…**, **Edit party…** and **Edit claim…** pick the record to edit (type words to
filter the list: a claim is found by its statement), and **New source**, **New topic** and **New party** open an
empty form. One form for every kind: its fields are the record's, checked as you type (the
problem under its field, the lints beside the form), and `→` completes ids and choices. `ctrl+s` shows the change
as a diff of the file, `y` writes it, and the palette's **Undo last edit** puts it back."""

EDITING_IN_A_BROWSER = """## Editing the fact base
A served tab is read-only: the fact base is edited in a terminal (`xiaomi-tui`, then `e`, `n` or the palette's
Edit and New entries)."""

IN_A_BROWSER = """In a browser, copying puts the citation on the browser's clipboard, and the palette's exports
are downloads. The browser keeps some keys for itself, and they never reach the dashboard: `ctrl+w`, `ctrl+t`,
`ctrl+n`, `ctrl+tab`, `ctrl+shift+tab` and `f11`; `f5` and `ctrl+r` reload the page, which starts afresh."""


def legend() -> str:
    """Each topic status with the claim standing that shares its symbol, the timeline's marks, the verdicts."""
    standings = {standing.symbol: standing.value for standing in ClaimStanding}
    rows = []
    for status, meaning in MEANINGS.items():
        names = dict.fromkeys([status.value, standings.get(status.symbol, status.value)])
        rows.append(f"| {status.symbol} {' / '.join(names)} | {meaning} |")
    rows.append(f"| (inferred) | {INFERRED} |")
    rows.append(f"| {PAST} / {EXPECTED} | on the timeline: past / expected as of the fact base's date |")
    rows.append(f"| {LATER} | on the timeline: what a later report found (t shows or hides them) |")
    rows += [f"| {verdict.symbol} {verdict.value} | on the Outcomes pane: {meaning} |"
             for verdict, meaning in VERDICT_MEANINGS.items()]
    rows.append(f"| {' '.join(mark for mark, _ in CHART_MARKS)} | on the chart (p): "
                f"{', '.join(meaning for _, meaning in CHART_MARKS)}; then the verdicts' own marks |")
    return "## Reading the screen\n| mark | means |\n|---|---|\n" + "\n".join(rows)


def search_help() -> str:
    """The qualifiers `/` takes, each `is:` word read from the vocabulary it belongs to."""
    rows = [f"| `{name}:` | {meaning} |" for name, meaning in QUALIFIERS.items()]
    rows += [f"| `is:` {kind} | {', '.join(f'`{name}`' for name in names)} |" for kind, names in is_words().items()]
    return ("## Searching\nText narrows every pane; qualifiers narrow it further, as on GitHub: "
            "`is:conflict source:pandaily price`. Several of one kind widen (`source:a source:b`).\n\n"
            "| qualifier | takes |\n|---|---|\n" + "\n".join(rows))


def settings_help() -> str:
    """Where the choices kept between runs live, and how to remap a key by its id."""
    from xiaomi_tui.settings import NoHome, settings_path

    try:
        where = f"`{markdown_text(shown(settings_path()))}`"
    except NoHome as error:
        where = f"nowhere: {error}"
    return (f"Settings (citation style, theme, keymap) are kept in {where}; a key moves with "
            '`"keymap": {"cite.copy": "y"}` there, by the id above.')


def sources_help(sources: Iterable[tuple[str, str]]) -> str:
    """Each source's id beside its name: `source:` and `--source` take either."""
    rows = "\n".join(f"| `{markdown_text(source_id)}` | {markdown_text(name)} |" for source_id, name in sources)
    return f"## Sources\n`source:` and `--source` take the id or the name.\n\n| id | name |\n|---|---|\n{rows}"


class HelpScreen(ModalScreen[None]):
    """Markdown help; escape, q or ? closes it."""

    BINDINGS = [*HELP_KEYS]

    def __init__(self, bindings: Iterable[BindingType], sources: Iterable[tuple[str, str]] = ()):
        """`sources`: each source's id and name, for `source:` and `--source`."""
        super().__init__()
        self._listed = [binding for binding in bindings if isinstance(binding, Binding)]
        self._sources = list(sources)

    def _textual_keys(self) -> list[Binding]:
        """Keys Textual gives every app that the dashboard relies on: moving focus, and the palette."""
        focus = [binding for binding in Screen.BINDINGS
                 if isinstance(binding, Binding) and binding.action in ("app.focus_next", "app.focus_previous")]
        return [*focus, palette_key(self.app.COMMAND_PALETTE_BINDING)]

    def compose(self) -> ComposeResult:
        rows = "\n".join(f"| {' '.join(f'`{key}`' for key in self._keys_of(binding))} | "
                         f"{binding.tooltip or binding.description} | {f'`{binding.id}`' if binding.id else ''} |"
                         for binding in [*self._listed, *self._textual_keys()])
        copying, editing = (IN_A_BROWSER, EDITING_IN_A_BROWSER) if self.app.is_web else (CLIPBOARD, EDITING)
        text = (f"# xiaomi-tui keys\n\n| key | does | id (for `keymap`) |\n|---|---|---|\n{rows}\n\n{settings_help()}"
                f"\n\n{editing}\n\n{search_help()}\n\n{sources_help(self._sources)}\n\n{legend()}\n\n{copying}\n")
        with VerticalScroll(id="help-body"):
            yield Markdown(text)

    def on_mount(self) -> None:
        """The arrows, page keys, home and end scroll the help at once: at 80x24 it is longer than the screen."""
        self.query_one("#help-body").focus()

    def _keys_of(self, binding: Binding) -> list[str]:
        """Each key of a binding ("down,j") as the footer would show it."""
        return [self.app.get_key_display(key) for key in each_key(binding)]

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
