"""Parsing a large fact base in two halves means exactly what parsing it whole means."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from xiaomi_tui.facts import parallel_toml
from xiaomi_tui.facts.loader import FactsError, loads

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
import synth  # noqa: E402

pytestmark = pytest.mark.skipif(not hasattr(parallel_toml.os, "fork"), reason="no fork on this platform")


@pytest.fixture(scope="module")
def large_text() -> str:
    text = synth.generate(2500, 20)
    assert len(text) >= parallel_toml.MIN_CHARS
    return text


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The children forked, so a test can tell a split parse from a plain one."""
    children: list[int] = []
    fork = parallel_toml.os.fork

    def counted() -> int:
        child = fork()
        if child:
            children.append(child)
        return child

    monkeypatch.setattr(parallel_toml.os, "fork", counted)
    return children


def test_a_large_file_is_split_and_means_the_same(large_text: str, forks: list[int]) -> None:
    ran = []
    assert parallel_toml.loads(large_text, meanwhile=lambda: ran.append(True)) == tomllib.loads(large_text)
    assert len(forks) == 1 and ran == [True]


def test_tables_after_the_claims_make_it_parse_whole(large_text: str, forks: list[int]) -> None:
    text = large_text + '\n[[rates]]\nbase = "EUR"\nquote = "CNY"\nrate = 7.8\nsource = "s1"\npara = 1\n'
    assert parallel_toml.loads(text) == tomllib.loads(text)
    assert len(forks) == 1  # tried, then parsed whole


def test_a_header_inside_a_string_is_not_a_place_to_cut(large_text: str) -> None:
    cut = large_text.index("[[claims]]", int(len(large_text) * parallel_toml.PARENT_SHARE))
    text = large_text[:cut] + 'note = """\n[[claims]]\n"""\n' + large_text[cut:]
    assert parallel_toml._cut(text) == cut + len('note = """\n')  # the cut lands inside the string
    assert parallel_toml.loads(text) == tomllib.loads(text)


def test_a_syntax_error_in_the_second_half_is_reported_at_its_line(large_text: str) -> None:
    text = large_text + "\n[[claims]]\nid = oops\n"
    with pytest.raises(FactsError) as raised:
        loads(text.encode(), "big.toml")
    problem = raised.value.problems[0]
    assert problem.message.startswith("TOML syntax")
    assert problem.line == text.count("\n")


def test_a_small_file_or_a_running_thread_means_one_plain_parse(large_text: str, forks: list[int]) -> None:
    small = large_text[: parallel_toml.MIN_CHARS // 2]
    small = small[: small.rindex("[[claims]]")]
    assert parallel_toml.loads(small) == tomllib.loads(small)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert parallel_toml.loads(large_text) == tomllib.loads(large_text)
    finally:
        stop.set()
        other.join()
    assert forks == []
