"""What happened next: each forward-looking press claim scored against the later reports that answer it.

Which report answers which claim is data, never a claim id in code: an outcome claim answers the
press claims on its own topic and those it names (`answers`, compared by value; `refutes`, shown
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

from xiaomi_tui.facts.compare import Relation, compare_claims
from xiaomi_tui.facts.currency import convert
from xiaomi_tui.facts.formatting import format_claim_value
from xiaomi_tui.facts.model import FactBase
from xiaomi_tui.facts.records import Claim, Money, Quantity, Stance, TopicKind

__all__ = ["Score", "Scorecard", "TrackRecord", "Verdict", "describe_outcome", "looks_forward", "score"]


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


_VERDICT_SYMBOLS = {
    Verdict.HELD: "\u2713",  # ✓
    Verdict.BEATEN: "\u25b2",  # ▲
    Verdict.PARTLY: "\u25d0",  # ◐
    Verdict.FELL_SHORT: "\u25bc",  # ▼
    Verdict.MISSED: "\u2717",  # ✗
    Verdict.PENDING: "\u2026",  # …
    Verdict.NOT_SCORABLE: "\u2205",  # ∅
}


@dataclass(frozen=True)
class Score:
    """A forecast's verdict, the reasoning behind it step by step, and the outcome claims it rests on."""

    claim: Claim
    verdict: Verdict
    steps: tuple[str, ...]
    outcomes: tuple[Claim, ...]

    @property
    def reason(self) -> str:
        return "; ".join(self.steps)


@dataclass(frozen=True)
class TrackRecord:
    """How one voice's (or one source's) scored claims turned out; an organisation lists its voices' ids."""

    key: str
    name: str
    counts: dict[Verdict, int]
    members: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def summary(self) -> str:
        """ "1 beaten, 1 held of 2"."""
        parts = [f"{count} {verdict.value}" for verdict, count in self.counts.items() if count]
        return f"{', '.join(parts)} of {self.total}"


@dataclass(eq=False)
class Scorecard:
    facts: FactBase
    as_of: date
    scores: list[Score]

    @cached_property
    def by_claim(self) -> dict[str, Score]:
        return {score.claim.id: score for score in self.scores}

    def by_origin(self) -> list[TrackRecord]:
        return self._records(lambda claim: claim.origin, lambda key: self.facts.parties[key].name)

    def by_source(self) -> list[TrackRecord]:
        return self._records(lambda claim: claim.source, self.facts.source_name)

    def by_organisation(self) -> list[TrackRecord]:
        """Xiaomi's voices (Lei Jun, William Lu, the company) counted as one, each named; `by_origin` keeps them apart."""
        def organisation(claim: Claim) -> str:
            return self.facts.organisation_of(claim.origin).id

        voices: dict[str, list[str]] = {}
        for record in self.by_origin():  # so each organisation lists its voices longest record first
            voices.setdefault(self.facts.organisation_of(record.key).id, []).append(record.key)
        return [replace(record, members=tuple(voices[record.key]) if len(voices[record.key]) > 1 else ())
                for record in self._records(organisation, lambda key: self.facts.parties[key].name)]

    def _records(self, key_of: Callable[[Claim], str], name_of: Callable[[str], str]) -> list[TrackRecord]:
        """Most scored first, then by name: the voices with the longest record lead."""
        tallies: dict[str, Counter[Verdict]] = {}
        for item in self.scores:
            tallies.setdefault(key_of(item.claim), Counter())[item.verdict] += 1
        records = [TrackRecord(key, name_of(key), {verdict: tally[verdict] for verdict in Verdict})
                   for key, tally in tallies.items()]
        return sorted(records, key=lambda record: (-record.total, record.name.casefold()))


def looks_forward(facts: FactBase, claim: Claim) -> bool:
    """Rumours wait for confirmation whatever their date; plans, targets and estimates until they fall
    due; any claim dated after the fact base's date is about the future."""
    if claim.stance is Stance.RUMOUR:
        return True
    if claim.date is None:
        return claim.stance.is_forward
    return facts.is_expected(claim)


def score(facts: FactBase, as_of: date | None = None) -> Scorecard:
    """Every forward-looking press claim, and every other one a later report speaks to (opinions aside),
    scored with the reports published by `as_of` (today when None)."""
    when = as_of or date.today()
    answering: dict[str, list[Claim]] = {}
    refuting: dict[str, list[Claim]] = {}
    for outcome in facts.outcome_claims.values():
        on_its_topic = [claim.id for claim in facts.claims_by_topic[outcome.topic]]
        for claim_id in dict.fromkeys(on_its_topic + outcome.answers):
            answering.setdefault(claim_id, []).append(outcome)
        for claim_id in outcome.refutes:
            refuting.setdefault(claim_id, []).append(outcome)
    scores = [_score_claim(facts, claim, answering.get(claim.id, []), refuting.get(claim.id, []), when)
              for claim in facts.press_claims
              if looks_forward(facts, claim) or (claim.stance is not Stance.OPINION
                                                 and (claim.id in answering or claim.id in refuting))]
    order = list(Verdict)
    scores.sort(key=lambda item: order.index(item.verdict))  # settled first, in the file's order within each
    return Scorecard(facts, when, scores)


def _score_claim(facts: FactBase, claim: Claim, answering: list[Claim], refuting: list[Claim],
                 as_of: date) -> Score:
    topic = facts.topics[claim.topic]
    verb = "expected" if claim.stance.is_forward else "said"
    said = f"{verb} {format_claim_value(claim, topic)}"
    if not answering and not refuting:
        return Score(claim, Verdict.NOT_SCORABLE, (said, "no later report in the fact base answers it"), ())

    def known(outcomes: list[Claim]) -> list[Claim]:
        reported = [outcome for outcome in outcomes if facts.report_date(outcome.source).end <= as_of]
        return sorted(reported, key=lambda outcome: facts.report_date(outcome.source).sort_key)

    shown_false, answers = known(refuting), known(answering)
    if shown_false:
        steps = [f"{_credit(facts, outcome)}: {outcome.statement}" for outcome in shown_false]
        return Score(claim, Verdict.MISSED, (said, *steps), tuple(shown_false))
    if not answers:
        return Score(claim, Verdict.PENDING, (said, f"no later report by {_day(as_of)}"), ())
    if topic.kind is TopicKind.DATE:
        verdict, steps = _score_date(facts, claim, answers, as_of)
    else:
        verdict, steps = _score_values(facts, claim, answers)
    return Score(claim, verdict, (said, *steps, *_metric_mismatches(facts, claim, answers)), tuple(answers))


def _score_date(facts: FactBase, claim: Claim, outcomes: list[Claim], as_of: date) -> tuple[Verdict, list[str]]:
    """The reports narrow when it happened to an interval: inside the claim's dates it held, outside it missed."""
    expected = claim.date
    earliest, latest = date.min, date.max
    steps = []
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
        steps.append(f"{describe_outcome(facts, outcome)} ({_credit(facts, outcome)})")
    if expected is None or not steps:
        return Verdict.NOT_SCORABLE, ["the later reports give no date to compare"]
    if expected.start <= earliest and latest <= expected.end:
        return Verdict.HELD, steps
    if latest < expected.start or earliest > expected.end:
        return Verdict.MISSED, steps
    return Verdict.PENDING, [*steps, f"not decidable with what was reported by {_day(as_of)}"]


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


def _direction(claim: Claim, outcome: Claim, rates: Iterable) -> int:
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


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"
