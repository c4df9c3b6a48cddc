"""Specs: one row a topic, with the value most origins back and whether the sources agree."""

from __future__ import annotations

from xiaomi_tui.ui.panes.base import Pane
from xiaomi_tui.ui.view import Selection, View
from xiaomi_tui.ui.widgets.cells import count_cell, plain, status_cell
from xiaomi_tui.ui.widgets.fact_table import Column, Row


def topic_rows(view: View, pane: str) -> list[Row]:
    """Rows for the topics of one pane that have claims in view and match the search."""
    rows = []
    for topic in view.analysis.topics.values():
        if topic.topic.pane != pane or not topic.claims:
            continue
        if not (view.matches(topic.topic.label, topic.consensus) or any(map(view.claim_matches, topic.claims))):
            continue
        rows.append(Row([
            plain(topic.topic.label),
            plain(topic.consensus, "bold" if topic.status.value in ("agree", "echo", "single") else ""),
            status_cell(topic.status),
            count_cell(len(topic.sources)),
            count_cell(len(topic.origins)),
        ], Selection(topic.topic.id)))
    return rows


class SpecsPane(Pane):
    COLUMNS = [Column("Topic", 22), Column("Value", None, 16), Column("Status", 16), Column("Src", 3),
               Column("Orig", 4)]
    EMPTY = "No spec claims for the sources and search in view."

    def rows(self, view: View) -> list[Row]:
        return topic_rows(view, "specs")
