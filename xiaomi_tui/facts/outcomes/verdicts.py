"""What happened next: each forecast (see `forecasts.py`) scored against the later reports that answer it.

A report that answers any of a forecast's appearances answers the forecast. Which report answers
which claim is data, never a claim id in code: an outcome claim answers the press claims on its own
topic and those it names (`answers`, compared by value; `refutes`, shown
false outright); a topic says what its figures count (`metric`) and which way an outcome beats a
forecast (`better`). Dates compare as the intervals of days their fuzzy dates cover; numbers and
ranges through `compare.compare_claims`. Scoring as of a day uses only the reports published by
then (a report dated "Apr 2024" counts from 30 Apr 2024).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum
from functools import cached_property

from xiaomi_tui.facts.analysis.compare import Relation, compare_claims
from xiaomi_tui.facts.model.currency import convert
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.formatting import format_claim_value
from xiaomi_tui.facts.model.records import Claim, Money, Quantity, Rate, TopicKind
from xiaomi_tui.facts.outcomes.forecasts import Forecast, LeftOut, find_forecasts, left_out
from xiaomi_tui.facts.wording import day_text

__all__ = ["Score", "Scorecard", "TrackRecord", "Unresolved", "Verdict", "describe_outcome", "happened_between", "score"]


class Verdict(str, Enum):
    """How a forecast turned out; each has a symbol, so the meaning never rests on colour alone."""

    HELD = "held"
    BEATEN = "beaten"  # the outcome passed an estimate or target
    PARTLY = "partly"
    FELL_SHORT = "fell short"
    MISSED = "missed"
    PENDING = "pending"  # not decidable with what was reported by the scoring date
    NOT_SCORABLE = "not scorable"

    @property
    def symbol(self) -> str:
        return _VERDICT_SYMBOLS[self]

    @property
    def slug(self) -> str:
        """The verdict as a word for scripts: "fell-short", "not-scorable"."""
        return self.value.replace(" ", "-")

    @property
    def resolved(self) -> bool:
        """Held, beaten, partly, fell short or missed: a track record counts these; the others it shows apart."""
        return self not in (Verdict.PENDING, Verdict.NOT_SCORABLE)


_VERDICT_SYMBOLS = {
    Verdict.HELD: "\u25cf",  # ● full: it held (not ✓, which is corroborated everywhere else)
    Verdict.BEATEN: "\u25b2",  # ▲
    Verdict.PARTLY: "\u25d0",  # ◐
    Verdict.FELL_SHORT: "\u25bc",  # ▼
    Verdict.MISSED: "\u25cb",  # ○ empty: it did not happen (not ✗, which is conflict); ◐ partly between
    Verdict.PENDING: "\u2026",  # …
    Verdict.NOT_SCORABLE: "\u2205",  # ∅
}


class Unresolved(str, Enum):
    """Why a forecast has no verdict yet, so a scorecard can count them apart."""

    NO_REPORT = "no later report"
    UNDECIDED = "not yet decidable"
    NOT_COMPARABLE = "not comparable"


@dataclass(frozen=True)
class Score:
    """A forecast's verdict, the reasoning behind it step by step, and the outcome claims it rests on."""

    forecast: Forecast
    verdict: Verdict
    steps: tuple[str, ...]
    outcomes: tuple[Claim, ...]
    unresolved: Unresolved | None = None

    @property
    def claim(self) -> Claim:
        """The forecast's first appearance: what it said, and who said it."""
        return self.forecast.claim

    @property
    def reason(self) -> str:
        return "; ".join(self.steps)


@dataclass(frozen=True)
class TrackRecord:
    """How one voice's (or organisation's, or source's) forecasts turned out; an organisation lists its voices."""

    key: str
    name: str
    counts: dict[Verdict, int]
    members: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def resolved(self) -> int:
        return sum(count for verdict, count in self.counts.items() if verdict.resolved)

    @property
    def summary(self) -> str:
        """ "1 beaten, 1 held of 2 resolved; 1 pending": what is open is never counted as right or wrong."""
        def listed(verdicts: Iterable[Verdict]) -> str:
            return ", ".join(f"{self.counts[verdict]} {verdict.value}" for verdict in verdicts if self.counts[verdict])

        settled = f"{listed(v for v in Verdict if v.resolved)} of {self.resolved} resolved" if self.resolved \
            else "none resolved"
        open_ = listed(v for v in Verdict if not v.resolved)
        return f"{settled}; {open_}" if open_ else settled


