"""The full detail of a row: pick one of the claims behind it to read or cite."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
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


def _para(para: int | None) -> str:
    return f", para. {para}" if para is not None else ""


class DetailScreen(Screen[None]):
    """Claims and the highlighted one in full above, the provenance tree below across the whole width (at 80
    columns a tree beside the claims was cut to "4 origins, 2 organi"); `c` cites the highlighted claim."""

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
                                     (f"{self.view.facts.source_name(claim.source)}{_para(claim.para)}", "dim")),
                       id=claim.id)
                for claim in self.claims
            ), id="detail-claims")
            with VerticalScroll(id="detail-full"):
                yield Static(render_selection(self.view, self.selection), id="detail-topic")
        tree = ProvenanceTree(self.view.facts, topic, id="detail-provenance")
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

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        topic = self.view.analysis.topics[self.topic_id]
        claim = self.view.facts.claims[event.option.id or ""]
        self.query_one("#detail-topic", Static).update(render_claim(self.view, topic, claim))

    def action_cursor_down(self) -> None:
        self.query_one("#detail-claims", OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#detail-claims", OptionList).action_cursor_up()
