"""The cite flow: where a citation goes, and what the app says about it.

What `c` (or `i`, `I`) cites is a pure function of the view (`view.citation_for`); this flow delivers it
through a small `Desk` (the app: notify, copy, a thread for the clipboards, the copy-by-hand screen) and keeps
the last citation, for `v` to show when no clipboard could be reached. It reads the app's current view when it
acts, so a reload never leaves it citing from a fact base that is gone. It pushes no screen: the app pushes its
own (the style picker, with `style_previews`; copy by hand, through `Desk.show_by_hand`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from xiaomi_tui.facts.analysis.status import assessment
from xiaomi_tui.settings import Settings
from xiaomi_tui.ui.view import Part, Selection, View, citation_for

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from xiaomi_tui.facts.citations import Form
    from xiaomi_tui.io.clipboard import CopyOutcome

GONE = "The selected claim is no longer in the fact base (it changed on disk): choose another."


class Desk(Protocol):
    """What the cite flow needs of the app."""

    @property
    def is_web(self) -> bool: ...

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None: ...

    def copy_to_clipboard(self, text: str) -> None: ...

    def offer_html(self, text: str, html: str) -> None:
        """In a browser tab, `html` for the page to put beside `text` when the next copy brings exactly `text`."""
        ...

    def run_worker(self, work: Callable[[], None], *, thread: bool, exclusive: bool, group: str) -> object: ...

    def call_from_thread(self, callback: Callable[..., Any], *args: Any) -> Any: ...

    def show_by_hand(self, text: str, reason: str) -> None:
        """Offer `text` to copy by hand, saying why."""
        ...


def style_previews(view: View, selection: Selection | None) -> dict[str, str]:
    """The selected claim (or source) cited in each style that can cite it: the style picker's preview."""
    from xiaomi_tui.facts.citations import STYLES

    return {key: citation.text for key in STYLES if (citation := citation_for(view, selection, key))}


