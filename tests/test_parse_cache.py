"""The parsed-TOML cache: same result as parsing, keyed by the bytes, and never a reason to fail."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from xiaomi_tui.facts import parse_cache
from xiaomi_tui.facts.loader import FactsError, load

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
import synth  # noqa: E402


@pytest.fixture
def large_facts(tmp_path: Path) -> Path:
    path = tmp_path / "facts.toml"
    path.write_text(synth.generate(1500, 20), encoding="utf-8")
    assert path.stat().st_size >= parse_cache.MIN_BYTES
    return path


def cached_entries() -> list[Path]:
    folder = parse_cache._folder()
    return sorted(folder.glob("*.pickle")) if folder.exists() else []


def test_a_large_file_is_parsed_once_and_read_back_the_same(large_facts: Path) -> None:
    first = load(large_facts)
    assert len(cached_entries()) == 1
    second = load(large_facts)
    assert second.data == first.data
    assert len(second.claims) == 1500


def test_an_edit_makes_a_new_entry_and_old_ones_are_pruned(large_facts: Path) -> None:
    text = large_facts.read_text(encoding="utf-8")
    for number in range(parse_cache.KEEP + 2):
        large_facts.write_text(text.replace('title = "', f'title = "{number} ', 1), encoding="utf-8")
        assert load(large_facts).title.startswith(f"{number} ")
    assert len(cached_entries()) == parse_cache.KEEP


def test_a_damaged_entry_is_parsed_again(large_facts: Path) -> None:
    load(large_facts)
    for entry in cached_entries():
        entry.write_bytes(b"not a pickle")
    assert len(load(large_facts).claims) == 1500


def test_a_syntax_error_is_reported_and_not_cached(large_facts: Path) -> None:
    large_facts.write_text(large_facts.read_text(encoding="utf-8") + "\n[[claims]\n", encoding="utf-8")
    with pytest.raises(FactsError) as caught:
        load(large_facts)
    assert "TOML syntax" in caught.value.problems[0].message
    assert cached_entries() == []


def test_small_files_skip_the_cache(small_facts_path: Path) -> None:
    load(small_facts_path)
    assert cached_entries() == []
