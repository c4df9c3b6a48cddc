"""Outcomes: each 2023 forecast, once, with its verdict, the outcome beside it and how many sources
carried it; then the track records.

The scorecard is the app's one (see `FactBaseMemo.scorecard`), scored as of today or the day "Score
as of..." gave, with the later reports published by then; a forecast is shown while any source that
carried it is in view and it matches the search, like every other pane's rows.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult

from xiaomi_tui.facts.analysis.status import set_aside_standing
from xiaomi_tui.facts.model.formatting import format_claim_value
from xiaomi_tui.facts.outcomes.verdicts import Score, Scorecard, TrackRecord, Verdict, describe_outcome
from xiaomi_tui.facts.wording import day_text
from xiaomi_tui.ui.panes.base import Pane, Shown, empty_sentence
from xiaomi_tui.ui.render.cells import count_cell, plain, standing_mark, verdict_cell
from xiaomi_tui.ui.render.detail import render_score, render_track_record
from xiaomi_tui.ui.view import Selection, View
from xiaomi_tui.ui.widgets.columns import Column
from xiaomi_tui.ui.widgets.fact_table import FactTable
from xiaomi_tui.ui.widgets.table_rows import Row


def outcomes_tables(view: View) -> list[Shown]:
    """Each forecast carried by a source in view that matches the search; then the track records."""
    card = view.scorecard
    rows = [Row(partial(_score_cells, card, item), Selection(item.forecast.topic, carried[0].id))
            for item, carried in view.forecasts_shown()]
    return [Shown(rows, empty_sentence(view, "forecasts"), noun="forecasts"),
            Shown(_record_rows(card, view), empty_sentence(view, "track records"), noun="track records")]


def forecast_claims_shown(view: View, selections: list[Selection]) -> list[str]:
    """What "Export view" writes from the forecasts: every appearance in view of each forecast shown."""
    shown: dict[str, None] = {}
    for selection in selections:
        item = view.score_of(selection)
        if item is not None:
            shown.update(dict.fromkeys(claim.id for claim in item.forecast.claims if claim.source in view.sources))
    return list(shown)


class OutcomesPane(Pane):
    SCORE_COLUMNS = [Column("Verdict"), Column("Topic", 12), Column("Forecast", 10), Column("Outcome", 10),
                     Column("Who", 10), Column("Src")]
    RECORD_COLUMNS = [Column("Track record", 16), *(Column(verdict.symbol) for verdict in Verdict), Column("All")]

    def compose(self) -> ComposeResult:
        yield FactTable(self.SCORE_COLUMNS, id="outcomes-table")
        yield FactTable(self.RECORD_COLUMNS, id="outcomes-records")

    def tables(self, view: View) -> list[Shown]:
        return outcomes_tables(view)

    def show_view(self, view: View) -> None:
        super().show_view(view)
        day = view.scorecard.as_of
        table = self.query_one("#outcomes-table", FactTable)
        table.border_subtitle = f"{table.border_subtitle} \u00b7 " + (
            "as of today" if day == date.today() else f"as of {day_text(day)}")

    def claims_shown(self, view: View) -> list[str]:
        table = self.current_table
        if table.id != "outcomes-table":
            return super().claims_shown(view)
        return forecast_claims_shown(view, table.selections())

    def render_detail(self, view: View, selection: Selection | None) -> RenderableType:
        card = view.scorecard
        if selection is not None and selection.party_id:
            return render_track_record(card, selection.party_id)
        item = view.score_of(selection)
        if item is None:
            return super().render_detail(view, selection)
        return render_score(view.facts, item)


def _score_cells(card: Scorecard, item: Score) -> list[Text]:
    facts = card.facts
    topic = facts.topics[item.claim.topic]
    latest = item.outcomes[-1] if item.outcomes else None
    set_aside = set_aside_standing(item.claim)  # disputed or superseded: marked here as in every pane
    said = plain(format_claim_value(item.claim, topic), "bold")
    return [
        verdict_cell(item.verdict),
        plain(topic.label),
        Text.assemble(standing_mark(set_aside), said) if set_aside else said,
        plain(describe_outcome(facts, latest)) if latest else plain("\u2014", "dim"),
        plain(facts.origin_text(item.claim)),
        count_cell(len(item.forecast.sources)),
    ]


def _record_rows(card: Scorecard, view: View) -> list[Row]:
    """Each organisation, its voices indented under it when it has several, then each source in view."""
    in_view = {source for item in card.scores for source in item.forecast.sources if source in view.sources}
    voices = {record.key: record for record in card.by_origin()}
    rows = []
    for record in card.by_organisation():
        rows.append(Row(partial(_record_cells, record, ""), Selection(party_id=record.key)))
        if record.members != (record.key,):
            rows += [Row(partial(_record_cells, voices[member], "  "), Selection(party_id=member), depth=1)
                     for member in record.members]
    rows += [Row(partial(_record_cells, record, "source: "), Selection(source_id=record.key))
             for record in card.by_source() if record.key in in_view]
    return rows


def _record_cells(record: TrackRecord, prefix: str) -> list[Text]:
    return [plain(prefix + record.name), *(count_cell(count) for count in record.counts.values()),
            count_cell(record.total)]
