"""The cite flow: which claim `c` (or `i`, `I`) cites, where the citation goes, and which style it uses.

The app's cite keys call one `CitationFlow` with what the pane or screen says is selected; it keeps the
last citation, for `v` to show when no clipboard could be reached. It reads the app's current view when
it acts, so a reload never leaves it citing from a fact base that is gone.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, Literal

from textual.app import App
from textual.message import Message
from textual.screen import Screen

from xiaomi_tui.facts.analysis.status import assessment
from xiaomi_tui.facts.model.records import Claim
from xiaomi_tui.settings import Settings
from xiaomi_tui.ui.view import Selection, View
from xiaomi_tui.ui.widgets.detail import claims_behind

if TYPE_CHECKING:
    from xiaomi_tui.facts.citations import Citation, Form
    from xiaomi_tui.io.clipboard import CopyOutcome

Part = Literal["in-text", "entry"]
"""Half a citation, to copy alone: the in-text citation (or note), or the reference entry."""

GONE = "The selected claim is no longer in the fact base (it changed on disk): choose another."


class CiteSelected(Message):
    """A screen asks for what is selected in it to be cited in `form`, or (`form` None) for the style picker."""

    def __init__(self, selection: Selection | None, form: Form | None = "claim", part: Part | None = None) -> None:
        super().__init__()
        self.selection = selection
        self.form = form
        self.part = part


class CitingScreen(Screen[None]):
    """A screen whose cite keys cite what is selected in it (its `selected()`), not the row on the pane below;
    the claim editor edits it too."""

    def selected(self) -> Selection | None:
        raise NotImplementedError

    def action_copy_citation(self, form: Form = "claim", part: Part | None = None) -> None:
        self.post_message(CiteSelected(self.selected(), form, part))

    def action_pick_style(self) -> None:
        self.post_message(CiteSelected(self.selected(), None))


def claim_to_cite(view: View, selection: Selection | None) -> Claim | None:
    """The selection's own claim (a forecast, the claim highlighted in the detail screen), else the first behind
    its row; None when there is none, or when the claim is gone from the fact base."""
    if selection is None:
        return None
    if selection.claim_id:
        return view.facts.claims.get(selection.claim_id)
    claims = claims_behind(view, selection)
    return claims[0] if claims else None


def gone(view: View, claim_id: str | None) -> bool:
    """A claim the selection names that the fact base no longer has: it changed on disk since."""
    return bool(claim_id) and claim_id not in view.facts.claims and claim_id not in view.facts.outcome_claims


class CitationFlow:
    """Takes the Textual app (to notify, copy and push screens), the current view when asked, and the settings."""

    def __init__(self, app: App[Any], view: Callable[[], View], settings: Settings, clipboard_mode: str) -> None:
        self.app = app
        self.view = view
        self.settings = settings
        self.clipboard_mode = clipboard_mode
        self.last: str | None = None
        self.last_detail = "the last citation"  # why the system clipboard was not used, for `v`

    def citation_for(self, selection: Selection | None, style: str, form: Form = "claim") -> Citation | None:
        """The selected claim cited in `form`, or the selected source's reference; raises `NotCitable`."""
        from xiaomi_tui.facts.citations import Citation, cite, cite_document

        facts = self.view().facts
        if selection and selection.claim_id in facts.outcome_claims:  # a later report
            if form != "claim":
                return None
            return Citation(cite_document(facts, facts.outcome_sources[facts.outcome_claims[selection.claim_id].source],
                                          style))
        claim = claim_to_cite(self.view(), selection)
        if claim is not None:
            return cite(facts, claim, style, form)
        if selection and selection.source_id in facts.sources and form == "claim":
            return Citation(cite_document(facts, facts.sources[selection.source_id], style))
        return None

    def copy(self, selection: Selection | None, form: Form = "claim", part: Part | None = None) -> None:
        """The selected claim's citation (or the selected source's) to the clipboard; `form` says which
        document: the source, the origin's as cited in it, or the origin's alone; `part` the in-text citation
        or the reference entry alone (Zotero's "citation" and "bibliography"), where the style has both."""
        from xiaomi_tui.facts.citations import NotCitable

        style = self.settings.citation_style
        try:
            citation = self.citation_for(selection, style, form)
        except NotCitable as error:
            self.app.notify(f"Not cited: {error}.", severity="warning", markup=False)
            return
        if citation is None and selection is not None and gone(self.view(), selection.claim_id):
            self.app.notify(GONE, severity="warning")
            return
        if citation is None:
            wanted = "a claim" if form != "claim" else "a claim or a source"
            self.app.notify(f"Move to a row with {wanted} to cite it.", severity="warning")
            return
        if citation.note:
            self.app.notify(f"Note: {citation.note}.", markup=False)
        if part is not None:
            halves = citation.apart()
            if halves is None:
                self.app.notify(f"A {style} citation comes whole: c copies it.", severity="warning", markup=False)
                return
            citation = halves[0] if part == "in-text" else halves[1]
        claim = claim_to_cite(self.view(), selection)
        self._send(citation.text, style, assessment(claim) if claim is not None else None, citation.html)

    def copy_outcome(self, selection: Selection | None) -> None:
        """On the Outcomes pane, the later report the selected verdict rests on (the latest, which settled it)."""
        from xiaomi_tui.facts.citations import cite_document

        view, style = self.view(), self.settings.citation_style
        scored = view.scorecard.by_claim.get(selection.claim_id) if selection and selection.claim_id else None
        if scored is None or not scored.outcomes:
            self.app.notify("Move to a scored claim with a later report on the Outcomes pane (5) to cite the report.",
                            severity="warning")
            return
        self._send(cite_document(view.facts, view.facts.outcome_sources[scored.outcomes[-1].source], style), style)

    def _send(self, text: str, style: str, warning: str | None = None, html: str | None = None) -> None:
        """Through the terminal (OSC 52, plain text: the terminal knows no other) and the system clipboard (with
        `html` beside the text where it can), as `--clipboard` allows; then say which, in one line (the
        clipboard's detail is for `v`), with our assessment first if we hold the claim wrong.

        In a browser tab only OSC 52: the page hands it to the browser's clipboard, and the system clipboard
        would be the server's, not the reader's.
        """
        app = self.app
        self.last = text
        self.last_detail = "the last citation"
        if app.is_web:
            app.copy_to_clipboard(text)
            self._say(f"Copied ({style}) in the browser.", warning)
            return
        osc52 = self.clipboard_mode in ("auto", "osc52")
        if osc52:
            app.copy_to_clipboard(text)
        app.run_worker(partial(self._deliver, text, style, warning, osc52, self.clipboard_mode in ("auto", "system"),
                               html), thread=True, exclusive=True, group="clipboard")

    def _say(self, done: str, warning: str | None) -> None:
        if warning is None:
            self.app.notify(done, markup=False)
        else:
            self.app.notify(f"{warning}\n{done}", severity="warning", markup=False)

    def _deliver(self, text: str, style: str, warning: str | None, osc52: bool, system: bool,
                 html: str | None = None) -> None:
        """In a thread: xclip and friends can take a while, or hang without a display; tmux is asked how it
        takes OSC 52."""
        from xiaomi_tui.io.clipboard import copy_to_system, terminal_route

        outcomes = [outcome for outcome in (copy_to_system(text, html) if system else None,
                                            terminal_route() if osc52 else None) if outcome is not None]
        self.app.call_from_thread(self._report_copy, style, outcomes, warning)

    def _report_copy(self, style: str, outcomes: list[CopyOutcome], warning: str | None) -> None:
        """What happened, each way tried: the system clipboard set, OSC 52 sent (or dropped by tmux), or neither
        and why; with neither, `v` (or, with --clipboard system, the text at once) to copy by hand."""
        self.last_detail = "; ".join(outcome.message for outcome in outcomes)
        reached = [outcome.message for outcome in outcomes if outcome.copied]
        if reached:
            self._say(f"Cited ({style}): {'; '.join(reached)}.", warning)
        elif self.clipboard_mode == "system":
            self.show_last(reason=self.last_detail)
        else:
            done = f"Not copied ({style}): {self.last_detail}. v shows it to copy by hand."
            self.app.notify(f"{warning}\n{done}" if warning else done, severity="warning", markup=False)

    def show_last(self, reason: str | None = None) -> None:
        from xiaomi_tui.ui.screens.pickers import CopyByHand

        if self.last is None:
            self.app.notify("Nothing cited yet: press c on a row first.", severity="warning")
            return
        self.app.push_screen(CopyByHand(self.last, reason or self.last_detail))

    def pick_style(self, selection: Selection | None) -> None:
        """The style picker, previewing the selected claim in every style."""
        from xiaomi_tui.facts.citations import STYLES
        from xiaomi_tui.ui.screens.pickers import StylePicker

        preview = {key: citation.text for key in STYLES if (citation := self.citation_for(selection, key))}
        labels = {key: style.label for key, style in STYLES.items()}
        self.app.push_screen(StylePicker(labels, self.settings.citation_style, preview), self._style_chosen)

    def _style_chosen(self, style: str | None) -> None:
        if style is None:
            return
        problem = self.settings.choose("citation_style", style)
        self.app.notify(problem or f"c now copies {style} citations.",
                        severity="warning" if problem else "information", markup=False)
