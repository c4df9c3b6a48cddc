"""What the user is looking at: which fact base, which sources, which search (text and qualifiers).

Panes read everything they show from a `View`, so a filter change is one new `View` and a rebuild.
The app holds the one current `View`; screens and helpers read it when they act, so a reload (a new
`FactBaseMemo`, a new `View`) leaves nothing stale behind. No Textual here: the rules a row follows (which
claims stand behind it, which one `c` cites, whether it matches the search) are tested without an app.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from itertools import groupby
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol, TypeVar, cast

from xiaomi_tui.facts.analysis.query import Query, claim_words, parse_query
from xiaomi_tui.facts.analysis.topics import Analysis, TopicAnalysis, analyse
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.records import Claim
from xiaomi_tui.facts.outcomes.verdicts import Score, Scorecard, Verdict, score

if TYPE_CHECKING:
    from xiaomi_tui.facts.citations import Citation, Form

T = TypeVar("T")

Part = Literal["in-text", "entry"]
"""Half a citation, to copy alone: the in-text citation (or note), or the reference entry."""

KEPT_PER_KIND = 8
"""What `FactBaseMemo.kept` holds of one kind (a pane's tables) at most: a source toggled off and on again
shows at once, and the timeline's rows at 10,000 claims are not kept for every search ever typed."""


class Selection(NamedTuple):
    """The row under the cursor: a topic, or one claim on it, or neither (a rate, a source, a party's track record).

    A named tuple, not a dataclass: the timeline makes one per dated claim on every rebuild.
    """

    topic_id: str | None = None
    claim_id: str | None = None
    source_id: str | None = None
    party_id: str | None = None
    event: tuple[date, date] | None = None  # a timeline row: the claims on the topic dated to these days


def closeness(selection: Selection, item: Score) -> int:
    """How nearly a row stands for a forecast: 3, one of its appearances (its Outcomes row); 2, an event on its
    topic at a date one of them gives (a timeline event); 1, a later report it rests on (a timeline finding), or its
    topic (a topic's row); 0, not at all. The chart opens on the forecast nearest the row, and gives it back to it."""
    if selection.claim_id is not None:
        if any(claim.id == selection.claim_id for claim in item.forecast.claims):
            return 3
        return int(any(claim.id == selection.claim_id for claim in item.outcomes))
    if selection.topic_id != item.forecast.topic:
        return 0
    if selection.event is None:
        return 1
    return 2 if any(claim.date is not None and (claim.date.start, claim.date.end) == selection.event
                    for claim in item.forecast.claims) else 0


def nearest(closenesses: list[int]) -> int | None:
    """The first index of the highest closeness; None when nothing is close at all."""
    best = max(closenesses, default=0)
    return closenesses.index(best) if best else None


def row_holding(selections: list[Selection], item: Score, current: int) -> int | None:
    """The row that holds the forecast `item`: the `current` one if it holds it at all, else the nearest
    (`closeness`); None when no row holds it (filtered out)."""
    closenesses = [closeness(selection, item) for selection in selections]
    if 0 <= current < len(closenesses) and closenesses[current]:
        return current
    return nearest(closenesses)


class HasView(Protocol):
    """Whoever holds the one current view (the app): screens read it when they act."""

    @property
    def view(self) -> View: ...


def _event_key(claim: Claim) -> tuple[str, date, date]:
    assert claim.date is not None  # the timeline's claims are dated
    return (claim.topic, claim.date.start, claim.date.end)


class FactBaseMemo:
    """Everything worked out from one fact base (scored as of one day), kept while it is shown: an analysis per
    set of sources (so toggling a source back and forth is instant), the scorecard, scored once when first read,
    and what the panes made of them (`kept`). A reload, or "Score as of...", makes a new one: nothing in it is
    ever invalidated by hand."""

    def __init__(self, facts: FactBase, as_of: date | None = None):
        self.facts = facts
        self._by_sources: dict[frozenset[str], Analysis] = {}
        # Topic analyses shared between selections, see `analyse`.
        self._topics: dict[tuple[str, frozenset[str]], TopicAnalysis] = {}
        self.as_of = as_of  # the scoring day ("Score as of..."): a new day makes a new one; None: today
        self._scorecard: Scorecard | None = None
        self._kept: dict[str, dict[Hashable, object]] = {}

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

    def kept(self, kind: str, key: Hashable, make: Callable[[], T], most: int | None = KEPT_PER_KIND) -> T:
        """What `make` returns for `key`, made once: a pane's tables per view (`kind` the pane), a matrix row per
        topic analysis and columns. The oldest of a kind goes when it holds `most` (None: no limit)."""
        store = self._kept.setdefault(kind, {})
        if key in store:
            return cast(T, store[key])
        if most is not None and len(store) >= most:
            store.pop(next(iter(store)))
        made = store[key] = make()
        return made


@dataclass(frozen=True, eq=False)
class View:
    """Compared by identity: a new view is made whenever what is shown changes."""

    memo: FactBaseMemo
    analysis: Analysis
    query: str = ""
    later_reports: bool = False  # the timeline shows what later reports found, beside the forecasts

    @classmethod
    def of(cls, facts: FactBase, sources: Iterable[str] | None = None, as_of: date | None = None) -> View:
        """A first view of `facts`: every source, or those of `sources` the fact base has (all if none),
        scored as of `as_of` (today when None)."""
        memo = FactBaseMemo(facts, as_of)
        kept = frozenset(source for source in sources or () if source in facts.sources)
        return cls(memo, memo.analysis(kept or frozenset(facts.sources)))

    def with_sources(self, sources: Iterable[str]) -> View:
        return replace(self, analysis=self.memo.analysis(frozenset(sources)))

    def scored_as_of(self, day: date | None) -> View:
        """The same view with every verdict as of `day` (today when None), as `scorecard --as-of`: "Score as of..."."""
        fresh = View.of(self.facts, self.sources, day)
        return replace(self, memo=fresh.memo, analysis=fresh.analysis)

    def reloaded(self, facts: FactBase) -> View:
        """The same search, toggles and sources (those that still exist) over a new fact base."""
        fresh = View.of(facts, self.sources, self.memo.as_of)
        return replace(self, memo=fresh.memo, analysis=fresh.analysis)

    @property
    def facts(self) -> FactBase:
        return self.memo.facts

    @property
    def unfiltered(self) -> View:
        """This view with every source and no search: what "N of M" counts M in."""
        if not self.query and self.sources == frozenset(self.facts.sources):
            return self
        return replace(self, analysis=self.memo.analysis(frozenset(self.facts.sources)), query="")

    @property
    def scorecard(self) -> Scorecard:
        return self.memo.scorecard

    @property
    def sources(self) -> frozenset[str]:
        return self.analysis.sources

    @property
    def source_rank(self) -> dict[str, int]:
        return self.memo.source_rank

    @cached_property
    def search(self) -> Query:
        """The search text parsed: free text and qualifiers (`is:conflict source:pandaily`)."""
        return parse_query(self.query, self.facts)

    @cached_property
    def _words_of(self) -> Callable[[Claim], Collection[str]]:
        return claim_words(self.analysis, self.memo.verdict_of if self.search.wants_verdict else None)

    def row_matches(self, texts: Iterable[str | None] = (), claims: Collection[Claim] = (), *,
                    claims_text: bool = True) -> bool:
        """Whether a row meets the search: the qualifiers over its claims together (a row no claim stands
        behind, a rate or a later report, never meets one), and the free text, case-insensitive, in one of
        the `texts` it shows or (unless `claims_text` is False: a source's row, a matrix row) in one of its
        claims. Run once per claim per keystroke on the timeline at 10,000 claims: no call when the search
        has no qualifier."""
        search = self.search
        if search.qualified and not search.accepts_claims(claims, self._words_of):
            return False
        needle = search.text
        if not needle:
            return True
        for text in texts:
            if text and needle in text.casefold():
                return True
        if claims_text:
            texts_of = self.facts.search_text
            for claim in claims:
                if needle in texts_of[claim.id]:
                    return True
        return False

    def claims_behind(self, selection: Selection | None) -> list[Claim]:
        """The claims a row stands for, the selected claim first: what `c` and the claims screen offer.
        A timeline event stands for the claims in view on its topic and date only."""
        topic = self.analysis.topics.get(selection.topic_id) if selection and selection.topic_id else None
        if topic is None or selection is None:  # no topic, or one a reload took away
            return []
        ordered = list(topic.ordered_claims)
        if selection.event:
            ordered = [claim for claim in ordered
                       if claim.date and (claim.date.start, claim.date.end) == selection.event]
        if selection.claim_id:
            ordered.sort(key=lambda claim: claim.id != selection.claim_id)
        return ordered

    def claim_to_cite(self, selection: Selection | None) -> Claim | None:
        """The selection's own claim (a forecast, the claim highlighted in the claims screen), else the first
        behind its row; None when there is none, or when the claim is gone from the fact base."""
        if selection is None:
            return None
        if selection.claim_id:
            return self.facts.claims.get(selection.claim_id)
        claims = self.claims_behind(selection)
        return claims[0] if claims else None

    def gone(self, selection: Selection | None) -> bool:
        """Whether the selection names a claim the fact base no longer has: it changed on disk since."""
        claim_id = selection.claim_id if selection is not None else None
        return bool(claim_id) and claim_id not in self.facts.claims and claim_id not in self.facts.outcome_claims

    def score_of(self, selection: Selection | None) -> Score | None:
        """The score of the selected forecast, if a scored claim is selected."""
        if selection is None or selection.claim_id is None:
            return None
        return self.scorecard.by_claim.get(selection.claim_id)

    def forecasts_shown(self) -> list[tuple[Score, list[Claim]]]:
        """The forecasts in view, in the scorecard's order, each with its appearances in view: one is shown while
        a source that carried it is in view and one of those appearances matches the search."""
        shown = []
        for item in self.scorecard.scores:
            carried = [claim for claim in item.forecast.claims if claim.source in self.sources]
            if carried and any(self.row_matches((), (claim,)) for claim in carried):
                shown.append((item, carried))
        return shown

    def detail_key(self, selection: Selection | None) -> tuple[object, ...]:
        """What the detail of `selection` is drawn from: the panel is redrawn only when this changes.

        Topic analyses are shared between views (see `analyse`), so toggling a source that says
        nothing on the selected topic leaves the key, and the panel, as they were; a reload or a new scoring
        day makes new ones (a new `FactBaseMemo`), so the verdicts the detail shows are redrawn.
        """
        if selection is not None and selection.topic_id:
            return (selection, self.analysis.topics.get(selection.topic_id))
        if selection is not None and selection.source_id:  # the source's own fields too: an edit of it redraws
            return (selection, self.facts.sources.get(selection.source_id),
                    tuple(self.analysis.source_tallies.get(selection.source_id, {}).items()))
        return (selection, self.analysis, self.query)  # an empty table's sentence names the search

    @property
    def filter_label(self) -> str:
        """What narrows the rows: "3 of 5 sources", and the search text if there is one."""
        label = f"{len(self.sources)} of {len(self.facts.sources)} sources"
        return f"{label} \u00b7 search: {self.query}" if self.query else label


def citation_for(view: View, selection: Selection | None, style: str, form: Form = "claim") -> Citation | None:
    """The selected claim cited in `style` and `form` (the source, the origin's as cited in it, or the origin's
    alone), or the selected source's or later report's reference; None when the row has nothing to cite in that
    form. Raises `NotCitable` when the claim's origin cannot be cited. What `c`, `i`, `I` and the style
    picker's preview copy."""
    from xiaomi_tui.facts.citations import Citation, cite, cite_document

    facts = view.facts
    if selection and selection.claim_id in facts.outcome_claims:  # a later report
        if form != "claim":
            return None
        report = facts.outcome_sources[facts.outcome_claims[selection.claim_id].source]
        return Citation(cite_document(facts, report, style))
    claim = view.claim_to_cite(selection)
    if claim is not None:
        return cite(facts, claim, style, form)
    if selection and selection.source_id in facts.sources and form == "claim":
        return Citation(cite_document(facts, facts.sources[selection.source_id], style))
    return None
