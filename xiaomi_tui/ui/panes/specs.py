"""Specs and Company: one row a topic, with the value most origins back and whether the sources agree.

Where a topic lives (its `pane` in facts.toml): the car itself in Specs; money and capacity, the figures
that share an axis, in Investment; the plant's progress, partners, people and strategy in Company.
"""

from __future__ import annotations

from xiaomi_tui.ui.panes.base import Pane, topics_shown
from xiaomi_tui.ui.view import Selection, View
from xiaomi_tui.ui.widgets.cells import consensus_cell, count_cell, plain, status_cell
from xiaomi_tui.ui.widgets.columns import Column
from xiaomi_tui.ui.widgets.table_rows import Row


class SpecsPane(Pane):
    COLUMNS = [Column("Topic", 16), Column("Value", 16), Column("Status"), Column("Src"), Column("Orig")]
    NOUN = "spec claims"
    TOPICS = "specs"
    """The topics' `pane` in facts.toml."""

    def rows(self, view: View) -> list[Row]:
        return [Row([plain(topic.topic.label), consensus_cell(topic), status_cell(topic.status),
                     count_cell(len(topic.sources)), count_cell(len(topic.origins))], Selection(topic.topic.id))
                for topic in topics_shown(view, self.TOPICS)]


class CompanyPane(SpecsPane):
    NOUN = "claims about the plant, partners, people or strategy"
    TOPICS = "company"
