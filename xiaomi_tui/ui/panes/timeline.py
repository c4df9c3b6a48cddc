"""Timeline: each event once, in order, grouped by year, past and expected told apart.

An event is what the claims in view say happened on one topic at one date: four articles repeating
that Xiaomi announced its car business on 30 March 2021 are one row, "4 sources, 1 origin".
With `t`, what later reports found joins the rows, marked as such, beside the forecasts they answer.
"""

from __future__ import annotations

from functools import partial
from heapq import merge

from rich.console import RenderableType
from rich.text import Text

from xiaomi_tui.facts.analysis.status import ClaimStanding
from xiaomi_tui.facts.model.factbase import date_order, when
from xiaomi_tui.facts.model.records import Claim
from xiaomi_tui.ui.panes.base import Pane, Shown, empty_sentence
from xiaomi_tui.ui.render.cells import EXPECTED, LATER, PAST, count_cell, plain, standing_cell
from xiaomi_tui.ui.render.detail import render_later_report
from xiaomi_tui.ui.view import Selection, View
from xiaomi_tui.ui.widgets.columns import Column
from xiaomi_tui.ui.widgets.table_rows import Row

EVENT_STANDING = (ClaimStanding.CONFLICT, ClaimStanding.MINOR, ClaimStanding.CORROBORATED, ClaimStanding.UNCONFIRMED,
                  ClaimStanding.ECHOED, ClaimStanding.UNIQUE, ClaimStanding.DISPUTED, ClaimStanding.SUPERSEDED)
"""An event stands as the first of these its claims have: a conflict shows, a disputed claim beside a
counted one does not hide it."""

NAMED = 8
"""Sources named in an event's row at most (the cell shows fewer); the Source column counts them all."""

HAPPENED = {"on": "", "by": ", by then", "not by": ", not yet then"}
"""How a later report's date reads after the topic: it happened then, by then, or had not yet."""


def timeline_tables(view: View) -> list[Shown]:
    """The rows, opening at the fact base's date: what happened is above, what is expected below."""
    events = _events(view)
    home = next((index for index, event in enumerate(events) if event[0].id not in view.facts.outcome_claims
                 and any(map(view.facts.is_expected, event))), 0)
    return [Shown(_rows(view, events), empty_sentence(view, "dated claims"), home=home, noun="events")]


def _events(view: View) -> list[list[Claim]]:
    """The claims in view, one list per event, in the timeline's order; a later report is an event alone."""
    facts, in_view = view.facts, view.sources
    every_source = len(in_view) == len(facts.sources)
    events = []
    for event in view.memo.dated_events:  # grouped once per fact base; here only filtered
        kept = event if every_source else [claim for claim in event if claim.source in in_view]
        if view.query:
            kept = [claim for claim in kept if view.row_matches((), (claim,))]
        if kept:
            events.append(kept)
    if view.later_reports:  # each finding a row of its own, in the same order
        later = [[outcome] for outcome in facts.dated_outcome_claims
                 if view.row_matches((outcome.statement, facts.topics[outcome.topic].label))]
        events = list(merge(events, later, key=lambda event: date_order(event[0])))
    return events


def _rows(view: View, events: list[list[Claim]]) -> list[Row]:
    facts = view.facts
    rows: list[Row] = []
    year = None
    for event in events:
        first = event[0]
        first_of_year = when(first).end.year != year
        year = when(first).end.year
        if first.id in facts.outcome_claims:
            rows.append(Row(partial(_later_cells, view, first, first_of_year), Selection(claim_id=first.id)))
        else:
            rows.append(Row(partial(_cells, view, event, first_of_year),
                            Selection(first.topic, event=(when(first).start, when(first).end))))
    return rows


class TimelinePane(Pane):
    COLUMNS = [Column("Year", redundant=True, in_order=True), Column("When", in_order=True), Column("What", 24),
               Column("Source", 10), Column("Orig"), Column("Standing")]

    def tables(self, view: View) -> list[Shown]:
        return timeline_tables(view)

    def render_detail(self, view: View, selection: Selection | None) -> RenderableType:
        if selection is not None and selection.claim_id in view.facts.outcome_claims:
            return render_later_report(view.facts, view.facts.outcome_claims[selection.claim_id])
        return super().render_detail(view, selection)


def _year(claim: Claim, first_of_year: bool) -> Text:
    # Every row carries its year, so a scrolled view still says when; the first of each year stands out.
    return plain(str(when(claim).end.year), "bold" if first_of_year else "dim")


def _cells(view: View, event: list[Claim], first_of_year: bool) -> list[Text]:
    first = event[0]
    expected = any(map(view.facts.is_expected, event))
    sources = {claim.source for claim in event}
    said = first.statement
    if len(event) > 1:  # who carries it says more than one statement of several, in the fact base's order
        carriers = sorted(sources, key=view.source_rank.__getitem__)
        said = ", ".join(view.facts.source_name(source_id) for source_id in carriers[:NAMED])
        said += ", \u2026" if len(carriers) > NAMED else ""
    verdicts = [claim.disputed or claim.superseded for claim in event]
    if all(verdicts):  # every claim set aside: say what happened, not what the press said would (the detail has it)
        said = "; ".join(dict.fromkeys(verdict.reason for verdict in verdicts if verdict))
    what = Text.assemble((view.facts.topics[first.topic].label, "bold"), ": ", said)
    if expected:
        what.stylize("italic")
    standings = {view.analysis.standings[claim.id] for claim in event}
    return [
        _year(first, first_of_year),
        Text.assemble((f"{EXPECTED} " if expected else f"{PAST} ", "dim" if expected else ""), when(first).human()),
        what,
        plain(view.facts.source_name(first.source) if len(sources) == 1 else f"{len(sources)} sources"),
        count_cell(len({claim.origin for claim in event})),
        standing_cell(next(standing for standing in EVENT_STANDING if standing in standings)),
    ]


def _later_cells(view: View, outcome: Claim, first_of_year: bool) -> list[Text]:
    """A later report's finding, dimmed and marked, so it never passes for 2023 press."""
    label = view.facts.topics[outcome.topic].label
    return [
        _year(outcome, first_of_year),
        Text.assemble((f"{LATER} ", "bold"), when(outcome).human()),
        Text.assemble((label + HAPPENED[outcome.happened], "bold"), ": ", outcome.statement, style="dim"),
        plain(view.facts.outcome_sources[outcome.source].display_name, "dim"),
        Text(""),
        plain(f"{LATER} later report", "dim"),
    ]
