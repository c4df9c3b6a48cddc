"""Numbers a fact base may not hold: integers too long for Python to read or print, and figures past any the press
prints. Each is refused with a message naming the line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from xiaomi_tui.facts.load.loader import FactsError, loads

FIXTURE = (Path(__file__).parent / "fixtures" / "small.toml").read_text(encoding="utf-8")


def first_problem(old: str, new: str) -> str:
    assert old in FIXTURE
    with pytest.raises(FactsError) as refused:
        loads(FIXTURE.replace(old, new, 1))
    return refused.value.report().splitlines()[1].strip()


def test_an_integer_too_long_for_python_to_read_is_a_syntax_problem_on_its_line() -> None:
    line = FIXTURE[: FIXTURE.index("para = 2\n")].count("\n") + 1
    assert first_problem("para = 2\n", "para = " + "9" * 5000 + "\n") == (
        f"<memory>:{line}: TOML syntax: a number of 5,000 digits is too long to read; a figure in a fact base is "
        "at most 1e15")


@pytest.mark.parametrize(("old", "new", "message"), [
    ("amount = 10e9", "amount = 1.7e308", "Input should be less than or equal to 1000000000000000 (got 1.7e+308)"),
    ("amount = 10e9", "amount = -2e15",
     "Input should be greater than or equal to -1000000000000000 (got -2000000000000000.0)"),
    ("rate = 7.2382", "rate = 1e300", "Input should be less than or equal to 1000000 (got 1e+300)"),
    ('title = "Test fact base"', "title = " + "9" * 4000, "Input should be a valid string"),
], ids=["figure-near-float-max", "figure-below-minus-1e15", "rate", "a-4000-digit-title"])
def test_a_figure_past_any_the_press_prints_is_refused_and_a_long_one_never_quoted(old: str, new: str,
                                                                                    message: str) -> None:
    assert first_problem(old, new).endswith(message)
