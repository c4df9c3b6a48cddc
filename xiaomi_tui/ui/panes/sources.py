"""Sources: who said what. The list of sources with their tallies, and a topics-by-sources matrix."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.app import ComposeResult

from xiaomi_tui.facts.analysis.status import ClaimStanding
from xiaomi_tui.facts.analysis.topics import TopicAnalysis
from xiaomi_tui.facts.model.formatting import format_claim_value
from xiaomi_tui.facts.model.records import Claim, Source
from xiaomi_tui.ui.panes.base import Pane, Shown, empty_sentence
from xiaomi_tui.ui.render.cells import STATUS_STYLES, count_cell, plain, standing_mark
from xiaomi_tui.ui.view import Selection, View
from xiaomi_tui.ui.widgets.columns import Column
from xiaomi_tui.ui.widgets.fact_table import FactTable
from xiaomi_tui.ui.widgets.table_rows import Row

MATRIX_SOURCES = 24
"""More columns than this would be unreadable; the list above still counts every source."""

TALLIED = (ClaimStanding.CORROBORATED, ClaimStanding.UNCONFIRMED, ClaimStanding.ECHOED, ClaimStanding.UNIQUE,
           ClaimStanding.MINOR, ClaimStanding.CONFLICT)
SET_ASIDE = f"{ClaimStanding.DISPUTED.symbol}{ClaimStanding.SUPERSEDED.symbol}"


def sources_tables(view: View) -> list[Shown]:
    """The sources in view with their tallies; then the topics by the sources (the first `MATRIX_SOURCES`)."""
    in_view = [source_id for source_id in view.facts.sources if source_id in view.sources][:MATRIX_SOURCES]
    columns = [Column("Topic", 18), Column("")]
    columns += [Column(view.facts.source_name(source_id), 9, maximum=12) for source_id in in_view]
    return [Shown(_source_rows(view), empty_sentence(view, "sources"), noun="sources"),
            Shown(_matrix_rows(view, in_view), empty_sentence(view, "topics"), columns)]


def _named(view: View, source: Source) -> tuple[str | None, ...]:
    """What a source's row is searched by: its name, title and id (not its claims' text)."""
    return (view.facts.source_name(source.id), source.title, source.id)


def _source_rows(view: View) -> list[Row]:
    rows = []
    for source in view.facts.sources.values():
        if source.id in view.sources and view.row_matches(_named(view, source), view.facts.claims_by_source[source.id],
                                                          claims_text=False):
            rows.append(Row(partial(_source_cells, source, view.facts.source_name(source.id),
                                    view.analysis.source_tallies[source.id]), Selection(source_id=source.id)))
    return rows


def _matrix_rows(view: View, in_view: list[str]) -> list[Row]:
    columns = tuple(in_view)
    return [Row(partial(_matrix_cells, view, topic, columns), Selection(topic.topic.id))
            for topic in view.analysis.topics.values()
            if topic.claims and view.row_matches((topic.topic.label,), topic.claims, claims_text=False)]


def source_claims_shown(view: View, selections: list[Selection]) -> list[str]:
    """On the list, a source's row stands for its claims that meet the qualifiers (its name met the text)."""
    facts = view.facts
    return [claim.id for selection in selections if selection.source_id
            for claim in facts.claims_by_source[selection.source_id]
            if view.row_matches(_named(view, facts.sources[selection.source_id]), (claim,), claims_text=False)]


class SourcesPane(Pane):
    LIST_COLUMNS = [Column("Source", 14), Column("Published"), Column("Kind"), Column("All"),
                    *(Column(standing.symbol) for standing in TALLIED), Column(SET_ASIDE)]
    """Tallies under their marks alone, the words being the legend's (help, `?`): six words would not fit."""

    def compose(self) -> ComposeResult:
        yield FactTable(self.LIST_COLUMNS, id="sources-list")
        yield FactTable([Column("Topic", 18)], id="sources-matrix")

    def tables(self, view: View) -> list[Shown]:
        return sources_tables(view)

    def claims_shown(self, view: View) -> list[str]:
        if self.current_table.id != "sources-list":
            return super().claims_shown(view)
        return source_claims_shown(view, self.current_table.selections())


def _source_cells(source: Source, name: str, tally: dict[ClaimStanding, int]) -> list[Text]:
    return [
        plain(name, "bold"),
        plain(source.published.human() if source.published else "unknown", "" if source.published else "dim"),
        plain(source.kind),
        count_cell(sum(tally.values())),
        *(count_cell(tally[standing]) for standing in TALLIED),
        count_cell(tally[ClaimStanding.DISPUTED] + tally[ClaimStanding.SUPERSEDED]),  # set aside by us
    ]


def _matrix_cells(view: View, topic: TopicAnalysis, in_view: tuple[str, ...]) -> list[Text]:
    """Kept per topic analysis and columns in the fact base's memo: a topic analysis is shared by every view its
    sources leave alone, so a source toggled off and on rebuilds only the rows of the topics it speaks to."""
    return view.memo.kept("sources-matrix", (topic, in_view), partial(_matrix_row, topic, in_view), most=None)


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
