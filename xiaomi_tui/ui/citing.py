"""The cite flow: which claim `c` (or `i`, `I`) cites, where the citation goes, and which style it uses.

The app's cite keys call one `CitationFlow`; it keeps the last citation, for `v` to show when no
clipboard could be reached.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from xiaomi_tui.ui.view import Selection
from xiaomi_tui.ui.widgets.detail import claims_behind

if TYPE_CHECKING:
    from xiaomi_tui.facts.citations import Citation, Form
    from xiaomi_tui.ui.app import XiaomiApp


class CitationFlow:
    def __init__(self, app: XiaomiApp) -> None:
        self.app = app
        self.last: str | None = None

    def _selection_to_cite(self) -> tuple[Selection | None, str | None]:
        """The claim to cite: the one highlighted in the detail screen, or the row's claim, or its first."""
        from xiaomi_tui.ui.screens.detail import DetailScreen

        screen = self.app.screen
        if isinstance(screen, DetailScreen):
            return screen.selection, screen.highlighted_claim_id
        selection = self.app.active_pane.selection
        claims = claims_behind(self.app.view, selection)
        return selection, (claims[0].id if claims else None)

    def citation_for(self, style: str, form: Form = "claim") -> Citation | None:
        """The selected claim cited in `form`, or the selected source's reference; raises `NotCitable`."""
        from xiaomi_tui.facts.citations import Citation, cite, cite_document

        facts = self.app.facts
        selection, claim_id = self._selection_to_cite()
        if claim_id:
            return cite(facts, facts.claims[claim_id], style, form)
        if selection and selection.claim_id in facts.outcome_claims and form == "claim":  # a later report
            return Citation(cite_document(facts, facts.outcome_sources[facts.outcome_claims[selection.claim_id].source],
                                          style))
        if selection and selection.source_id and form == "claim":
            return Citation(cite_document(facts, facts.sources[selection.source_id], style))
        return None

    def copy(self, form: Form = "claim") -> None:
        """The selected claim's citation (or the selected source's) to the clipboard; `form` says which
        document: the source, the origin's as cited in it, or the origin's alone."""
        from xiaomi_tui.facts.citations import NotCitable

        style = self.app.settings.citation_style
        try:
            citation = self.citation_for(style, form)
        except NotCitable as error:
            self.app.notify(f"Not cited: {error}.", severity="warning", markup=False)
            return
        if citation is None:
            wanted = "a claim" if form != "claim" else "a claim or a source"
            self.app.notify(f"Move to a row with {wanted} to cite it.", severity="warning")
            return
        if citation.note:
            self.app.notify(f"Note: {citation.note}.", title="Citation", markup=False)
        self._send(citation.text, style)

    def copy_outcome(self) -> None:
        """On the Outcomes pane, the later report the selected verdict rests on (the latest, which settled it)."""
        from xiaomi_tui.facts.citations import cite_document
        from xiaomi_tui.ui.panes.outcomes import OutcomesPane

        app, style = self.app, self.app.settings.citation_style
        pane = app.active_pane
        scored = pane.score_of(app.facts, pane.selection) if isinstance(pane, OutcomesPane) else None
        if scored is None or not scored.outcomes:
            app.notify("Move to a scored claim with a later report on the Outcomes pane (5) to cite the report.",
                       severity="warning")
            return
        self._send(cite_document(app.facts, app.facts.outcome_sources[scored.outcomes[-1].source], style), style)

    def _send(self, text: str, style: str) -> None:
        """Through the terminal (OSC 52) and the system clipboard, as `--clipboard` allows; then say which.

        In a browser tab only OSC 52: the page hands it to the browser's clipboard, and the system clipboard
        would be the server's, not the reader's.
        """
        app = self.app
        self.last = text
        if app.is_web:
            app.copy_to_clipboard(text)
            app.notify(f"{style} citation copied in the browser. v shows it.", title="Citation", markup=False)
            return
        if app.clipboard_mode in ("auto", "osc52"):
            app.copy_to_clipboard(text)
        if app.clipboard_mode in ("auto", "system"):
            app.run_worker(partial(self._copy_to_system, text, style), thread=True, exclusive=True,
                           group="clipboard")
        else:
            app.notify(f"{style} citation sent to the terminal clipboard (OSC 52). v shows it.",
                       title="Citation", markup=False)

    def _copy_to_system(self, text: str, style: str) -> None:
        """In a thread: xclip and friends can take a while, or hang without a display."""
        from xiaomi_tui.clipboard import copy_to_system

        outcome = copy_to_system(text)
        self.app.call_from_thread(self._report_copy, style, outcome.copied, outcome.message)

    def _report_copy(self, style: str, copied: bool, message: str) -> None:
        app = self.app
        if copied:
            also = " and sent to the terminal" if app.clipboard_mode == "auto" else ""
            app.notify(f"{style} citation copied to the system clipboard{also}.", title="Citation", markup=False)
        elif app.clipboard_mode == "auto":
            app.notify(f"{style} citation sent to the terminal clipboard (OSC 52); {message}. v shows it.",
                       title="Citation", markup=False)
        else:
            self.show_last(reason=message)

    def show_last(self, reason: str = "the last citation") -> None:
        from xiaomi_tui.ui.screens.pickers import CopyByHand

        if self.last is None:
            self.app.notify("Nothing cited yet: press c on a row first.", severity="warning")
            return
        self.app.push_screen(CopyByHand(self.last, reason))

    def pick_style(self) -> None:
        """The style picker, previewing the selected claim in every style."""
        from xiaomi_tui.facts.citations import STYLES
        from xiaomi_tui.ui.screens.pickers import StylePicker

        preview = {key: citation.text for key in STYLES if (citation := self.citation_for(key))}
        labels = {key: style.label for key, style in STYLES.items()}
        self.app.push_screen(StylePicker(labels, self.app.settings.citation_style, preview), self._style_chosen)

    def _style_chosen(self, style: str | None) -> None:
        if style is None:
            return
        settings = self.app.settings
        settings.citation_style = style
        problem = settings.save()
        self.app.notify(problem or f"c now copies {style} citations.",
                        severity="warning" if problem else "information", markup=False)
