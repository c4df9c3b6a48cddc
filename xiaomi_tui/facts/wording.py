"""Small pieces of English every report shares: a count with its noun, a day, a suggestion for a typo.

One helper each, so `check`, the scorecard, the panes and the error messages say them the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

__all__ = ["MONTH_ABBR", "counted", "day_text", "did_you_mean"]

MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""English whatever the locale (`%b` follows it)."""


def counted(count: int, noun: str) -> str:
    """ "1 claim", "2 claims", "3 parties": a count reads as English."""
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {noun[:-1]}ies" if noun.endswith("y") else f"{count} {noun}s"


def day_text(day: date) -> str:
    """ "4 Nov 2023": a day as the panes, the scorecard and the reports write it."""
    return f"{day.day} {MONTH_ABBR[day.month]} {day.year}"


def did_you_mean(wanted: str, known: Iterable[str], count: int = 1, shown: Callable[[str], str] = str) -> str:
    """ "did you mean apa?" for the known names closest to a typo, or "" when none is close."""
    from difflib import get_close_matches

    close = get_close_matches(wanted, list(known), n=count)
    return f"did you mean {', '.join(map(shown, close))}?" if close else ""
