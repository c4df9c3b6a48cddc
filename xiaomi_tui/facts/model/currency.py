"""Money in two currencies: only through a rate the fact base records."""

from __future__ import annotations

from collections.abc import Iterable

from xiaomi_tui.facts.model.records import Money, Quantity, Rate

__all__ = ["convert", "scale"]


def convert(source: str, target: str, rates: Iterable[Rate]) -> float | None:
    """How many `target` one `source` buys, from the first rate the fact base records for the pair."""
    if source == target:
        return 1.0
    for rate in rates:
        if (rate.base, rate.quote) == (source, target):
            return rate.rate
        if (rate.base, rate.quote) == (target, source):
            return 1 / rate.rate
    return None


def scale(value: Money | Quantity, factor: float) -> tuple[float | None, float | None]:
    """A value's bounds times `factor` (a rate from `convert`); an open end stays open."""
    return (None if value.min is None else value.min * factor, None if value.max is None else value.max * factor)
