"""Timeline: each event once, in order, grouped by year, past and expected told apart.

An event is what the claims in view say happened on one topic at one date: four articles repeating
that Xiaomi announced its car business on 30 March 2021 are one row, "4 sources, 1 origin".
"""

from __future__ import annotations

from functools import partial
from itertools import groupby

from rich.text import Text

from xiaomi_tui.facts.compare import ClaimStanding
from xiaomi_tui.facts.records import Claim
from xiaomi_tui.ui.panes.base import Pane
from xiaomi_tui.ui.view import Selection, View
from xiaomi_tui.ui.widgets.cells import EXPECTED, PAST, count_cell, plain, standing_cell
from xiaomi_tui.ui.widgets.detail import claims_behind
from xiaomi_tui.ui.widgets.fact_table import Column, Row

EVENT_STANDING = (ClaimStanding.CONFLICT, ClaimStanding.CORROBORATED, ClaimStanding.ECHOED, ClaimStanding.UNIQUE,
                  ClaimStanding.DISPUTED, ClaimStanding.SUPERSEDED)
"""An event stands as the first of these its claims have: a conflict shows, a disputed claim beside a
counted one does not hide it."""


class TimelinePane(Pane):
    COLUMNS = [Column("Year", 4), Column("When", 15), Column("What", None, 20), Column("Source", 12),
               Column("Orig", 4), Column("Standing", 14)]
    EMPTY = "No dated claims for the sources and search in view."

    def home_row(self, view: View, rows: list[Row]) -> int:
        """Open at the fact base's date: what happened is above, what is expected below."""
        return next((index for index, row in enumerate(rows)
                     if any(map(view.facts.is_expected, claims_behind(view, row.selection)))), 0)

    def rows(self, view: View) -> list[Row]:
        in_view = view.sources
        shown = [claim for claim in view.facts.dated_claims  # already in order: filtering keeps it
                 if claim.source in in_view and view.claim_matches(claim)]
        rows, year = [], None
        for (topic_id, start, end), claims in groupby(shown, key=lambda claim: (claim.topic, claim.date.start,
                                                                                 claim.date.end)):
            event = list(claims)
            rows.append(Row(partial(_cells, view, event, end.year != year), Selection(topic_id, event=(start, end))))
            year = end.year
        return rows


def _cells(view: View, event: list[Claim], first_of_year: bool) -> list[Text]:
    first = event[0]
    expected = any(map(view.facts.is_expected, event))
    sources = {claim.source for claim in event}
    what = Text.assemble((view.facts.topics[first.topic].label, "bold"), ": ", first.statement)
    if len(event) > 1:  # who carries it says more than one statement of several
        names = [view.facts.source_name(source_id) for source_id in view.facts.sources if source_id in sources]
        what = Text.assemble((view.facts.topics[first.topic].label, "bold"), ": ", ", ".join(names))
    if expected:
        what.stylize("italic")
    standings = {view.analysis.standings[claim.id] for claim in event}
    return [
        # Every row carries its year, so a scrolled view still says when; the first of each year stands out.
        plain(str(first.date.end.year), "bold" if first_of_year else "dim"),
        Text.assemble((f"{EXPECTED} " if expected else f"{PAST} ", "dim" if expected else ""), first.date.human()),
        what,
        plain(view.facts.source_name(first.source) if len(sources) == 1 else f"{len(sources)} sources"),
        count_cell(len({claim.origin for claim in event})),
        standing_cell(next(standing for standing in EVENT_STANDING if standing in standings)),
    ]
