from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from xiaomi_tui.facts.model.fuzzydate import FuzzyDate, FuzzyDateError, Precision

NOT_A_DATE = (
    "is not a date; write 2024, 2024-H1, 2024-Q3, 2023-12, 2023-11-08, "
    "or early-/mid-/late- before a year or month (late-2021-11)"
)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "part", "human", "csl"),
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31), Precision.YEAR, None, "2024", [2024]),
        ("2024-H1", date(2024, 1, 1), date(2024, 6, 30), Precision.HALF, None, "H1 2024", [2024]),
        ("2024-H2", date(2024, 7, 1), date(2024, 12, 31), Precision.HALF, None, "H2 2024", [2024]),
        ("2024-Q1", date(2024, 1, 1), date(2024, 3, 31), Precision.QUARTER, None, "Q1 2024", [2024]),
        ("2024-Q3", date(2024, 7, 1), date(2024, 9, 30), Precision.QUARTER, None, "Q3 2024", [2024]),
        ("2023-12", date(2023, 12, 1), date(2023, 12, 31), Precision.MONTH, None, "Dec 2023", [2023, 12]),
        ("2023-11-08", date(2023, 11, 8), date(2023, 11, 8), Precision.DAY, None, "8 Nov 2023", [2023, 11, 8]),
        ("early-2024", date(2024, 1, 1), date(2024, 4, 30), Precision.YEAR, "early", "early 2024", [2024]),
        ("mid-2024", date(2024, 5, 1), date(2024, 8, 31), Precision.YEAR, "mid", "mid 2024", [2024]),
        ("late-2024", date(2024, 9, 1), date(2024, 12, 31), Precision.YEAR, "late", "late 2024", [2024]),
        ("early-2021-11", date(2021, 11, 1), date(2021, 11, 10), Precision.MONTH, "early", "early Nov 2021",
         [2021, 11]),
        ("mid-2021-11", date(2021, 11, 11), date(2021, 11, 20), Precision.MONTH, "mid", "mid Nov 2021", [2021, 11]),
        ("late-2021-11", date(2021, 11, 21), date(2021, 11, 30), Precision.MONTH, "late", "late Nov 2021",
         [2021, 11]),
    ],
)
def test_every_form_parses_to_its_interval_and_prints_as_people_say_it(
    text: str, start: date, end: date, precision: Precision, part: str | None, human: str, csl: list[int]
) -> None:
    parsed = FuzzyDate.parse(text)

    assert (parsed.text, parsed.start, parsed.end, parsed.precision, parsed.part) == (
        text, start, end, precision, part)
    assert parsed.human() == str(parsed) == human
    assert parsed.csl_date_parts() == csl


def test_a_datetime_date_is_a_day() -> None:
    parsed = FuzzyDate.parse(date(2023, 11, 8))

    assert parsed == FuzzyDate.parse("2023-11-08")
    assert parsed.precision is Precision.DAY
    assert parsed.human() == "8 Nov 2023"


@pytest.mark.parametrize("moment", [datetime(2023, 11, 8, 10, 30), datetime(2023, 11, 8, 23, 59, tzinfo=timezone.utc),
                                    datetime(2023, 11, 8)])
def test_a_datetime_is_refused_not_cut_to_its_day(moment: datetime) -> None:
    with pytest.raises(FuzzyDateError) as raised:
        FuzzyDate.parse(moment)

    assert str(raised.value) == f'{moment.isoformat()} has a time of day; a date here is a day at most: write "2023-11-08"'


@pytest.mark.parametrize("text", ["\uff12\uff10\uff12\uff13", "\uff12\uff10\uff12\uff13-11-08", "2023-\u0661\u0661",
                                  "\u0968\u0966\u0968\u0969-H1"])
def test_digits_other_than_ascii_are_not_a_date(text: str) -> None:
    """int() reads fullwidth, Arabic-Indic and Devanagari digits; a date in the fact base is written 0-9."""
    with pytest.raises(FuzzyDateError) as raised:
        FuzzyDate.parse(text)

    assert str(raised.value) == f"{text!r} {NOT_A_DATE}"


def test_surrounding_whitespace_is_ignored() -> None:
    assert FuzzyDate.parse("  2024-Q1 \n").text == "2024-Q1"


