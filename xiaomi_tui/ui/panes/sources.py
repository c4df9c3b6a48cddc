"""Sources: who said what. The list of sources with their tallies, and a topics-by-sources matrix."""

from __future__ import annotations

from functools import partial
from weakref import WeakKeyDictionary

from rich.text import Text
from textual.app import ComposeResult

from xiaomi_tui.facts.analysis.status import ClaimStanding
from xiaomi_tui.facts.analysis.topics import TopicAnalysis
from xiaomi_tui.facts.model.formatting import format_claim_value
from xiaomi_tui.facts.model.records import Claim, Source
from xiaomi_tui.ui.panes.base import Pane, Shown, empty_sentence
from xiaomi_tui.ui.view import Selection, View
from xiaomi_tui.ui.widgets.cells import STATUS_STYLES, count_cell, plain, standing_mark
from xiaomi_tui.ui.widgets.columns import Column
from xiaomi_tui.ui.widgets.fact_table import FactTable
from xiaomi_tui.ui.widgets.table_rows import Row

MATRIX_SOURCES = 24
"""More columns than this would be unreadable; the list above still counts every source."""

TALLIED = (ClaimStanding.CORROBORATED, ClaimStanding.UNCONFIRMED, ClaimStanding.ECHOED, ClaimStanding.UNIQUE,
           ClaimStanding.MINOR, ClaimStanding.CONFLICT)
SET_ASIDE = f"{ClaimStanding.DISPUTED.symbol}{ClaimStanding.SUPERSEDED.symbol}"


class SourcesPane(Pane):
    LIST_COLUMNS = [Column("Source", 14), Column("Published"), Column("Kind"), Column("All"),
                    *(Column(standing.symbol) for standing in TALLIED), Column(SET_ASIDE)]
    """Tallies under their marks alone, the words being the legend's (help, `?`): six words would not fit."""

    def compose(self) -> ComposeResult:
        yield FactTable(self.LIST_COLUMNS, id="sources-list")
        yield FactTable([Column("Topic", 18)], id="sources-matrix")

    def tables(self, view: View) -> list[Shown]:
        in_view = [source_id for source_id in view.facts.sources if source_id in view.sources][:MATRIX_SOURCES]
        columns = [Column("Topic", 18), Column("")]
        columns += [Column(view.facts.source_name(source_id), 9, maximum=12) for source_id in in_view]
        return [Shown(self._source_rows(view), empty_sentence(view, "sources"), noun="sources"),
                Shown(self._matrix_rows(view, in_view), empty_sentence(view, "topics"), columns)]

    def claims_shown(self, view: View) -> list[str]:
        """On the list, a source's row stands for its claims that meet the qualifiers (its name met the text)."""
        if self.current_table.id != "sources-list":
            return super().claims_shown(view)
        return [claim.id for selection in self.current_table.selections() if selection.source_id
                for claim in view.facts.claims_by_source[selection.source_id] if view.qualifies((claim,))]

    @staticmethod
    def _source_rows(view: View) -> list[Row]:
        rows = []
        for source in view.facts.sources.values():
            name = view.facts.source_name(source.id)
            if (source.id in view.sources and view.text_matches(name, source.title, source.id)
                    and view.qualifies(view.facts.claims_by_source[source.id])):
                rows.append(Row(partial(_source_cells, source, name, view.analysis.source_tallies[source.id]),
                                Selection(source_id=source.id)))
        return rows

    @staticmethod
    def _matrix_rows(view: View, in_view: list[str]) -> list[Row]:
        columns = tuple(in_view)
        return [Row(partial(_matrix_cells, topic, columns), Selection(topic.topic.id))
                for topic in view.analysis.topics.values()
                if topic.claims and view.text_matches(topic.topic.label) and view.qualifies(topic.claims)]


def _source_cells(source: Source, name: str, tally: dict[ClaimStanding, int]) -> list[Text]:
    return [
        plain(name, "bold"),
        plain(source.published.human() if source.published else "unknown", "" if source.published else "dim"),
        plain(source.kind),
        count_cell(sum(tally.values())),
        *(count_cell(tally[standing]) for standing in TALLIED),
        count_cell(tally[ClaimStanding.DISPUTED] + tally[ClaimStanding.SUPERSEDED]),  # set aside by us
    ]


_MATRIX_CELLS: WeakKeyDictionary[TopicAnalysis, dict[tuple[str, ...], list[Text]]] = WeakKeyDictionary()
"""Matrix rows per topic analysis and columns: a topic analysis is shared by every view its sources leave
alone, so a source toggled off and on rebuilds only the rows of the topics it speaks to."""


def _matrix_cells(topic: TopicAnalysis, in_view: tuple[str, ...]) -> list[Text]:
    kept = _MATRIX_CELLS.setdefault(topic, {})
    cells = kept.get(in_view)
    if cells is None:
        cells = kept[in_view] = _matrix_row(topic, in_view)
    return cells


def _matrix_row(topic: TopicAnalysis, in_view: tuple[str, ...]) -> list[Text]:
    """The topic's status, then per source the value as that source gave it, marked by standing."""
    by_source: dict[str, list[Claim]] = {}
    for claim in topic.claims:
        by_source.setdefault(claim.source, []).append(claim)
    cells = [plain(topic.topic.label), Text(topic.status.symbol, style=STATUS_STYLES[topic.status])]
    for source_id in in_view:
        said = by_source.get(source_id)
        if not said:
            cells.append(Text("\u00b7", style="dim"))
            continue
        values = "; ".join(dict.fromkeys(format_claim_value(claim, topic.topic) for claim in said))
        cells.append(Text.assemble(standing_mark(topic.standings[said[0].id]), values))
    return cells
