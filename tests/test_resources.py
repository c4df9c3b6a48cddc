"""Small files whose cost once grew faster than their size: long affiliation chains and circles, many references
that resolve to nothing, many empty tables, files of tiny lines, and a failed reload holding the parsed file.

Each shape here took minutes or gigabytes before (benchmarks/hostile.py has the figures at 1, 5 and 20 MB);
these tests check the bounded behaviour itself, never a time: the suite's timeout is what a regression would hit.
"""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from xiaomi_tui.facts.load import crosscheck
from xiaomi_tui.facts.load.loader import MAX_ITEMS, MAX_LISTED, MAX_TABLES, FactsError, loads


def _benchmark(name: str) -> ModuleType:
    """A module of benchmarks/, which holds the hostile shapes these tests build small."""
    spec = importlib.util.spec_from_file_location(name, Path(__file__).parent.parent / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hostile = _benchmark("hostile")
PRELUDE = hostile.PRELUDE


def shaped(shape: str, count: int) -> str:
    """A fact base of `count` pieces of one of the benchmark's hostile shapes."""
    return PRELUDE + "".join(hostile.SHAPES[shape](count))


def test_a_long_affiliation_chain_is_followed_once() -> None:
    facts = loads(shaped("chain", 20_000))  # each party followed to the end on its own: hours

    assert facts.organisation_of("p0").id == "p19999"
    assert facts.organisation_of("p12345").id == "p19999"


def test_a_long_circle_is_told_to_each_party_on_it_in_a_line_of_bounded_length() -> None:
    with pytest.raises(FactsError) as refused:
        loads(shaped("circle", 20_000))

    problems = refused.value.problems
    assert len(problems) == 20_000
    assert problems[0].message == ("affiliations go round in a circle (p0 -> p1 -> p2 -> p3 -> ... -> p19999 -> p0 "
                                   "(20000 parties)); an organisation speaks for itself")
    assert problems[1].message.startswith("affiliations go round in a circle (p1 -> p2 -> p3 -> p4 -> ... -> p0 -> p1")
    assert max(len(problem.message) for problem in problems) < 160


def test_many_unknown_references_share_a_bounded_did_you_mean(monkeypatch) -> None:
    searched: list[int] = []
    close_matches = difflib.get_close_matches

    def counted(word, possibilities, *args, **kwargs):
        searched.append(len(possibilities))
        return close_matches(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    with pytest.raises(FactsError) as refused:
        loads(shaped("bad-refs", 10_000))  # 5,000 parties, 5,000 claims naming a party that is not one

    problems = refused.value.problems
    assert len(problems) == 5_000
    assert problems[0].message == "unknown party 'party-0000000x'; did you mean 'party-0000000'?"
    assert problems[-1].message == "unknown party 'party-0004999x'"  # past the searches the report lists
    assert len(searched) == crosscheck._Unknown.SEARCHES
    assert max(searched) <= 2 * crosscheck._Unknown.WINDOW


@pytest.mark.parametrize("table", ["[[claims]]\n", "[x{i}]\n"], ids=["empty-claims", "empty-named-tables"])
def test_a_file_of_many_empty_tables_is_refused_before_it_is_parsed(table: str) -> None:
    count = MAX_TABLES + 1
    with pytest.raises(FactsError) as refused:
        loads(PRELUDE + "".join(table.format(i=i) for i in range(count)))

    assert [problem.message for problem in refused.value.problems] == [
        f"has {count + 3:,} tables; a fact base has at most {MAX_TABLES:,}: is this the right file?"]


def test_a_file_of_tiny_lines_is_refused_before_it_is_parsed() -> None:
    with pytest.raises(FactsError) as refused:
        loads(PRELUDE + "[meta2]\n" + "a=1\n" * MAX_ITEMS)

    [problem] = refused.value.problems
    assert problem.message.startswith(f"has {MAX_ITEMS + PRELUDE.count(chr(10)) + 1:,} lines and list items;")


def test_many_structure_problems_are_counted_and_only_the_first_listed() -> None:
    with pytest.raises(FactsError) as refused:
        loads(PRELUDE + "[[claims]]\n" * 20_000)  # five required fields missing in each

    error = refused.value
    assert len(error.problems) == MAX_LISTED
    assert error.total == 100_000
    first_claim_line = PRELUDE.count("\n") + 1  # the first [[claims]] header, whatever the prelude holds
    assert error.problems[0].where == "claim #1 field 'id'" and error.problems[0].line == first_claim_line
    assert error.report().endswith(f"... and {error.total - 20} more problems")


def test_a_failed_reload_keeps_nothing_of_the_file_it_read(tmp_path) -> None:
    """The error a dashboard keeps after a failed reload once held the validator's error, and with it the whole
    parsed file, and the frames that read it: hundreds of MB for a large file."""
    from xiaomi_tui.ui.reloading import FactBaseBroken, LiveReload

    path = tmp_path / "facts.toml"
    path.write_text(PRELUDE + "[[claims]]\n" * 10, encoding="utf-8")
    posted: list[FactBaseBroken] = []

    class App:
        def post_message(self, message: FactBaseBroken) -> None:
            posted.append(message)

    LiveReload(App(), str(path))._load(0)  # type: ignore[arg-type]

    [message] = posted
    assert message.error.total == 50
    assert message.error.__traceback__ is None and message.error.__context__ is None


def test_commas_inside_quotes_are_text_not_items() -> None:
    from xiaomi_tui.facts.load.loader import _too_dense

    assert _too_dense('note = "' + "," * (MAX_ITEMS + 1) + '"\n') is None
    assert _too_dense("note = '" + "{" * (MAX_ITEMS + 1) + "'\n") is None
    assert _too_dense("a = [" + "1," * (MAX_ITEMS + 1) + "]\n") is not None
