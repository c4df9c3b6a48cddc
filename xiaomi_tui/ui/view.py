"""What the user is looking at: which fact base, which sources, which search (text and qualifiers).

Panes read everything they show from a `View`, so a filter change is one new `View` and a rebuild.
The app holds the one current `View`; screens and helpers read it when they act, so a reload (a new
`Derived`, a new `View`) leaves nothing stale behind.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from itertools import groupby
from typing import NamedTuple, Protocol

from textual.message import Message

from xiaomi_tui.facts.analysis.query import Query, claim_words, parse_query
from xiaomi_tui.facts.analysis.topics import Analysis, TopicAnalysis, analyse
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.records import Claim
from xiaomi_tui.facts.outcomes.verdicts import Score, Scorecard, Verdict, score


class Selection(NamedTuple):
    """The row under the cursor: a topic, or one claim on it, or neither (a rate, a source, a party's track record).

    A named tuple, not a dataclass: the timeline makes one per dated claim on every rebuild.
    """

    topic_id: str | None = None
    claim_id: str | None = None
    source_id: str | None = None
    party_id: str | None = None
    event: tuple[date, date] | None = None  # a timeline row: the claims on the topic dated to these days


class HasView(Protocol):
    """Whoever holds the one current view (the app): screens read it when they act."""

    @property
    def view(self) -> View: ...


class ViewChanged(Message):
    """Sent to each screen over the dashboard when the view changes under it (a reload, a source ticked)."""


def _event_key(claim: Claim) -> tuple[str, date, date]:
    assert claim.date is not None  # the timeline's claims are dated
    return (claim.topic, claim.date.start, claim.date.end)


class Derived:
    """What one fact base yields: an analysis per set of sources (so toggling a source back and forth is
    instant) and the scorecard, scored once when first read. A reload makes a new one."""

    def __init__(self, facts: FactBase, as_of: date | None = None):
        self.facts = facts
        self._by_sources: dict[frozenset[str], Analysis] = {}
        # Topic analyses shared between selections, see `analyse`.
        self._topics: dict[tuple[str, frozenset[str]], TopicAnalysis] = {}
        self.as_of = as_of  # the scoring day ("Score as of..."): a new day makes a new one; None: today
        self._scorecard: Scorecard | None = None

    @property
    def scorecard(self) -> Scorecard:
        """Scored on first use: only the Outcomes pane and a search for a verdict need it. The one scorecard
        of the app: the pane, `is:missed` and `o` all read this, so they agree on the scoring day."""
        if self._scorecard is None:
            self._scorecard = score(self.facts, self.as_of)
        return self._scorecard

    def verdict_of(self, claim_id: str) -> Verdict | None:
        found = self.scorecard.by_claim.get(claim_id)
        return found.verdict if found is not None else None

    @cached_property
    def dated_events(self) -> list[list[Claim]]:
        """The dated claims as the timeline's events: one list per topic and date, in the timeline's order."""
        return [list(claims) for _, claims in groupby(self.facts.dated_claims, key=_event_key)]

    @cached_property
    def source_rank(self) -> dict[str, int]:
        """Each source's place in the fact base, to list a set of them in the fact base's order."""
        return {source_id: rank for rank, source_id in enumerate(self.facts.sources)}

    def analysis(self, sources: frozenset[str]) -> Analysis:
        analysis = self._by_sources.get(sources)
        if analysis is None:
            analysis = self._by_sources[sources] = analyse(self.facts, sources, self._topics)
        return analysis


@dataclass(frozen=True, eq=False)
class View:
    """Compared by identity: a new view is made whenever what is shown changes."""

    derived: Derived
    analysis: Analysis
    query: str = ""
    later_reports: bool = False  # the timeline shows what later reports found, beside the forecasts

    @classmethod
    def of(cls, facts: FactBase, sources: Iterable[str] | None = None, as_of: date | None = None) -> View:
        """A first view of `facts`: every source, or those of `sources` the fact base has (all if none),
        scored as of `as_of` (today when None)."""
        derived = Derived(facts, as_of)
        kept = frozenset(source for source in sources or () if source in facts.sources)
        return cls(derived, derived.analysis(kept or frozenset(facts.sources)))

    def with_sources(self, sources: Iterable[str]) -> View:
        return replace(self, analysis=self.derived.analysis(frozenset(sources)))

    def scored_as_of(self, day: date | None) -> View:
        """The same view with every verdict as of `day` (today when None), as `scorecard --as-of`: "Score as of..."."""
        fresh = View.of(self.facts, self.sources, day)
        return replace(self, derived=fresh.derived, analysis=fresh.analysis)

    def reloaded(self, facts: FactBase) -> View:
        """The same search, toggles and sources (those that still exist) over a new fact base."""
        fresh = View.of(facts, self.sources, self.derived.as_of)
        return replace(self, derived=fresh.derived, analysis=fresh.analysis)

    @property
    def facts(self) -> FactBase:
        return self.derived.facts

    @property
    def unfiltered(self) -> View:
        """This view with every source and no search: what "N of M" counts M in."""
        if not self.query and self.sources == frozenset(self.facts.sources):
            return self
        return replace(self, analysis=self.derived.analysis(frozenset(self.facts.sources)), query="")

    @property
    def scorecard(self) -> Scorecard:
        return self.derived.scorecard

    @property
    def sources(self) -> frozenset[str]:
        return self.analysis.sources

    @property
    def source_rank(self) -> dict[str, int]:
        return self.derived.source_rank

    @cached_property
    def search(self) -> Query:
        """The search text parsed: free text and qualifiers (`is:conflict source:pandaily`)."""
        return parse_query(self.query, self.facts)

    @property
    def _needle(self) -> str:
        return self.search.text

    @cached_property
    def _words_of(self) -> Callable[[Claim], Collection[str]]:
        return claim_words(self.analysis, self.derived.verdict_of if self.search.wants_verdict else None)

    def matches(self, *texts: str | None) -> bool:
        """For a row no claim stands behind (a rate, a later report): a case-insensitive substring test
        over the texts it shows; qualifiers ask about claims, so such a row never meets one."""
        return not self.search.qualified and self.text_matches(*texts)

    def text_matches(self, *texts: str | None) -> bool:
        """The free text alone, as a substring of any of `texts`."""
        needle = self._needle
        return not needle or any(text and needle in text.casefold() for text in texts)

    def qualifies(self, claims: Collection[Claim]) -> bool:
        """The qualifiers alone, over a row's claims together (see `Query.accepts_claims`)."""
        return not self.search.qualified or self.search.accepts_claims(claims, self._words_of)

    def claim_matches(self, claim: Claim) -> bool:
        """Run once per claim per keystroke (the timeline at 10,000 claims): no call when there is no qualifier."""
        search = self.search
        if search.qualified and not search.accepts_claims((claim,), self._words_of):
            return False
        return not search.text or search.text in self.facts.search_text[claim.id]

    def row_matches(self, texts: Iterable[str | None], claims: Collection[Claim]) -> bool:
        """A row that stands for several claims (a topic, a source): the qualifiers over all of them
        together; the text in what the row shows or in any of its claims."""
        texts_of = self.facts.search_text
        return self.qualifies(claims) and (self.text_matches(*texts)
                                           or any(self._needle in texts_of[claim.id] for claim in claims))

    def forecasts_shown(self) -> list[tuple[Score, list[Claim]]]:
        """The forecasts in view, in the scorecard's order, each with its appearances in view: one is shown while
        a source that carried it is in view and one of those appearances matches the search."""
        shown = []
        for item in self.scorecard.scores:
            carried = [claim for claim in item.forecast.claims if claim.source in self.sources]
            if carried and any(map(self.claim_matches, carried)):
                shown.append((item, carried))
        return shown

    def detail_key(self, selection: Selection | None) -> tuple[object, ...]:
        """What the detail of `selection` is drawn from: the panel is redrawn only when this changes.

        Topic analyses are shared between views (see `analyse`), so toggling a source that says
        nothing on the selected topic leaves the key, and the panel, as they were.
        """
        if selection is not None and selection.topic_id:
            return (selection, self.analysis.topics.get(selection.topic_id))
        if selection is not None and selection.source_id:
            return (selection, tuple(self.analysis.source_tallies.get(selection.source_id, {}).items()))
        return (selection, self.analysis, self.query)  # an empty table's sentence names the search

    @property
    def filter_label(self) -> str:
        """What narrows the rows: "3 of 5 sources", and the search text if there is one."""
        label = f"{len(self.sources)} of {len(self.facts.sources)} sources"
        return f"{label} \u00b7 search: {self.query}" if self.query else label
