"""Every key of the dashboard, defined once: the footer, the help screen and the palette are built from these.

A binding's description is its footer label, its tooltip says what it does (the help's wording and
the palette's title), and its id, unique across every screen, lets a user remap it: `keymap` in
settings.json, checked here (`check_keymap`) and applied with `App.set_keymap`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from textual.binding import Binding, BindingsMap, BindingType
from textual.keys import KEY_NAME_REPLACEMENTS, Keys, key_to_character

from xiaomi_tui.facts.wording import did_you_mean


def pane_keys(panes: Iterable[tuple[str, str, object]]) -> list[Binding]:
    """1, 2, 3... for the panes, in tab order."""
    return [Binding(str(number), f"show_pane('{pane_id}')", label, show=False, id=f"pane.{pane_id}",
                    tooltip=f"Show the {label} pane")
            for number, (pane_id, label, _) in enumerate(panes, start=1)]


CITE_KEYS = [
    Binding("c", "copy_citation", "Cite", id="cite.copy", tooltip="Copy the citation of the selected claim"),
    Binding("i", "copy_citation('as-cited')", "Cite as cited in", show=False, id="cite.as-cited",
            tooltip="Copy the citation of the claim's origin as cited in its source (APA: as cited in)"),
    Binding("I", "copy_citation('origin')", "Cite origin", show=False, id="cite.origin",
            tooltip="Copy the citation of the document the claim's origin said it in"),
    Binding("y", "copy_citation('claim', 'in-text')", "Cite in text", show=False, id="cite.in-text",
            tooltip="Copy only the in-text citation (Chicago: the note) of the selected claim, to paste in a sentence"),
    Binding("Y", "copy_citation('claim', 'entry')", "Cite entry", show=False, id="cite.entry",
            tooltip="Copy only the reference entry of the selected claim's source, for the reference list"),
    Binding("C", "pick_style", "Style", show=False, id="cite.style",
            tooltip="Choose the citation style (APA, MLA, Chicago, BibTeX, CSL-JSON, Markdown, plain)"),
]
"""The keys that cite what is selected: the dashboard's and the detail screen's, which cites its highlighted claim."""

KEYS = [
    Binding("slash", "search", "Search", id="search",
            tooltip="Search: filter every pane's rows by text and by is:, source:, origin:"),
    Binding("s", "pick_sources", "Sources", id="sources.pick", tooltip="Choose the sources in view"),
    Binding("a", "all_sources", "All sources", show=False, id="sources.all",
            tooltip="Put every source back in view"),
    *CITE_KEYS,
    Binding("o", "cite_outcome", "Cite outcome", show=False, id="cite.outcome",
            tooltip="On the Outcomes pane: copy the citation of the later report the verdict rests on"),
    Binding("t", "toggle_later_reports", "Later reports", show=False, id="timeline.later",
            tooltip="Timeline: show or hide what later reports found, beside the 2023 forecasts"),
    Binding("p", "show_chart", "Chart", show=False, id="chart.show",
            tooltip="Chart: the forecasts on a time axis: said, due, what happened; the selected one marked"),
    Binding("v", "view_citation", "View citation", show=False, id="cite.view",
            tooltip="Show the last citation, to copy by hand"),
    Binding("escape", "clear_search", "Clear search", show=False, id="search.clear",
            tooltip="Clear the search; in a dialog, close it"),
    Binding("e", "edit_claim", "Edit", id="claim.edit",
            tooltip="Edit the selected claim, or the row's source or party, in a form checked as you type"),
    Binding("n", "new_claim", "New claim", show=False, id="claim.new",
            tooltip="Add a claim, prefilled with the topic and source in view"),
    Binding("d", "toggle_detail", "Detail", show=False, id="detail.toggle",
            tooltip="Hide or show the detail panel, for more rows"),
    Binding("question_mark,f1", "help", "Help", id="help", key_display="?",
            tooltip="Help: every key, and what the marks mean"),
    Binding("q", "quit", "Quit", id="quit", tooltip="Quit"),
    Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit.now", tooltip="Quit, from anywhere"),
]

DASHBOARD_ACTIONS = frozenset({"show_pane", "search", "clear_search", "toggle_detail", "pick_sources", "all_sources",
                               "cite_outcome", "toggle_later_reports", "show_chart"})
"""Actions on the panes: off (and out of the footer) while another screen is on top."""

NOT_IN_PALETTE = frozenset({"search.clear", "quit", "quit.now"})
"""Bindings the palette leaves out: escape means nothing there, and Textual offers its own Quit."""

ROW_KEYS = [
    Binding("down,j", "cursor_down", "Down a row", show=False, id="table.down"),
    Binding("up,k", "cursor_up", "Up a row", show=False, id="table.up"),
    Binding("pagedown", "page_down", "Page down", show=False, id="table.page-down"),
    Binding("pageup", "page_up", "Page up", show=False, id="table.page-up"),
    Binding("home,g", "first", "First row", show=False, id="table.first"),
    Binding("end,G", "last", "Last row", show=False, id="table.last"),
]
"""The keys that move a cursor over rows: a fact table's and the chart's (one id, one remap moves both)."""

TABLE_KEYS = [
    Binding("enter", "open", "Open", show=False, id="table.open",
            tooltip="Every claim behind the row; c there cites the highlighted one"),
    Binding("w", "copy_cell", "Copy cell", show=False, id="table.copy-cell",
            tooltip="Copy the cell of the underlined column (< >) in the row under the cursor"),
    Binding("W", "copy_row", "Copy row", show=False, id="table.copy-row",
            tooltip="Copy the row under the cursor, its cells separated by \" | \""),
    Binding("u", "open_url", "Open source", show=False, id="table.open-url",
            tooltip="Open the web page of the row's source (its first claim's) in the browser"),
    *ROW_KEYS,
    Binding("left", "scroll_left", "Scroll left", show=False, id="table.left"),
    Binding("right", "scroll_right", "Scroll right", show=False, id="table.right"),
    Binding("S", "sort", "Sort", show=False, id="table.sort",
            tooltip="Sort by the underlined column: again to reverse, a third time back to the pane's order "
                    "(a click on a header does the same)"),
    Binding("less_than_sign", "sort_column(-1)", "Sort column left", show=False, id="table.sort-left",
            tooltip="Underline the column to the left, for S"),
    Binding("greater_than_sign", "sort_column(1)", "Sort column right", show=False, id="table.sort-right",
            tooltip="Underline the column to the right, for S"),
]
"""A fact table's keys: with the dashboard's, the keys in force while a pane is shown."""

SOURCE_PICKER_KEYS = [
    Binding("enter,s", "close", "Done", id="picker.done", priority=True),
    Binding("escape", "cancel", "Cancel", id="picker.cancel", priority=True,
            tooltip="Put back the sources that were in view when the checklist opened, and close it"),
    Binding("a", "select_all", "All", id="picker.all"),
    Binding("n", "select_none", "None", id="picker.none"),
    Binding("j", "down", show=False, id="picker.down"),
    Binding("k", "up", show=False, id="picker.up"),
]

CLAIMS_KEYS = [
    Binding("escape,backspace", "app.pop_screen", "Back", id="claims.back"),
    Binding("j", "cursor_down", show=False, id="claims.down"),
    Binding("k", "cursor_up", show=False, id="claims.up"),
    Binding("p", "toggle_tree", "Tree", id="claims.tree", tooltip="The provenance tree full screen, or back"),
    *CITE_KEYS,
]
"""The claims screen (`enter` on a row): its own cite keys cite the highlighted claim."""

CHECKLIST_KEYS = [Binding("space", "tick", "Tick or untick", show=False, id="picker.tick")]
"""The source checklist's own key, in force with the picker's."""

STYLE_PICKER_KEYS = [
    Binding("escape", "cancel", "Cancel", id="style.cancel"),
    Binding("down", "move(1)", "Next", show=False, id="pick.next"),
    Binding("up", "move(-1)", "Previous", show=False, id="pick.previous"),
]
"""The one-of-a-list picker's (the citation style, the record to edit): its id is older than the record picker.
The arrows move in the list while the record picker's filter has the focus."""
AS_OF_KEYS = [Binding("escape", "cancel", "Cancel", id="as-of.cancel")]
COPY_KEYS = [Binding("escape,enter,q", "close", "Close", id="copy.close")]
HELP_KEYS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close")]
CHANGES_KEYS = [Binding("escape,enter,q", "close", "Close", id="changes.close")]
EDITOR_KEYS = [
    Binding("ctrl+s", "save", "Save", id="editor.save", priority=True,
            tooltip="In the editor: save; the change is shown as a diff of the file to confirm first"),
    Binding("escape", "cancel", "Cancel", id="editor.cancel", tooltip="In the editor: leave it, writing nothing"),
]
"""The record editor (`e`, `n`, the palette's Edit and New entries): tab and shift+tab move between its fields."""

