"""How a topic's values stand to one another, in time and memory linear in the values, never a relation per pair.

A topic can have thousands of distinct values (a hostile file, a long-running story): a relation per pair was
5.7 GB at 674 KB. What the analysis needs is less: per value, the worst relation it has to any other (a conflict,
a minor discrepancy, or none), which values back it, and one example of each relation the topic has, for its
reason. For the kinds that make up a fact base that is found from a few extremes:

- numbers: the gap to a value grows the further it lies, so the value with the highest low (and
  the one with the lowest high) is the furthest on each side; a value that conflicts with none and is within
  rounding of all is consistent with every other, and so backed by all of them;
- dates: intervals of days, disjoint or not, from the latest start and the earliest end;
- text: different words conflict when the topic is exclusive, and differ otherwise.

Sums in several currencies are compared in each one's units with those a recorded rate converts. Anything else
(yes/no) is compared pair by pair, keeping only what is needed.
The relation between two values is what `compare.compare_claims` says of them, the earlier value first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

from xiaomi_tui.facts.analysis.compare import AGREE_WITHIN, MINOR_WITHIN, Relation, compare_claims
from xiaomi_tui.facts.analysis.status import ClaimStanding
from xiaomi_tui.facts.model.currency import convert
from xiaomi_tui.facts.model.factbase import when
from xiaomi_tui.facts.model.records import Claim, Money, Quantity, Rate, Text, Topic, TopicKind

__all__ = ["Backing", "Comparison", "compare_groups", "relation_between"]

Groups = Sequence[Sequence[Claim]]
"""Each group: claims stating one value, the first standing for all."""

_ORDER = (Relation.CONFLICT, Relation.INCOMPARABLE, Relation.MINOR, Relation.DIFFER)
"""The relations a topic's status is read from, most telling first (see `topics._status`)."""


def relation_between(topic: Topic, groups: Groups, rates: Sequence[Rate], i: int, j: int) -> tuple[Relation, str]:
    """The relation of two values, the earlier one first (a sum is compared in the earlier one's currency)."""
    first, second = min(i, j), max(i, j)
    return compare_claims(topic, groups[first][0], groups[second][0], rates)


@dataclass
class Comparison:
    """Per value, its worst relation to another (CONFLICT, MINOR or None) and who backs it (`backers`: a key
    naming a set of values, `members` of it); an example reason of each relation the topic has."""

    found: dict[Relation, str]
    worst: list[Relation | None]
    backers: list[Hashable]
    members: Callable[[Hashable], Sequence[int]]


def compare_groups(topic: Topic, groups: Groups, rates: Sequence[Rate]) -> Comparison:
    count = len(groups)
    if count < 2:
        return Comparison({}, [None] * count, ["all"] * count, lambda _key: range(count))
    firsts = [group[0] for group in groups]
    values = [claim.value for claim in firsts]
    if topic.kind is TopicKind.DATE:
        comparison = _dates(firsts)
    elif all(isinstance(value, Text) for value in values):
        comparison = _texts(topic, count)
    elif (numbers := _spans(values)) is not None:
        comparison = _numbers(topic, groups, rates, *numbers)
    else:
        return _pairs(topic, groups, rates)
    for relation in _ORDER:  # an example reason, found once for the relation the status will name
        if relation in comparison.found:
            comparison.found[relation] = comparison.found[relation] or _example(
                topic, groups, rates, relation, comparison.worst)
            break
    return comparison


def _example(topic: Topic, groups: Groups, rates: Sequence[Rate], relation: Relation,
             worst: list[Relation | None]) -> str:
    """The reason of the first pair of values in that relation: one value's scan, not every pair's."""
    candidates = [i for i, own in enumerate(worst) if own is relation] or range(len(groups))
    for i in candidates:
        for j in range(len(groups)):
            if j != i:
                found, reason = relation_between(topic, groups, rates, i, j)
                if found is relation:
                    return reason
    raise AssertionError(f"no pair is {relation.value}")  # pragma: no cover - the caller found one


# -- dates -------------------------------------------------------------------------------------


def _dates(firsts: list[Claim]) -> Comparison:
    dated = [i for i, claim in enumerate(firsts) if claim.date is not None]
    latest_start = _two(dated, lambda i: -when(firsts[i]).start.toordinal())
    earliest_end = _two(dated, lambda i: when(firsts[i]).end.toordinal())
    worst: list[Relation | None] = [None] * len(firsts)
    for i in dated:
        own = when(firsts[i])
        start = -_other(latest_start, i, float("inf"))
        end = _other(earliest_end, i, float("inf"))
        if start > own.end.toordinal() or end < own.start.toordinal():
            worst[i] = Relation.CONFLICT
    found: dict[Relation, str] = dict.fromkeys([Relation.CONFLICT] if Relation.CONFLICT in worst else [], "")
    if len(dated) < len(firsts) and len(firsts) > 1:
        found[Relation.INCOMPARABLE] = "not comparable: a claim has no date"
    in_time = set(dated)
    members = {"dated": dated}
    return Comparison(found, worst, ["dated" if i in in_time else ("self", i) for i in range(len(firsts))],
                      lambda key: members["dated"] if key == "dated" else [key[1]])  # type: ignore[index]


