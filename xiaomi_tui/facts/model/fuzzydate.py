"""Dates as precise as the press made them: "first half of 2024" is an interval, not a day.

A fuzzy date is written in the fact base as one of::

    2024            the year
    2024-H1         a half
    2024-Q3         a quarter
    2023-12         a month
    2023-11-08      a day
    early-2024      early/mid/late of a year (Jan-Apr, May-Aug, Sep-Dec)
    late-2021-11    early/mid/late of a month (1-10, 11-20, 21-end)

Each maps to the interval of days it covers and prints the way people say it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from xiaomi_tui.facts.wording import MONTH_ABBR, day_text

__all__ = ["SHAPE", "FuzzyDate", "FuzzyDateError", "Precision"]


_SHAPE = r"""^(?:(?P<part>early|mid|late)-)?
        (?P<year>[0-9]{4})
        (?:-(?:
            H(?P<half>[0-9]) |
            Q(?P<quarter>[0-9]) |
            (?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?
        ))?$"""
# Digits are 0-9, not \d: int() would also read fullwidth "２０２４" as a year, and so would other regex engines.
_PATTERN = re.compile(_SHAPE, re.VERBOSE)

SHAPE = re.sub(r"\s+|\?P<\w+>", "", _SHAPE)
"""The same shape as a plain regular expression, for the JSON Schema an editor checks a fact base with."""

YEARS = (1900, 2200)
"""The years a date may name: wider than any car's story, narrow enough to catch a typo ("20244")."""


class FuzzyDateError(ValueError):
    """A fuzzy date that cannot be read; the message says what is accepted."""


class Precision(str, Enum):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    DAY = "day"


@dataclass(frozen=True, order=False)
class FuzzyDate:
    """An interval of days, with the words that named it."""

    text: str
    start: date
    end: date
    precision: Precision
    part: str | None = None  # early / mid / late

    @classmethod
    def parse(cls, value: str | date) -> FuzzyDate:
        if isinstance(value, datetime):  # a subclass of date: test it first
            raise FuzzyDateError(
                f"{value.isoformat()} has a time of day; a date here is a day at most: write \"{value.date()}\""
            )
        if isinstance(value, date):  # a bare TOML date (9999-12-31): the same bound as one written as a string
            _check_year(value.year, value.isoformat())
            return cls(value.isoformat(), value, value, Precision.DAY)
        text = value.strip()
        match = _PATTERN.match(text)
        if not match:
            raise FuzzyDateError(
                f"{value!r} is not a date; write 2024, 2024-H1, 2024-Q3, 2023-12, 2023-11-08, "
                "or early-/mid-/late- before a year or month (late-2021-11)"
            )
        year = int(match["year"])
        part = match["part"]
        _check_year(year, value)
        if match["half"]:
            half = int(match["half"])
            if half not in (1, 2):
                raise FuzzyDateError(f"{value!r}: a year has halves H1 and H2 only")
            (start, end), precision = _months(year, 6 * half - 5, 6 * half), Precision.HALF
        elif match["quarter"]:
            quarter = int(match["quarter"])
            if not 1 <= quarter <= 4:
                raise FuzzyDateError(f"{value!r}: a year has quarters Q1 to Q4 only")
            (start, end), precision = _months(year, 3 * quarter - 2, 3 * quarter), Precision.QUARTER
        elif match["month"]:
            month = int(match["month"])
            if not 1 <= month <= 12:
                raise FuzzyDateError(f"{value!r}: month {month} does not exist")
            if match["day"]:
                day = int(match["day"])
                last = calendar.monthrange(year, month)[1]
                if not 1 <= day <= last:
                    raise FuzzyDateError(f"{value!r}: {MONTH_ABBR[month]} {year} has {last} days")
                start = end = date(year, month, day)
                precision = Precision.DAY
            else:
                (start, end), precision = _months(year, month, month), Precision.MONTH
        else:
            (start, end), precision = _months(year, 1, 12), Precision.YEAR
        if part:
            if precision not in (Precision.YEAR, Precision.MONTH):
                raise FuzzyDateError(f"{value!r}: early-/mid-/late- go before a year or a month only")
            start, end = _part_of(part, start, end, precision)
        return cls(text, start, end, precision, part)

    # -- comparison -------------------------------------------------------------------------

    def contains(self, other: FuzzyDate) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: FuzzyDate) -> bool:
        return self.start <= other.end and other.start <= self.end

    @property
    def sort_key(self) -> tuple[date, date]:
        """Earlier first; at the same start, the narrower date first."""
        return (self.start, self.end)

    # -- display ----------------------------------------------------------------------------

    def __str__(self) -> str:
        return self.human()

    def human(self) -> str:
        """How a person says it: "H1 2024", "late Nov 2021", "8 Nov 2023"."""
        year = self.start.year
        if self.precision is Precision.DAY:
            return day_text(self.start)
        if self.precision is Precision.HALF:
            return f"H{1 if self.start.month == 1 else 2} {year}"
        if self.precision is Precision.QUARTER:
            return f"Q{(self.start.month - 1) // 3 + 1} {year}"
        words = f"{MONTH_ABBR[self.start.month]} {year}" if self.precision is Precision.MONTH else str(year)
        return f"{self.part} {words}" if self.part else words

    def csl_date_parts(self) -> list[int]:
        """CSL-JSON `date-parts`: as many parts as the precision allows (a month stays a month)."""
        if self.precision is Precision.DAY:
            return [self.start.year, self.start.month, self.start.day]
        if self.precision is Precision.MONTH:
            return [self.start.year, self.start.month]
        return [self.start.year]


def _check_year(year: int, value: str) -> None:
    """One bound for every date: beyond it, date arithmetic overflows (9999-12-31 plus a day) and years lose
    their four digits (0001)."""
    if not YEARS[0] <= year <= YEARS[1]:
        raise FuzzyDateError(f"{value!r}: year {year} is out of range; years run from {YEARS[0]} to {YEARS[1]}")


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def _part_of(part: str, start: date, end: date, precision: Precision) -> tuple[date, date]:
    """early/mid/late: thirds of a year by months, of a month by tens of days."""
    if precision is Precision.YEAR:
        first, last = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
        return _months(start.year, first, last)
    last_day = end.day
    first, last = {"early": (1, 10), "mid": (11, 20), "late": (21, last_day)}[part]
    return date(start.year, start.month, first), date(start.year, start.month, last)