@dataclass(eq=False)
class Scorecard:
    """One score per forecast, and the press claims left out as not forecasts, as of one day."""

    facts: FactBase
    as_of: date
    scores: list[Score]
    left_out: list[tuple[Claim, LeftOut]]

    @cached_property
    def by_claim(self) -> dict[str, Score]:
        """Each appearance's forecast's score."""
        return {claim.id: item for item in self.scores for claim in item.forecast.claims}

    @cached_property
    def by_forecast(self) -> dict[str, Score]:
        return {item.forecast.id: item for item in self.scores}

    @property
    def known_reports(self) -> list[str]:
        """The later reports published by the scoring day: one published after it was not known then."""
        return [source_id for source_id in self.facts.outcome_sources
                if self.facts.report_date(source_id).end <= self.as_of]

    def by_origin(self) -> list[TrackRecord]:
        return self._records(lambda item: [item.forecast.origin], lambda key: self.facts.parties[key].name)

    def by_source(self) -> list[TrackRecord]:
        """A forecast counts once in each source that carried it."""
        return self._records(lambda item: list(item.forecast.sources), self.facts.source_name)

    def by_organisation(self) -> list[TrackRecord]:
        """Xiaomi's voices (Lei Jun, William Lu, the company) counted as one, each named; `by_origin` keeps them apart."""
        def organisation(item: Score) -> list[str]:
            return [self.facts.organisation_of(item.forecast.origin).id]

        voices: dict[str, list[str]] = {}
        for record in self.by_origin():  # so each organisation lists its voices longest record first
            voices.setdefault(self.facts.organisation_of(record.key).id, []).append(record.key)
        return [replace(record, members=tuple(voices[record.key]))
                for record in self._records(organisation, lambda key: self.facts.parties[key].name)]

    def _records(self, keys_of: Callable[[Score], list[str]], name_of: Callable[[str], str]) -> list[TrackRecord]:
        """Most resolved first, then most forecasts, then by name: the voices with the longest record lead."""
        tallies: dict[str, Counter[Verdict]] = {}
        for item in self.scores:
            for key in keys_of(item):
                tallies.setdefault(key, Counter())[item.verdict] += 1
        records = [TrackRecord(key, name_of(key), {verdict: tally[verdict] for verdict in Verdict})
                   for key, tally in tallies.items()]
        return sorted(records, key=lambda record: (-record.resolved, -record.total, record.name.casefold()))


def score(facts: FactBase, as_of: date | None = None) -> Scorecard:
    """Every forecast in the press scored with the reports published by `as_of` (today when None);
    the other press claims left out, each with why."""
    when = as_of or date.today()
    answering: dict[str, list[Claim]] = {}
    refuting: dict[str, list[Claim]] = {}
    for outcome in facts.outcome_claims.values():
        on_its_topic = [claim.id for claim in facts.claims_by_topic[outcome.topic]]
        for claim_id in dict.fromkeys([*on_its_topic, *outcome.answers]):
            answering.setdefault(claim_id, []).append(outcome)
        for claim_id in outcome.refutes:
            refuting.setdefault(claim_id, []).append(outcome)
    kept, dropped = [], []
    for claim in facts.press_claims:
        why = left_out(facts, claim)
        if why is None:
            kept.append(claim)
        else:
            dropped.append((claim, why))

    def gathered(found: dict[str, list[Claim]], forecast: Forecast) -> list[Claim]:
        return list({outcome.id: outcome for claim in forecast.claims for outcome in found.get(claim.id, [])}.values())

    scores = [_score_forecast(facts, forecast, gathered(answering, forecast), gathered(refuting, forecast), when)
              for forecast in find_forecasts(facts, kept)]
    order = list(Verdict)
    scores.sort(key=lambda item: order.index(item.verdict))  # settled first, in the file's order within each
    return Scorecard(facts, when, scores, dropped)


def _score_forecast(facts: FactBase, forecast: Forecast, answering: list[Claim], refuting: list[Claim],
                    as_of: date) -> Score:
    claim = forecast.claim
    topic = facts.topics[claim.topic]
    said = f"expected {format_claim_value(claim, topic)}"
    if not answering and not refuting:
        if claim.date is not None and claim.date.end > as_of:  # not due yet: nothing could have settled it
            return Score(forecast, Verdict.PENDING, (said, f"due {claim.date.human()}, after {day_text(as_of)}"), (),
                         Unresolved.UNDECIDED)
        return Score(forecast, Verdict.NOT_SCORABLE, (said, "no later report in the fact base answers it"), (),
                     Unresolved.NO_REPORT)

    def known(outcomes: list[Claim]) -> list[Claim]:
        reported = [outcome for outcome in outcomes if facts.report_date(outcome.source).end <= as_of]
        return sorted(reported, key=lambda outcome: facts.report_date(outcome.source).sort_key)

    shown_false, answers = known(refuting), known(answering)
    if shown_false:
        steps = [f"{_credit(facts, outcome)}: {outcome.statement}" for outcome in shown_false]
        return Score(forecast, Verdict.MISSED, (said, *steps), tuple(shown_false))
    if not answers:
        return Score(forecast, Verdict.PENDING, (said, f"no later report by {day_text(as_of)}"), (), Unresolved.NO_REPORT)
    if topic.kind is TopicKind.DATE:
        verdict, steps = _score_date(facts, claim, answers, as_of)
    else:
        verdict, steps = _score_values(facts, claim, answers)
    unresolved = None
    if verdict is Verdict.PENDING:
        unresolved = Unresolved.UNDECIDED
    elif verdict is Verdict.NOT_SCORABLE:
        unresolved = Unresolved.NOT_COMPARABLE
    return Score(forecast, verdict, (said, *steps, *_metric_mismatches(facts, claim, answers)), tuple(answers),
                 unresolved)