DIFF_KEYS = [
    Binding("y,enter", "confirm", "Write it", id="diff.confirm",
            tooltip="On the diff of an edit: write it to the file (the palette's Undo last edit puts it back)"),
    Binding("n,escape", "back", "Back", id="diff.back", tooltip="On the diff of an edit: back to the form"),
]

CHART_KEYS = [Binding("escape,q,p", "close", "Close", id="chart.close")]
"""The chart screen (`p`); its chart moves over the forecasts with `ROW_KEYS`, and the line under it follows."""

TEXTUAL_KEYS = ("tab", "shift+tab", "ctrl+p", "ctrl+c")
"""Keys Textual gives every app (focus, the palette, copy): a keymap that takes them would hide them."""

_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
_KEY_NAMES = frozenset(key.value for key in Keys) | frozenset(KEY_NAME_REPLACEMENTS.values())
"""The names Textual gives the keys that type no character (`escape`, `f5`, `pageup`) and its short names for some
that do (`plus`, `slash`)."""


def is_key(key: str) -> bool:
    """Whether Textual can parse `key` as a key a terminal sends: modifiers, then one printable character, a
    key's name (`f5`, `escape`) or a character's (`question_mark`). "zzzz" is none: a binding on it never fires."""
    *modifiers, name = key.split("+") if key != "+" else [key]
    if not name or not _MODIFIERS.issuperset(modifiers):
        return False
    if len(name) == 1:
        return name.isprintable() and not name.isspace()
    return name in _KEY_NAMES or key_to_character(name) is not None