# -- text --------------------------------------------------------------------------------------


def _texts(topic: Topic, count: int) -> Comparison:
    """Groups hold different words: all conflict on an exclusive topic, all differ on another."""
    if topic.exclusive:
        return Comparison({Relation.CONFLICT: ""}, [Relation.CONFLICT] * count, ["all"] * count,
                          lambda _key: range(count))
    return Comparison({Relation.DIFFER: ""}, [None] * count, [("self", i) for i in range(count)],
                      lambda key: [key[1]])  # type: ignore[index]


# -- numbers -----------------------------------------------------------------------------------


def _spans(values: Sequence[object]) -> tuple[list[tuple[float, float]], list[str]] | None:
    """Each value as (low, high) in its own units, open ends infinite, and its currency ("" for a quantity);
    None unless all are sums or all are quantities."""
    if not (all(isinstance(value, Money) for value in values) or all(isinstance(value, Quantity) for value in values)):
        return None
    inf, spans, currencies = float("inf"), [], []
    for value in values:
        assert isinstance(value, (Money, Quantity))
        spans.append((-inf if value.min is None else value.min, inf if value.max is None else value.max))
        currencies.append(value.currency if isinstance(value, Money) else "")
    return spans, currencies


def _gap(near: float, far: float) -> float:
    return abs(far - near) / max(abs(near), abs(far))


def _numbers(topic: Topic, groups: Groups, rates: Sequence[Rate], spans: list[tuple[float, float]],
             currencies: list[str]) -> Comparison:
    """Each value against the values it can be compared with (its currency's, and those a recorded rate turns
    into it), all in its own currency's units (a gap is the same in any unit). Sums in currencies with no rate
    between them are not comparable."""
    in_currency: dict[str, list[int]] = {}
    for i, currency in enumerate(currencies):
        in_currency.setdefault(currency, []).append(i)
    found: dict[Relation, str] = {}
    worst: list[Relation | None] = [None] * len(spans)
    pools: dict[str, list[int]] = {}
    for currency, judged in in_currency.items():
        factors = {other: convert(other, currency, rates) for other in in_currency}
        pools[currency] = [j for other, factor in factors.items() if factor is not None for j in in_currency[other]]
        scaled = {j: (spans[j][0] * factor, spans[j][1] * factor) for other, factor in factors.items()
                  if factor is not None for j in in_currency[other]}
        extremes = _Extremes(scaled)
        for i in judged:
            worst[i] = extremes.worst(i, scaled[i])
        unconverted = [other for other, factor in factors.items() if factor is None]
        if unconverted and Relation.INCOMPARABLE not in found:
            found[Relation.INCOMPARABLE] = relation_between(topic, groups, rates, judged[0],
                                                            in_currency[unconverted[0]][0])[1]
    found |= {relation: "" for relation in (Relation.CONFLICT, Relation.MINOR) if relation in worst}
    backers: list[Hashable] = [*currencies]  # a value is backed by the values its currency compares with
    return Comparison(found, worst, backers, lambda key: pools[key])  # type: ignore[index]


class _Extremes:
    """The furthest values of a pool on each side, and the furthest points and ranges: two of each, so that
    the furthest of the others is known whichever value is asked about."""

    def __init__(self, spans: dict[int, tuple[float, float]]) -> None:
        points = [i for i, (low, high) in spans.items() if low == high]
        ranges = [i for i, (low, high) in spans.items() if low != high]
        self.highest_low = _two(list(spans), lambda i: -spans[i][0])
        self.lowest_high = _two(list(spans), lambda i: spans[i][1])
        self.highest_range_low = _two(ranges, lambda i: -spans[i][0])
        self.lowest_range_high = _two(ranges, lambda i: spans[i][1])
        self.highest_point = _two(points, lambda i: -spans[i][0])
        self.lowest_point = _two(points, lambda i: spans[i][0])

    def worst(self, i: int, span: tuple[float, float]) -> Relation | None:
        """The gap from a value to one beyond it grows with the distance (or is over 100% already), so the
        furthest value on each side tells whether any conflicts, and the furthest point whether any point is
        more than rounding away."""
        inf, (low, high) = float("inf"), span
        right, left = -_other(self.highest_low, i, inf), _other(self.lowest_high, i, inf)
        if (right > high and _gap(high, right) > MINOR_WITHIN) or (left < low and _gap(left, low) > MINOR_WITHIN):
            return Relation.CONFLICT
        # No conflict: whatever lies apart lies within 2%; apart from a range, or from a point, that is minor,
        # unless both are points within rounding.
        if low != high:
            apart = right > high or left < low
        else:
            range_right, range_left = -_other(self.highest_range_low, i, inf), _other(self.lowest_range_high, i, inf)
            point_right, point_left = -_other(self.highest_point, i, inf), _other(self.lowest_point, i, inf)
            apart = (range_right > high or range_left < low
                     or (point_right != inf and point_right > high and _gap(high, point_right) > AGREE_WITHIN)
                     or (point_left != inf and point_left < low and _gap(point_left, low) > AGREE_WITHIN))
        return Relation.MINOR if apart else None


