"""Timeline: every dated claim in order, grouped by year, past and expected told apart."""

from __future__ import annotations

from functools import partial

from rich.text import Text

from xiaomi_tui.facts.records import Claim
from xiaomi_tui.ui.panes.base import Pane
from xiaomi_tui.ui.view import Selection, View
from xiaomi_tui.ui.widgets.cells import EXPECTED, PAST, plain, standing_cell
from xiaomi_tui.ui.widgets.fact_table import Column, Row


class TimelinePane(Pane):
    COLUMNS = [Column("Year", 4), Column("When", 15), Column("What", None, 20), Column("Source", 12),
               Column("Standing", 14)]
    EMPTY = "No dated claims for the sources and search in view."

    def home_row(self, view: View, rows: list[Row]) -> int:
        """Open at the fact base's date: what happened is above, what is expected below."""
        claims = view.facts.claims
        return next((index for index, row in enumerate(rows)
                     if row.selection.claim_id and view.facts.is_expected(claims[row.selection.claim_id])), 0)

    def rows(self, view: View) -> list[Row]:
        in_view = view.sources
        rows, year = [], None
        for claim in view.facts.dated_claims:  # already in order: filtering keeps it
            if claim.source not in in_view or not view.claim_matches(claim):
                continue
            first_of_year = claim.date.start.year != year
            year = claim.date.start.year
            rows.append(Row(partial(_cells, view, claim, first_of_year), Selection(claim.topic, claim.id)))
        return rows


def _cells(view: View, claim: Claim, first_of_year: bool) -> list[Text]:
    expected = view.facts.is_expected(claim)
    what = Text.assemble((view.facts.topics[claim.topic].label, "bold"), ": ", claim.statement)
    if expected:
        what.stylize("italic")
    return [
        # Every row carries its year, so a scrolled view still says when; the first of each year stands out.
        plain(str(claim.date.start.year), "bold" if first_of_year else "dim"),
        Text.assemble((f"{EXPECTED} " if expected else f"{PAST} ", "dim" if expected else ""), claim.date.human()),
        what,
        plain(view.facts.source_name(claim.source)),
        standing_cell(view.analysis.standings[claim.id]),
    ]
