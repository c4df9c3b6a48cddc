"""The full detail of a row: pick one of the claims behind it to read or cite."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from xiaomi_tui.facts.formatting import format_claim_value
from xiaomi_tui.ui.keys import CLAIMS_KEYS
from xiaomi_tui.ui.view import Selection, View
from xiaomi_tui.ui.widgets.cells import status_cell
from xiaomi_tui.ui.widgets.detail import claims_behind, render_claim, render_selection
from xiaomi_tui.ui.widgets.footer import SteadyFooter
from xiaomi_tui.ui.widgets.provenance import ProvenanceTree


class DetailScreen(Screen[None]):
    """Claims on the left, the highlighted one in full on the right; `c` cites the highlighted claim."""

    BINDINGS = [*CLAIMS_KEYS]

    def __init__(self, view: View, selection: Selection):
        super().__init__()
        assert selection.topic_id is not None  # opened on a row that has a topic
        self.view = view
        self.selection = selection
        self.topic_id = selection.topic_id
        self.claims = claims_behind(view, selection)

    def compose(self) -> ComposeResult:
        topic = self.view.analysis.topics[self.topic_id]
        yield Static(Text.assemble((topic.topic.label, "bold"), "  ", status_cell(topic.status),
                                   f"  {topic.counts_text}  ", (topic.reason, "dim")), id="detail-title")
        with Horizontal(id="detail-screen"):
            yield OptionList(*(
                Option(Text.assemble(format_claim_value(claim, topic.topic), "  ",
                                     (self.view.facts.source_name(claim.source), "dim")), id=claim.id)
                for claim in self.claims
            ), id="detail-claims")
            with Vertical(id="detail-right"):
                with VerticalScroll(id="detail-full"):
                    yield Static(render_selection(self.view, self.selection), id="detail-topic")
                tree = ProvenanceTree(self.view.facts, topic, id="detail-provenance")
                tree.border_title = "Provenance: origin \u2192 relays \u2192 sources"
                yield tree
        yield SteadyFooter()

    @property
    def highlighted_claim_id(self) -> str | None:
        options = self.query_one("#detail-claims", OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        topic = self.view.analysis.topics[self.topic_id]
        claim = self.view.facts.claims[event.option.id or ""]
        self.query_one("#detail-topic", Static).update(render_claim(self.view, topic, claim))

    def action_cursor_down(self) -> None:
        self.query_one("#detail-claims", OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#detail-claims", OptionList).action_cursor_up()
