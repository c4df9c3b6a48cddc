"""What the user is looking at: which fact base, which sources, which search text.

Panes read everything they show from a `View`, so a filter change is one new `View` and a rebuild.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import NamedTuple

from xiaomi_tui.facts.analysis import Analysis, analyse
from xiaomi_tui.facts.model import FactBase
from xiaomi_tui.facts.records import Claim


class Selection(NamedTuple):
    """The row under the cursor: a topic, or one claim on it, or neither (a rate, a source, a party's track record).

    A named tuple, not a dataclass: the timeline makes one per dated claim on every rebuild.
    """

    topic_id: str | None = None
    claim_id: str | None = None
    source_id: str | None = None
    party_id: str | None = None
    event: tuple[date, date] | None = None  # a timeline row: the claims on the topic dated to these days


class AnalysisCache:
    """One analysis per set of sources, so toggling a source back and forth is instant."""

    def __init__(self, facts: FactBase):
        self.facts = facts
        self._by_sources: dict[frozenset[str], Analysis] = {}
        self._topics: dict = {}  # topic analyses shared between selections, see `analyse`

    def get(self, sources: frozenset[str]) -> Analysis:
        analysis = self._by_sources.get(sources)
        if analysis is None:
            analysis = self._by_sources[sources] = analyse(self.facts, sources, self._topics)
        return analysis


@dataclass(frozen=True, eq=False)
class View:
    """Compared by identity: a new view is made whenever what is shown changes."""

    facts: FactBase
    analysis: Analysis
    query: str = ""
    later_reports: bool = False  # the timeline shows what later reports found, beside the forecasts

    @property
    def sources(self) -> frozenset[str]:
        return self.analysis.sources

    @cached_property
    def _needle(self) -> str:
        return self.query.casefold().strip()

    def matches(self, *texts: str | None) -> bool:
        """Search is a case-insensitive substring test over the texts a row shows."""
        if not self._needle:
            return True
        return any(text and self._needle in text.casefold() for text in texts)

    def claim_matches(self, claim: Claim) -> bool:
        return not self._needle or self._needle in self.facts.search_text[claim.id]

    def detail_key(self, selection: Selection | None) -> tuple[object, ...]:
        """What the detail of `selection` is drawn from: the panel is redrawn only when this changes.

        Topic analyses are shared between views (see `analyse`), so toggling a source that says
        nothing on the selected topic leaves the key, and the panel, as they were.
        """
        if selection is not None and selection.topic_id:
            return (selection, self.analysis.topics.get(selection.topic_id))
        if selection is not None and selection.source_id:
            return (selection, tuple(self.analysis.source_tallies.get(selection.source_id, {}).items()))
        return (selection, self.analysis)

    @property
    def filter_label(self) -> str:
        """What narrows the rows: "3 of 5 sources", and the search text if there is one."""
        label = f"{len(self.sources)} of {len(self.facts.sources)} sources"
        return f"{label} \u00b7 search: {self.query}" if self.query else label
