"""The search history kept between runs: whatever its file holds, the app starts, says once what it left out,
and never shows the file's text as markup or puts a control character on the terminal."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from helpers import make_app

from xiaomi_tui.search_history import KEPT, LONGEST, SearchHistory, cleaned, history_path, remembered
from xiaomi_tui.settings import settings_path
from xiaomi_tui.ui.app import XiaomiApp
from xiaomi_tui.ui.widgets.search import SearchBox

EMPTY = "; the history starts empty"
NOT_A_LIST = 'is not a JSON object with a list of searches ({"searches": ["is:conflict"]})' + EMPTY


def write_history(content: bytes) -> Path:
    path = history_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def test_a_search_committed_again_is_the_newest_once_and_only_the_last_fifty_are_kept() -> None:
    searches: list[str] = []
    for search in ("is:conflict", "door", "is:conflict", "   ", "x" * (LONGEST + 1), "a\x1b[2Jb"):
        searches = remembered(searches, search)
    assert searches == ["door", "is:conflict"]
    for number in range(KEPT + 5):
        searches = remembered(searches, f"search {number}")
    assert searches == [f"search {number}" for number in range(5, KEPT + 5)]


def test_the_history_is_kept_beside_the_settings_privately_and_reads_back() -> None:
    history, problem = SearchHistory.load()
    assert (history.searches, problem) == ([], None)  # no file yet: nothing to say
    assert history.add("is:missed") is None and history.add("[b]door[/b]") is None
    path = history_path()
    assert path.parent == settings_path().parent and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text()) == {"searches": ["is:missed", "[b]door[/b]"]}
    assert SearchHistory.load() == (SearchHistory(["is:missed", "[b]door[/b]"], path), None)


@pytest.mark.parametrize(("content", "problem"), [
    pytest.param(b"\xff\xfe", "is not valid JSON" + EMPTY, id="not-utf8"),
    pytest.param(b'{"searches": ["door"', "is not valid JSON" + EMPTY, id="truncated"),
    pytest.param(b"[" * 10_000 + b"]" * 10_000, "is not valid JSON" + EMPTY, id="deeply-nested"),
    pytest.param(b'["door"]', NOT_A_LIST, id="a-list"),
    pytest.param(b'{"searches": "door"}', NOT_A_LIST, id="searches-a-string"),
    pytest.param(b'"[red]x"' + b" " * (128 * 1024), "is larger than 128 KB" + EMPTY, id="too-large"),
])
def test_a_file_that_is_no_history_gives_an_empty_one_and_one_line(content: bytes, problem: str) -> None:
    path = write_history(content)
    history, said = SearchHistory.load()
    assert history.searches == [] and said == f"search history file {path} {problem}"
    assert history.add("door") is None  # the next search writes it anew
    assert SearchHistory.load()[0].searches == ["door"]


def test_entries_that_are_no_search_are_left_out_with_one_line_for_them_all() -> None:
    saved = {"searches": ["is:conflict", 3, None, ["door"], "\x1b]0;owned\x07", "a\u202eb", "x" * (LONGEST + 1),
                         "", "[b]bold[/b]", "is:conflict", "door"]}
    searches, problem = cleaned(saved)
    assert searches == ["[b]bold[/b]", "is:conflict", "door"]  # markup stays text: the box shows it as typed
    assert problem == (f"has 7 entries that cannot be a search (not text, longer than {LONGEST} characters, or with "
                       "control characters); left out")
    assert cleaned({"searches": ["door"] * 3}) == (["door"], None)


def test_a_history_that_cannot_be_saved_says_so_once_and_lasts_for_the_run() -> None:
    path = history_path()
    path.mkdir(parents=True)  # a folder where the file should be
    history, problem = SearchHistory.load()
    assert problem == f"search history file {path} is a directory, not a regular file{EMPTY}"
    assert history.add("door") == (f"could not save the search history to {path}: exists and is not a regular "
                                   "file; searches are kept for this run only")
    assert history.add("is:missed") is None and history.searches == ["door", "is:missed"]


async def test_a_search_committed_in_one_run_is_recalled_by_up_in_the_next(small_facts) -> None:
    app = make_app(small_facts)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"body", "enter")
    app = make_app(small_facts)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", "up")
        assert app.query_one(SearchBox).value == "body"


async def test_a_damaged_history_gives_one_warning_that_is_not_markup(small_facts) -> None:
    write_history(b'{"searches": ["[b]x[/b]", "\\u001b[2J", 7]}')
    app = make_app(small_facts)
    async with app.run_test(size=(120, 40)) as pilot:
        [note] = [note for note in app._notifications if note.title == "Search history"]
        assert "has 2 entries that cannot be a search" in note.message and not note.markup
        await pilot.press("slash", "up")
        assert app.query_one(SearchBox).value == "[b]x[/b]"


async def test_a_served_tab_neither_reads_nor_writes_the_history(small_facts, monkeypatch) -> None:
    path = write_history(b'{"searches": ["body"]}')
    monkeypatch.setattr(XiaomiApp, "is_web", property(lambda app: True))
    app = make_app(small_facts)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", "up")
        assert app.query_one(SearchBox).value == ""
        await pilot.press(*"alpha", "enter")
    assert path.read_bytes() == b'{"searches": ["body"]}'