class CitationFlow:
    """Takes the app as a `Desk`, the current view when asked, and the settings."""

    def __init__(self, desk: Desk, view: Callable[[], View], settings: Settings, clipboard_mode: str) -> None:
        self.desk = desk
        self.view = view
        self.settings = settings
        self.clipboard_mode = clipboard_mode
        self.last: str | None = None
        self.last_detail = "the last citation"  # why the system clipboard was not used, for `v`

    def copy(self, selection: Selection | None, form: Form = "claim", part: Part | None = None) -> None:
        """The selected claim's citation (or the selected source's) to the clipboard; `form` says which
        document: the source, the origin's as cited in it, or the origin's alone; `part` the in-text citation
        or the reference entry alone (Zotero's "citation" and "bibliography"), where the style has both."""
        from xiaomi_tui.facts.citations import NotCitable

        view, style = self.view(), self.settings.citation_style
        try:
            citation = citation_for(view, selection, style, form)
        except NotCitable as error:
            self.desk.notify(f"Not cited: {error}.", severity="warning", markup=False)
            return
        if citation is None and view.gone(selection):
            self.desk.notify(GONE, severity="warning")
            return
        if citation is None:
            wanted = "a claim" if form != "claim" else "a claim or a source"
            self.desk.notify(f"Move to a row with {wanted} to cite it.", severity="warning")
            return
        if citation.note:
            self.desk.notify(f"Note: {citation.note}.", markup=False)
        if part is not None:
            halves = citation.apart()
            if halves is None:
                self.desk.notify(f"A {style} citation comes whole: c copies it.", severity="warning", markup=False)
                return
            citation = halves[0] if part == "in-text" else halves[1]
        claim = view.claim_to_cite(selection)
        self._send(citation.text, style, assessment(claim) if claim is not None else None, citation.html)

    def copy_outcome(self, selection: Selection | None) -> None:
        """On the Outcomes pane, the later report the selected verdict rests on (the latest, which settled it)."""
        from xiaomi_tui.facts.citations import cite_document

        view, style = self.view(), self.settings.citation_style
        scored = view.score_of(selection)
        if scored is None or not scored.outcomes:
            self.desk.notify("Move to a scored claim with a later report on the Outcomes pane (5) to cite the report.",
                            severity="warning")
            return
        self._send(cite_document(view.facts, view.facts.outcome_sources[scored.outcomes[-1].source], style), style)

    def copy_text(self, text: str, what: str) -> None:
        """Any text (a table's cell or row, `w` and `W`) by the same ways as a citation, said the same way."""
        self._send(text, what, verb="Copied")

    def _send(self, text: str, style: str, warning: str | None = None, html: str | None = None,
              verb: str = "Cited") -> None:
        """Through the terminal (OSC 52, plain text: the terminal knows no other) and the system clipboard (with
        `html` beside the text where it can), as `--clipboard` allows; then say which, in one line (the
        clipboard's detail is for `v`), with our assessment first if we hold the claim wrong.

        In a browser tab only OSC 52: the page hands it to the browser's clipboard, and the system clipboard
        would be the server's, not the reader's; `html`, offered just before, goes beside it there.
        """
        desk = self.desk
        self.last = text
        self.last_detail = "the last citation"
        if desk.is_web:
            if html is not None:
                desk.offer_html(text, html)
            desk.copy_to_clipboard(text)
            self._say(f"Copied ({style}) in the browser.", warning)
            return
        osc52 = self.clipboard_mode in ("auto", "osc52")
        if osc52:
            desk.copy_to_clipboard(text)
        desk.run_worker(partial(self._deliver, text, f"{verb} ({style})", warning, osc52,
                                self.clipboard_mode in ("auto", "system"), html, style),
                        thread=True, exclusive=True, group="clipboard")

    def _say(self, done: str, warning: str | None) -> None:
        if warning is None:
            self.desk.notify(done, markup=False)
        else:
            self.desk.notify(f"{warning}\n{done}", severity="warning", markup=False)

    def _deliver(self, text: str, done: str, warning: str | None, osc52: bool, system: bool,
                 html: str | None, style: str) -> None:
        """In a thread: xclip and friends can take a while, or hang without a display; tmux is asked how it
        takes OSC 52."""
        from xiaomi_tui.io.clipboard import copy_to_system, terminal_route

        outcomes = [outcome for outcome in (copy_to_system(text, html) if system else None,
                                            terminal_route() if osc52 else None) if outcome is not None]
        self.desk.call_from_thread(self._report_copy, done, style, outcomes, warning)

    def _report_copy(self, done: str, style: str, outcomes: list[CopyOutcome], warning: str | None) -> None:
        """What happened, each way tried: the system clipboard set, OSC 52 sent (or dropped by tmux), or neither
        and why; with neither, `v` (or, with --clipboard system, the text at once) to copy by hand."""
        self.last_detail = "; ".join(outcome.message for outcome in outcomes)
        reached = [outcome.message for outcome in outcomes if outcome.copied]
        if reached:
            self._say(f"{done}: {'; '.join(reached)}.", warning)
        elif self.clipboard_mode == "system":
            self.show_last(reason=self.last_detail)
        else:
            failed = f"Not copied ({style}): {self.last_detail}. v shows it to copy by hand."
            self.desk.notify(f"{warning}\n{failed}" if warning else failed, severity="warning", markup=False)

    def show_last(self, reason: str | None = None) -> None:
        if self.last is None:
            self.desk.notify("Nothing cited yet: press c on a row first.", severity="warning")
            return
        self.desk.show_by_hand(self.last, reason or self.last_detail)

    def choose_style(self, style: str | None) -> None:
        """The style picker's answer: kept for the next run, and said (None: cancelled)."""
        if style is None:
            return
        problem = self.settings.choose("citation_style", style)
        self.desk.notify(problem or f"c now copies {style} citations.",
                        severity="warning" if problem else "information", markup=False)
