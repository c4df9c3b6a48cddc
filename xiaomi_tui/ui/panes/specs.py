"""Specs and Company: one row a topic, with the value most origins back and whether the sources agree.

Where a topic lives (its `pane` in facts.toml): the car itself in Specs; money and capacity, the figures
that share an axis, in Investment; the plant's progress, partners, people and strategy in Company.
"""

from __future__ import annotations

from xiaomi_tui.ui.panes.base import Pane, Shown, empty_sentence, topics_shown
from xiaomi_tui.ui.render.cells import consensus_cell, count_cell, plain, status_cell
from xiaomi_tui.ui.view import Selection, View
from xiaomi_tui.ui.widgets.columns import Column
from xiaomi_tui.ui.widgets.table_rows import Row


def _topic_tables(view: View, pane: str, noun: str) -> list[Shown]:
    """One row a topic whose `pane` in facts.toml is `pane`; `noun` says what an empty table lacks."""
    rows = [Row([plain(topic.topic.label), consensus_cell(topic), status_cell(topic.status),
                 count_cell(len(topic.sources)), count_cell(len(topic.origins))], Selection(topic.topic.id))
            for topic in topics_shown(view, pane)]
    return [Shown(rows, empty_sentence(view, noun))]


def specs_tables(view: View) -> list[Shown]:
    return _topic_tables(view, "specs", "spec claims")


def company_tables(view: View) -> list[Shown]:
    return _topic_tables(view, "company", "claims about the plant, partners, people or strategy")


class SpecsPane(Pane):
    COLUMNS = [Column("Topic", 16), Column("Value", 16), Column("Status"), Column("Src"), Column("Orig")]

    def tables(self, view: View) -> list[Shown]:
        return specs_tables(view)


class CompanyPane(SpecsPane):
    def tables(self, view: View) -> list[Shown]:
        return company_tables(view)
