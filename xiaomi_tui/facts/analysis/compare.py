"""How two claims on one topic relate: agree, refine, a minor discrepancy, conflict, or not comparable.

Rules (see README, "How claims are compared"):
- numbers: equal within 0.5% agree (conversion rounding), within 2% are a minor discrepancy,
  further apart conflict; a range that holds another refines it; overlapping ranges agree;
- money in two currencies is compared only through a rate the fact base records, else "not comparable";
- dates are intervals of days: equal agree, one inside the other refines, disjoint conflict;
- text agrees when equal; different answers conflict unless the topic is not exclusive.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from xiaomi_tui.facts.model.currency import convert, scale
from xiaomi_tui.facts.model.formatting import CURRENCY_LABELS
from xiaomi_tui.facts.model.records import Claim, Flag, Money, Quantity, Rate, Text, Topic, TopicKind

__all__ = ["AGREE_WITHIN", "MINOR_WITHIN", "Relation", "compare_claims", "value_key"]

AGREE_WITHIN = 0.005
MINOR_WITHIN = 0.02


class Relation(str, Enum):
    AGREE = "agree"
    REFINE = "refine"
    MINOR = "minor discrepancy"
    CONFLICT = "conflict"
    INCOMPARABLE = "not comparable"
    DIFFER = "differ"  # different answers that can both be true

    @property
    def consistent(self) -> bool:
        return self in (Relation.AGREE, Relation.REFINE, Relation.MINOR)


ValueKey = tuple[object, ...]
"""What a claim says, as a key equal for claims that say the same thing."""


def value_key(claim: Claim) -> ValueKey:
    """Claims with equal keys say the same thing; they are compared once, as a group."""
    value = claim.value
    if value is None:
        return ("date", claim.date.start, claim.date.end) if claim.date else ("none",)
    if isinstance(value, Money):
        return ("money", value.currency, value.min, value.max)
    if isinstance(value, Quantity):
        return ("quantity", value.min, value.max)
    if isinstance(value, Text):
        return ("text", " ".join(value.text.casefold().split()))
    return ("flag", value.flag)


def compare_claims(topic: Topic, first: Claim, second: Claim, rates: Iterable[Rate] = ()) -> tuple[Relation, str]:
    """The relation between two claims on one topic, and a short reason a reader can check."""
    if topic.kind is TopicKind.DATE:
        return _compare_dates(first, second)
    a, b = first.value, second.value
    if isinstance(a, Money) and isinstance(b, Money) and a.currency != b.currency:
        factor = convert(b.currency, a.currency, rates)
        if factor is None:
            missing = "/".join(sorted({a.currency, b.currency} - {"CNY"}))  # only direct rates are used
            return Relation.INCOMPARABLE, f"not comparable: no {missing} rate in the fact base"
        relation, reason = _compare_spans((a.min, a.max), scale(b, factor))
        return relation, f"{reason} (at {factor:.6g} {CURRENCY_LABELS.get(a.currency, a.currency)} per {b.currency})"
    if isinstance(a, (Money, Quantity)) and isinstance(b, (Money, Quantity)):
        return _compare_spans((a.min, a.max), (b.min, b.max))
    if isinstance(a, Text) and isinstance(b, Text):
        if value_key(first) == value_key(second):
            return Relation.AGREE, "same words"
        if topic.exclusive:
            return Relation.CONFLICT, f"{a.text!r} vs {b.text!r}"
        return Relation.DIFFER, "different answers that can both hold"
    if isinstance(a, Flag) and isinstance(b, Flag):
        return (Relation.AGREE, "same") if a.flag == b.flag else (Relation.CONFLICT, "yes vs no")
    return Relation.INCOMPARABLE, "not comparable: values of different kinds"


def _compare_dates(first: Claim, second: Claim) -> tuple[Relation, str]:
    a, b = first.date, second.date
    if a is None or b is None:
        return Relation.INCOMPARABLE, "not comparable: a claim has no date"
    if (a.start, a.end) == (b.start, b.end):
        return Relation.AGREE, "same dates"
    if a.contains(b) or b.contains(a):
        narrow, wide = (b, a) if a.contains(b) else (a, b)
        return Relation.REFINE, f"{narrow.human()} refines {wide.human()}"
    if a.overlaps(b):
        return Relation.AGREE, f"{a.human()} and {b.human()} overlap"
    return Relation.CONFLICT, f"{a.human()} vs {b.human()} cannot both be true"


def _compare_spans(a: tuple[float | None, float | None], b: tuple[float | None, float | None]) -> tuple[Relation, str]:
    a_low, a_high = _bounds(a)
    b_low, b_high = _bounds(b)
    if (a_low, a_high) == (b_low, b_high):
        return Relation.AGREE, "same figure"
    if a_low == a_high and b_low == b_high:
        gap = abs(a_low - b_low) / max(abs(a_low), abs(b_low))
        if gap <= AGREE_WITHIN:
            return Relation.AGREE, f"within {gap:.1%}"
        if gap <= MINOR_WITHIN:
            return Relation.MINOR, f"{gap:.1%} apart: rounding or a different rate"
        return Relation.CONFLICT, f"{gap:.0%} apart"
    if (a_low <= b_low and b_high <= a_high) or (b_low <= a_low and a_high <= b_high):
        return Relation.REFINE, "one range holds the other"
    if a_low <= b_high and b_low <= a_high:
        return Relation.AGREE, "ranges overlap"
    near_a, near_b = (a_high, b_low) if a_high < b_low else (b_high, a_low)
    gap = abs(near_b - near_a) / max(abs(near_a), abs(near_b))
    if gap <= MINOR_WITHIN:
        return Relation.MINOR, f"ranges {gap:.1%} apart"
    return Relation.CONFLICT, "ranges do not overlap"


def _bounds(span: tuple[float | None, float | None]) -> tuple[float, float]:
    low, high = span
    return (float("-inf") if low is None else low, float("inf") if high is None else high)