def _two(indexes: Sequence[int] | range, key: Callable[[int], float]) -> list[tuple[float, int]]:
    """The two smallest (key, index) pairs: the extreme of the others, whichever one is asked about."""
    best: list[tuple[float, int]] = []
    for i in indexes:
        best = sorted([*best, (key(i), i)])[:2]
    return best


def _other(best: list[tuple[float, int]], i: int, missing: float) -> float:
    """The extreme among the values other than `i`; `missing` when there is none."""
    return next((value for value, index in best if index != i), missing)


# -- anything else: pair by pair, keeping per value only the values it is consistent with ---------


def _pairs(topic: Topic, groups: Groups, rates: Sequence[Rate]) -> Comparison:
    count = len(groups)
    found: dict[Relation, str] = {}
    worst: list[Relation | None] = [None] * count
    consistent: list[list[int]] = [[i] for i in range(count)]
    for i in range(count):
        for j in range(i + 1, count):
            relation, reason = relation_between(topic, groups, rates, i, j)
            found.setdefault(relation, reason)
            for one, other in ((i, j), (j, i)):
                if relation is Relation.CONFLICT or (relation is Relation.MINOR and worst[one] is None):
                    worst[one] = relation
                if relation.consistent:
                    consistent[one].append(other)
    return Comparison(found, worst, [("pairs", i) for i in range(count)],
                      lambda key: consistent[key[1]])  # type: ignore[index]


# -- standings ---------------------------------------------------------------------------------


@dataclass
class _Reach:
    """Per organisation, whether it has a source besides a given one: those with two or more always do, those
    with one do unless it is that one."""

    several: set[str] = field(default_factory=set)
    single: dict[str, str] = field(default_factory=dict)  # organisation -> its one source
    singles_by_source: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, sources: dict[str, set[str]]) -> _Reach:
        reach = cls()
        for organisation, carried in sources.items():
            if len(carried) > 1:
                reach.several.add(organisation)
            elif carried:
                reach.single[organisation] = next(iter(carried))
        reach.singles_by_source.update(reach.single.values())
        return reach

    def own(self, source: str, organisation: str) -> bool:
        """`organisation` has a source besides `source`."""
        return organisation in self.several or self.single.get(organisation, source) != source

    def others(self, source: str, organisation: str) -> bool:
        """Another organisation has a source besides `source`."""
        return (len(self.several) - (organisation in self.several) + len(self.single)
                - self.singles_by_source[source] - (self.single.get(organisation, source) != source)) > 0


@dataclass
class Backing:
    """Who backs a value: for each organisation, the sources that carry it or a value consistent with it (and
    those among them whose origin the source states), read in constant time per claim however many
    organisations there are."""

    carried: _Reach
    stated: _Reach

    @classmethod
    def of(cls, claims: list[tuple[str, str, bool]]) -> Backing:
        """From (organisation, source, whether the source states the origin) of each claim."""
        carried: dict[str, set[str]] = defaultdict(set)
        stated: dict[str, set[str]] = defaultdict(set)
        for organisation, source, is_stated in claims:
            carried[organisation].add(source)
            if is_stated:
                stated[organisation].add(source)
        return cls(_Reach.of(carried), _Reach.of(stated))

    def standing(self, source: str, organisation: str, inferred: bool) -> ClaimStanding:
        """Corroborated by another source speaking for another organisation, both origins as the sources state
        them; unconfirmed when one of the two is our inference; echoed by another source with the same
        organisation."""
        if not inferred and self.stated.others(source, organisation):
            return ClaimStanding.CORROBORATED
        if self.carried.others(source, organisation):
            return ClaimStanding.UNCONFIRMED
        return ClaimStanding.ECHOED if self.carried.own(source, organisation) else ClaimStanding.UNIQUE