SEARCH_KEYS = [
    Binding("up", "history(-1)", "Older search", show=False, id="search.older",
            tooltip="In the search box: the search before this one (the last 50, kept between runs)"),
    Binding("down", "history(1)", "Newer search", show=False, id="search.newer",
            tooltip="In the search box: the search after this one"),
]
"""The search box's own keys; right arrow (Textual's) takes the completion it offers of a qualifier's value."""


def scopes(panes: Iterable[tuple[str, str, object]]) -> list[list[Binding]]:
    """Bindings in force together: the dashboard with a table, and each screen over it on its own."""
    return [[*pane_keys(panes), *KEYS, *TABLE_KEYS], SEARCH_KEYS, [*SOURCE_PICKER_KEYS, *CHECKLIST_KEYS], CLAIMS_KEYS,
            STYLE_PICKER_KEYS, COPY_KEYS, HELP_KEYS, CHANGES_KEYS, AS_OF_KEYS, EDITOR_KEYS, DIFF_KEYS,
            [*CHART_KEYS, *CITE_KEYS, *ROW_KEYS]]


def palette_key(key: str) -> Binding:
    """Textual's palette key (the app's `COMMAND_PALETTE_BINDING`), described for help like ours."""
    return Binding(key, "command_palette", "Palette", tooltip="Command palette: every action, every pane, each source")


def each_key(binding: Binding) -> list[Binding]:
    """One binding per key of `binding` ("down,j"), for Textual to display each as the footer would."""
    return [Binding(key, binding.action) for key in binding.key.split(",")]


def _keys(keys: str) -> list[str]:
    """Keys as Textual compares them ("?" is `question_mark`)."""
    return list(BindingsMap([Binding(keys, "")]).key_to_bindings)


def check_keymap(keymap: Mapping[str, str], in_force: Sequence[Sequence[Binding]]) -> str | None:
    """Why `keymap` cannot be used, in one line, or None: an unknown id, a key Textual would not know,
    or two bindings in force together on one key."""
    known = {binding.id: binding for scope in in_force for binding in scope if binding.id}
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            hint = did_you_mean(binding_id, known)
            return f"keymap: no key has the id {binding_id!r}" + (f" ({hint})" if hint else "")
        bad = [key for key in keys.split(",") if not is_key(key.strip())]
        if bad or not keys.strip():
            return f"keymap: {binding_id}: {(bad or [keys])[0]!r} is not a key"
    for scope in in_force:
        taken: dict[str, str] = dict.fromkeys(TEXTUAL_KEYS, "Textual") if scope is in_force[0] else {}
        for binding in scope:
            for key in _keys(keymap.get(binding.id or "", binding.key)):
                if taken.setdefault(key, binding.id or binding.action) != (binding.id or binding.action):
                    return f"keymap: {key} would be both {taken[key]} and {binding.id}"
    return None


def keys_in_force(bindings: Iterable[BindingType], keymap: Mapping[str, str]) -> list[Binding]:
    """`bindings` with the keys the keymap gives them, for help and the palette (the footer asks Textual)."""
    return [binding.with_key(keymap[binding.id], key_display=None) if binding.id and binding.id in keymap
            else binding for binding in bindings if isinstance(binding, Binding)]
