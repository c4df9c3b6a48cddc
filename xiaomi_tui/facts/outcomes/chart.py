"""The forecasts on a time axis: when each was said, when it was due, and when the later reports say it happened.

Every date keeps its precision: it is the interval of days it covers (due "H1 2024" is six months, not
a day), and a chart draws the interval. What happened is dated by the later reports themselves: the days
their dates leave on a date topic ("not yet by late Dec 2023" and "by late Mar 2024": between 1 Jan and
31 Mar 2024), else the date the latest report gives, else the day it was published.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from xiaomi_tui.facts.model.fuzzydate import FuzzyDate
from xiaomi_tui.facts.model.records import TopicKind
from xiaomi_tui.facts.outcomes.forecasts import said_when, value_text
from xiaomi_tui.facts.outcomes.verdicts import Score, Scorecard, happened_between
from xiaomi_tui.facts.wording import day_text

__all__ = ["AXIS_START", "Chart", "ChartRow", "Span", "chart"]

AXIS_START = date(2021, 1, 1)
"""Xiaomi announced its car business in March 2021: the axis starts with that year."""


@dataclass(frozen=True)
class Span:
    """An interval of days, with how it reads: "H1 2024", "between 1 Jan 2024 and 31 Mar 2024"."""

    start: date
    end: date
    text: str

    @classmethod
    def of(cls, when: FuzzyDate, words: str = "") -> Span:
        return cls(when.start, when.end, f"{words}{when.human()}")


@dataclass(frozen=True)
class ChartRow:
    """One forecast: when it was first said, when it was due (None: no date given), and when it happened
    by the later reports (None: none dates it)."""

    score: Score
    what: str  # "Mass-production start: H1 2024"
    who: str  # "Lei Jun"
    said: Span
    due: Span | None
    outcome: Span | None


@dataclass(frozen=True)
class Chart:
    """The rows, and the axis: from 2021 (or the first day a forecast was said, if earlier) to the scoring day
    (or the last day a forecast was said, if later: scored as of mid-2023, the autumn's forecasts still show).
    What lies beyond the axis (a forecast due in 2031) runs off it: a chart draws it as going on."""

    rows: list[ChartRow]
    start: date
    end: date
    as_of: date  # the scoring day


def chart(card: Scorecard, scores: Iterable[Score] | None = None) -> Chart:
    """The chart of `scores` (every forecast of the scorecard when None), in their order."""
    rows = [_row(card, item) for item in (card.scores if scores is None else scores)]
    return Chart(rows, min([AXIS_START, *(row.said.start for row in rows)]),
                 max([card.as_of, *(row.said.end for row in rows)]), card.as_of)


def _row(card: Scorecard, item: Score) -> ChartRow:
    facts = card.facts
    claim = item.claim
    # the appearance that says it earliest for sure: 15 Nov 2023 before Nov 2023, which may be later
    said = min((said_when(facts, appearance) for appearance in item.forecast.claims), key=lambda when: when.end)
    return ChartRow(item, f"{facts.topics[claim.topic].label}: {value_text(facts, claim)}", facts.origin_text(claim),
                    Span.of(said), Span.of(claim.date) if claim.date is not None else None, _outcome(card, item))


_HAPPENED = {"on": "", "by": "by ", "not by": "not yet by "}


def _outcome(card: Scorecard, item: Score) -> Span | None:
    """When the reports the verdict rests on say it happened."""
    facts = card.facts
    if not item.outcomes:
        return None
    if facts.topics[item.claim.topic].kind is TopicKind.DATE:
        earliest, latest = happened_between(item.outcomes)
        if date.min < earliest <= latest < date.max:
            named = [outcome.date for outcome in item.outcomes
                     if outcome.date is not None and (outcome.date.start, outcome.date.end) == (earliest, latest)]
            if named:  # one report's own date: "28 Mar 2024", "Jul 2024"
                return Span.of(named[0])
            return Span(earliest, latest, f"between {day_text(earliest)} and {day_text(latest)}")
    last = item.outcomes[-1]  # the latest report
    if last.date is not None:
        return Span.of(last.date, _HAPPENED[last.happened])
    return Span.of(facts.report_date(last.source), "reported ")