def _score_date(facts: FactBase, claim: Claim, outcomes: list[Claim], as_of: date) -> tuple[Verdict, list[str]]:
    """The reports narrow when it happened to an interval: inside the claim's dates it held, outside it missed."""
    expected = claim.date
    earliest, latest = happened_between(outcomes)
    steps = [f"{describe_outcome(facts, outcome)} ({_credit(facts, outcome)})"
             for outcome in outcomes if outcome.date is not None]
    if expected is None or not steps:
        return Verdict.NOT_SCORABLE, ["the later reports give no date to compare"]
    if expected.start <= earliest and latest <= expected.end:
        return Verdict.HELD, steps
    if latest < expected.start or earliest > expected.end:
        return Verdict.MISSED, steps
    return Verdict.PENDING, [*steps, f"not decidable with what was reported by {day_text(as_of)}"]


def happened_between(outcomes: Iterable[Claim]) -> tuple[date, date]:
    """The days the dated reports leave for when it happened: `date.min` or `date.max` where nothing bounds them.
    On a date it happened then; by a date, then or before; not by a date, only after it."""
    earliest, latest = date.min, date.max
    for outcome in outcomes:
        when = outcome.date
        if when is None:
            continue
        if outcome.happened != "not by":
            latest = min(latest, when.end)
        if outcome.happened == "on":
            earliest = max(earliest, when.start)
        elif outcome.happened == "not by":
            earliest = max(earliest, when.end + timedelta(days=1))
    return earliest, latest


def _score_values(facts: FactBase, claim: Claim, outcomes: list[Claim]) -> tuple[Verdict, list[str]]:
    """Each report compared as the press's own claims are; reports that disagree among themselves make it partly."""
    topic = facts.topics[claim.topic]
    verdicts, steps = [], []
    for outcome in outcomes:
        own_topic = facts.topics[outcome.topic]
        label = "" if own_topic is topic else f"{own_topic.label}: "
        step = f"{label}{describe_outcome(facts, outcome)} ({_credit(facts, outcome)})"
        if own_topic.kind is not topic.kind:  # context, such as where the car was sold
            verdicts.append(Verdict.NOT_SCORABLE)
            steps.append(step)
            continue
        relation, why = compare_claims(topic, claim, outcome, facts.rates)
        verdicts.append(_verdict_of(relation, topic.better, _direction(claim, outcome, facts.rates)))
        steps.append(f"{step}: {why}")
    decisive = {verdict for verdict in verdicts if verdict is not Verdict.NOT_SCORABLE}
    if not decisive:
        return Verdict.NOT_SCORABLE, steps
    return (decisive.pop() if len(decisive) == 1 else Verdict.PARTLY), steps


def _verdict_of(relation: Relation, better: str | None, direction: int) -> Verdict:
    if relation.consistent:
        return Verdict.HELD
    if relation is Relation.CONFLICT:
        if better and direction:
            return Verdict.BEATEN if (direction > 0) == (better == "more") else Verdict.FELL_SHORT
        return Verdict.MISSED
    return Verdict.NOT_SCORABLE  # not comparable, or answers that can all hold


def _direction(claim: Claim, outcome: Claim, rates: Iterable[Rate]) -> int:
    """+1 when the outcome lies wholly above the claim's figure or range, -1 wholly below, else 0."""
    said, found = claim.value, outcome.value
    if not (isinstance(said, (Money, Quantity)) and isinstance(found, (Money, Quantity))):
        return 0
    factor = 1.0
    if isinstance(said, Money) and isinstance(found, Money):
        factor = convert(found.currency, said.currency, rates) or 0.0
        if not factor:
            return 0
    if found.min is not None and said.max is not None and found.min * factor > said.max:
        return 1
    if found.max is not None and said.min is not None and found.max * factor < said.min:
        return -1
    return 0


def _metric_mismatches(facts: FactBase, claim: Claim, outcomes: list[Claim]) -> list[str]:
    """Kuo said shipments; the outcome counts deliveries: close, but not the same count, and the reader should know."""
    counted = facts.topics[claim.topic].metric
    steps = []
    for outcome in outcomes:
        other = outcome.metric or facts.topics[outcome.topic].metric
        if counted and other and other != counted:
            steps.append(f"metric mismatch: the claim counts {counted}, the outcome {other}")
    return list(dict.fromkeys(steps))


def describe_outcome(facts: FactBase, outcome: Claim) -> str:
    """What a later report found, in a few words: "28 Mar 2024", "not yet by late Dec 2023", "800 V (SU7 Max)"."""
    value = format_claim_value(outcome, facts.topics[outcome.topic])
    if outcome.date is not None and outcome.value is None and outcome.happened != "on":
        value = f"{'not yet by' if outcome.happened == 'not by' else 'by'} {value}"
    return f"{value} ({outcome.scope})" if outcome.scope else value


def _credit(facts: FactBase, outcome: Claim) -> str:
    source = facts.outcome_sources[outcome.source]
    return f"{source.display_name}, {facts.report_date(source.id).human()}"

