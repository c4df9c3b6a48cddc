"""Every key of the dashboard, defined once: the footer, the help screen and the palette are built from these.

A binding's description is its footer label, its tooltip says what it does (the help's wording and
the palette's title), and its id lets a user remap it (`App.set_keymap`).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding


def pane_keys(panes: Iterable[tuple[str, str, object]]) -> list[Binding]:
    """1, 2, 3... for the panes, in tab order."""
    return [Binding(str(number), f"show_pane('{pane_id}')", label, show=False, id=f"pane.{pane_id}",
                    tooltip=f"Show the {label} pane")
            for number, (pane_id, label, _) in enumerate(panes, start=1)]


KEYS = [
    Binding("slash", "search", "Search", id="search", tooltip="Search: filter every pane's rows by text"),
    Binding("s", "pick_sources", "Sources", id="sources.pick", tooltip="Choose the sources in view"),
    Binding("a", "all_sources", "All sources", show=False, id="sources.all",
            tooltip="Put every source back in view"),
    Binding("c", "copy_citation", "Cite", id="cite.copy", tooltip="Copy the citation of the selected claim"),
    Binding("i", "copy_citation('as-cited')", "Cite as cited in", show=False, id="cite.as-cited",
            tooltip="Copy the citation of the claim's origin as cited in its source (APA: as cited in)"),
    Binding("I", "copy_citation('origin')", "Cite origin", show=False, id="cite.origin",
            tooltip="Copy the citation of the document the claim's origin said it in"),
    Binding("C", "pick_style", "Style", show=False, id="cite.style",
            tooltip="Choose the citation style (APA, MLA, Chicago, BibTeX, CSL-JSON, Markdown, plain)"),
    Binding("o", "cite_outcome", "Cite outcome", show=False, id="cite.outcome",
            tooltip="On the Outcomes pane: copy the citation of the later report the verdict rests on"),
    Binding("t", "toggle_later_reports", "Later reports", show=False, id="timeline.later",
            tooltip="Timeline: show or hide what later reports found, beside the 2023 forecasts"),
    Binding("v", "view_citation", "View citation", show=False, id="cite.view",
            tooltip="Show the last citation, to copy by hand"),
    Binding("escape", "clear_search", "Clear search", show=False, id="search.clear",
            tooltip="Clear the search; in a dialog, close it"),
    Binding("d", "toggle_detail", "Detail", show=False, id="detail.toggle",
            tooltip="Hide or show the detail panel, for more rows"),
    Binding("question_mark,f1", "help", "Help", id="help", key_display="?",
            tooltip="Help: every key, and what the marks mean"),
    Binding("q", "quit", "Quit", id="quit", tooltip="Quit"),
    Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit.now", tooltip="Quit, from anywhere"),
]

DASHBOARD_ACTIONS = frozenset({"show_pane", "search", "clear_search", "toggle_detail", "pick_sources", "all_sources",
                               "cite_outcome", "toggle_later_reports"})
"""Actions on the panes: off (and out of the footer) while another screen is on top."""

NOT_IN_PALETTE = frozenset({"search.clear", "quit", "quit.now"})
"""Bindings the palette leaves out: escape means nothing there, and Textual offers its own Quit."""
