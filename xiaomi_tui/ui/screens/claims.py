"""The full detail of a row: pick one of the claims behind it to read or cite."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from xiaomi_tui.facts.model.formatting import format_claim_value
from xiaomi_tui.ui.dashboard import dashboard
from xiaomi_tui.ui.keys import CLAIMS_KEYS
from xiaomi_tui.ui.render.cells import status_cell
from xiaomi_tui.ui.render.detail import SCREEN_RELATIONS, render_claim, render_selection
from xiaomi_tui.ui.screens.citing import CitingScreen
from xiaomi_tui.ui.view import Selection, View
from xiaomi_tui.ui.widgets.footer import SteadyFooter
from xiaomi_tui.ui.widgets.provenance import ProvenanceTree


def _para(para: int | None) -> str:
    return f", para. {para}" if para is not None else ""


class ClaimsScreen(CitingScreen[None]):
    """Claims and the highlighted one in full above, the provenance tree below across the whole width (at 80
    columns a tree beside the claims was cut to "4 origins, 2 organi"); `c` cites the highlighted claim.

    It keeps no view of its own: it reads the app's when it draws or acts, and a reload under it redraws
    it (or closes it, saying why, when the row's claims are gone).
    """

    BINDINGS = [*CLAIMS_KEYS]

    def __init__(self, selection: Selection):
        super().__init__()
        assert selection.topic_id is not None  # opened on a row that has a topic
        self.selection = selection  # the row it was opened on
        self.topic_id = selection.topic_id

    @property
    def view(self) -> View:
        return dashboard(self).view

    def on_mount(self) -> None:
        dashboard(self).view_changed.subscribe(self, self._view_changed)

    def compose(self) -> ComposeResult:
        view = self.view
        topic = view.analysis.topics[self.topic_id]
        yield Static(Text.assemble((topic.topic.label, "bold"), "  ", status_cell(topic.status),
                                   f"  {topic.counts_text}  ", (topic.reason_beyond_counts, "dim")), id="detail-title")
        with Horizontal(id="detail-screen"):
            yield OptionList(*(
                Option(Text.assemble(format_claim_value(claim, topic.topic), "  ",
                                     (f"{view.facts.source_name(claim.source)}{_para(claim.para)}", "dim")),
                       id=claim.id)
                for claim in view.claims_behind(self.selection)
            ), id="detail-claims")
            with VerticalScroll(id="detail-full"):
                yield Static(render_selection(view, self.selection), id="detail-topic")
        tree = ProvenanceTree(view.facts, topic, id="detail-provenance")
        tree.border_title = "Provenance: origin \u2192 relays \u2192 sources"
        tree.border_subtitle = "p: full screen"
        yield tree
        yield SteadyFooter()

    def action_toggle_tree(self) -> None:
        """The tree alone, the whole screen wide and high: the claims and their detail hide until p again."""
        self.toggle_class("-tree-only")
        self.query_one(ProvenanceTree).focus()

    @property
    def highlighted_claim_id(self) -> str | None:
        options = self.query_one("#detail-claims", OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    def selected(self) -> Selection:
        """The row it was opened on, narrowed to the highlighted claim."""
        return self.selection._replace(claim_id=self.highlighted_claim_id)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        view = self.view
        claim = view.facts.claims.get(event.option.id or "")
        topic = view.analysis.topics.get(self.topic_id)
        if claim is not None and topic is not None:
            self.query_one("#detail-topic", Static).update(render_claim(view, topic, claim, SCREEN_RELATIONS))

    async def _view_changed(self, view: View) -> None:
        """Redraw from the new view, on the same claim if it is still there; close when the row is gone."""
        claims = [claim.id for claim in view.claims_behind(self.selection)]
        if not claims:
            topic = view.facts.topics.get(self.topic_id)
            label = topic.label if topic else "this topic"
            if self.app.screen is not self:
                self.pop_until_active()
            self.dismiss()
            self.notify(f"The fact base changed: nothing on {label} is in view now, so its claims closed.",
                        severity="warning", markup=False)
            return
        was = self.highlighted_claim_id
        await self.recompose()
        if was in claims:
            self.query_one("#detail-claims", OptionList).highlighted = claims.index(was)
        elif was is not None:
            self.notify("The fact base changed: the claim you had highlighted is gone.", severity="warning")

    def action_cursor_down(self) -> None:
        self.query_one("#detail-claims", OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#detail-claims", OptionList).action_cursor_up()