@pytest.mark.parametrize(
    ("text", "end", "span_days"),
    [
        ("2024", date(2024, 12, 31), 366),  # leap year
        ("2023", date(2023, 12, 31), 365),
        ("2024-02", date(2024, 2, 29), 29),
        ("2023-02", date(2023, 2, 28), 28),
        ("2000-02", date(2000, 2, 29), 29),  # divisible by 400: leap
        ("1900-02", date(1900, 2, 28), 28),  # divisible by 100 only: not leap
        ("late-2024-02", date(2024, 2, 29), 9),
        ("late-2023-02", date(2023, 2, 28), 8),
        ("late-2023-04", date(2023, 4, 30), 10),
        ("late-2023-01", date(2023, 1, 31), 11),
        ("2023-04", date(2023, 4, 30), 30),
        ("2024-H1", date(2024, 6, 30), 182),
        ("2023-H1", date(2023, 6, 30), 181),
        ("2023-Q2", date(2023, 6, 30), 91),
        ("2024-02-29", date(2024, 2, 29), 1),
    ],
)
def test_intervals_end_on_the_last_day_of_their_month(text: str, end: date, span_days: int) -> None:
    parsed = FuzzyDate.parse(text)

    assert parsed.end == end
    assert (parsed.end - parsed.start).days + 1 == span_days


def test_contains_and_overlaps() -> None:
    year, half, december, q2, mid_year, day = (
        FuzzyDate.parse(text) for text in ("2024", "2024-H1", "2023-12", "2024-Q2", "mid-2024", "2024-06-30")
    )

    assert year.contains(half) and year.contains(year) and half.contains(day)
    assert not half.contains(year)
    assert not half.contains(mid_year) and half.overlaps(mid_year) and mid_year.overlaps(q2)
    assert not december.overlaps(half) and not half.overlaps(december)
    assert q2.overlaps(day) and day.overlaps(q2)
    assert not FuzzyDate.parse("2024-06").overlaps(FuzzyDate.parse("2024-07"))


def test_sort_key_puts_earlier_then_narrower_first() -> None:
    texts = ["2024", "2023-12", "2024-H1", "2024-01", "early-2024"]

    ordered = sorted((FuzzyDate.parse(text) for text in texts), key=lambda parsed: parsed.sort_key)

    assert [parsed.text for parsed in ordered] == ["2023-12", "2024-01", "early-2024", "2024-H1", "2024"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-H3", "'2024-H3': a year has halves H1 and H2 only"),
        ("2024-H0", "'2024-H0': a year has halves H1 and H2 only"),
        ("2024-Q5", "'2024-Q5': a year has quarters Q1 to Q4 only"),
        ("2024-Q0", "'2024-Q0': a year has quarters Q1 to Q4 only"),
        ("2023-02-30", "'2023-02-30': Feb 2023 has 28 days"),
        ("2023-02-29", "'2023-02-29': Feb 2023 has 28 days"),
        ("2024-02-30", "'2024-02-30': Feb 2024 has 29 days"),
        ("2023-04-31", "'2023-04-31': Apr 2023 has 30 days"),
        ("2023-13", "'2023-13': month 13 does not exist"),
        ("2023-00", "'2023-00': month 0 does not exist"),
        ("1899", "'1899': year 1899 is out of range; years run from 1900 to 2200"),
        ("2201-Q1", "'2201-Q1': year 2201 is out of range; years run from 1900 to 2200"),
        ("late-2024-H1", "'late-2024-H1': early-/mid-/late- go before a year or a month only"),
        ("early-2023-11-08", "'early-2023-11-08': early-/mid-/late- go before a year or a month only"),
        ("99", f"'99' {NOT_A_DATE}"),
        ("", f"'' {NOT_A_DATE}"),
        ("2024-1", f"'2024-1' {NOT_A_DATE}"),
        ("2024-q1", f"'2024-q1' {NOT_A_DATE}"),
        ("sometime-2024", f"'sometime-2024' {NOT_A_DATE}"),
    ],
)
def test_invalid_dates_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(FuzzyDateError) as raised:
        FuzzyDate.parse(text)

    assert str(raised.value) == message
    assert isinstance(raised.value, ValueError)  # so pydantic reports it as a field error
