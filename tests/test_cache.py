"""The validated-fact-base cache: same records as validating, keyed by the bytes and the code, never a reason to fail."""

from __future__ import annotations

import gc
import math
import os
import pickle
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from xiaomi_tui.facts.load import cache
from xiaomi_tui.facts.load.loader import FactsError, load, load_meanwhile, load_unkept


def entries() -> list[Path]:
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "xiaomi-tui" / "validated"
    return sorted(folder.glob("*.pickle")) if folder.exists() else []


@pytest.fixture
def facts_path(tmp_path: Path, small_facts_path: Path) -> Path:
    path = tmp_path / "facts.toml"
    path.write_bytes(small_facts_path.read_bytes() + b'\n[[sources]]\nid = "delta"\n')  # one warning to keep
    return path


def test_a_file_is_validated_once_and_read_back_the_same(facts_path: Path) -> None:
    first = load(facts_path)
    assert len(entries()) == 1
    second = load(facts_path)
    assert second.data == first.data
    assert second.warnings == first.warnings == ["source 'delta' has no claims"]
    assert second.path == str(facts_path)


LAZY = ("pydantic", "tomllib", "tomlkit", "pyperclip", "xiaomi_tui.facts.citations", "xiaomi_tui.facts.export.tables",
        "xiaomi_tui.facts.edit")
"""What a cached open's first frame has no use for: validation, TOML, the write path, the clipboard, citations and
exports load on first use (the claim editor's write path once cost every start 50 ms of pydantic and tomlkit)."""


def test_a_cached_file_opens_the_dashboard_without_importing_pydantic_tomllib_or_the_write_path(
        facts_path: Path) -> None:
    load(facts_path)
    script = ("import sys; from xiaomi_tui.facts.load.loader import load; "
              f"facts = load({str(facts_path)!r}); import xiaomi_tui.cli.main, xiaomi_tui.ui.app; "
              f"print(len(facts.claims), sorted(m for m in {LAZY!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split(maxsplit=1) == ["15", "[]\n"]


def test_an_edit_makes_a_new_entry_and_old_ones_are_pruned(facts_path: Path) -> None:
    text = facts_path.read_text(encoding="utf-8")
    for number in range(cache.KEEP + 2):
        facts_path.write_text(text.replace('title = "', f'title = "{number} ', 1), encoding="utf-8")
        assert load(facts_path).title.startswith(f"{number} ")
    assert len(entries()) == cache.KEEP


def test_a_change_to_the_code_that_reads_records_makes_entries_stale(facts_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    load(facts_path)
    monkeypatch.setattr(cache, "CODE", (*cache.CODE, "load/cache.py"))
    entry = cache.entry_for(facts_path.read_bytes())
    assert entry is not None and entry not in entries()
    assert cache.read(entry) is None


def test_a_damaged_entry_is_validated_again(facts_path: Path) -> None:
    load(facts_path)
    for entry in entries():
        entry.write_bytes(b"not a pickle")
    assert len(load(facts_path).claims) == 15


def test_a_broken_file_is_reported_every_time_and_never_cached(facts_path: Path) -> None:
    facts_path.write_text(facts_path.read_text(encoding="utf-8").replace("para = 7", "para = 0"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(FactsError, match="greater than 0"):
            load(facts_path)
    assert entries() == []


def test_the_cache_can_be_switched_off(facts_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XIAOMI_TUI_NO_CACHE", "1")
    load(facts_path)
    assert entries() == []


def test_what_a_killed_writer_left_is_pruned_but_a_write_under_way_is_not(facts_path: Path) -> None:
    load(facts_path)
    folder = entries()[0].parent
    killed, under_way = folder / "killed.1.tmp", folder / "under-way.2.tmp"
    for temporary in (killed, under_way):
        temporary.write_bytes(b"half a pickle")
    long_ago = time.time() - cache.ABANDONED_AFTER - 1
    os.utime(killed, (long_ago, long_ago))
    facts_path.write_text(facts_path.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    load(facts_path)  # a new entry is written, and the folder pruned
    assert not killed.exists() and under_way.exists()
    assert len(entries()) == 2


def test_loading_never_forks_nor_pauses_the_collector(facts_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One path for every size: the process that validates a file writes its cache, and the
    collector stays on (pausing it from the dashboard's reload thread would pause it for everyone)."""
    def refuse(*args: object) -> None:
        raise AssertionError("loading must not fork, start a session or switch the collector off")

    for name in ("fork", "setsid"):
        monkeypatch.setattr(os, name, refuse, raising=False)
    monkeypatch.setattr(gc, "disable", refuse)
    load(facts_path)
    assert len(entries()) == 1 and gc.isenabled()


# -- trust: unpickling runs code, so only the user's own entries are read -----------------------------


class Raising:
    """Pickles into bytes that raise `error` when unpickled: a damaged entry, whatever its bytes."""

    def __init__(self, call: object, *arguments: object):
        self.reduced = (call, arguments)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return self.reduced


@pytest.mark.parametrize("damage", [
    Raising(math.exp, 1000),  # OverflowError
    Raising(bytearray, 1 << 62),  # MemoryError
    Raising(int, "x" * 5000),  # ValueError
], ids=["overflow", "memory", "value"])
def test_an_entry_that_raises_anything_when_read_is_a_miss_and_is_replaced(facts_path: Path, damage: Raising) -> None:
    load(facts_path)
    [entry] = entries()
    entry.write_bytes(pickle.dumps(damage))

    assert len(load(facts_path).claims) == 15
    assert cache.read(entry) is not None  # written again, good this time


def plant(entry: Path, marker: Path) -> None:
    """What an attacker with write access to the cache would leave: an entry that runs code when read."""
    entry.write_bytes(pickle.dumps(Raising(os.mkdir, str(marker))))


def test_the_cache_is_private_to_the_user(facts_path: Path) -> None:
    load(facts_path)
    [entry] = entries()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize("opening", ["entry", "folder"])
def test_an_entry_others_could_have_written_is_never_loaded(facts_path: Path, tmp_path: Path, opening: str) -> None:
    load(facts_path)
    [entry] = entries()
    marker = tmp_path / "planted-code-ran"
    plant(entry, marker)
    (entry if opening == "entry" else entry.parent).chmod(0o666 if opening == "entry" else 0o777)

    assert cache.read(entry) is None
    assert len(load(facts_path).claims) == 15
    assert not marker.exists()


def test_an_entry_owned_by_another_user_is_never_loaded(facts_path: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    load(facts_path)
    [entry] = entries()
    marker = tmp_path / "planted-code-ran"
    plant(entry, marker)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(entry).st_uid + 1)  # as another user sees it

    assert cache.read(entry) is None
    assert not marker.exists()


def test_a_symbolic_link_in_place_of_an_entry_is_never_followed(facts_path: Path, tmp_path: Path) -> None:
    load(facts_path)
    [entry] = entries()
    elsewhere = tmp_path / "elsewhere.pickle"
    plant(elsewhere, tmp_path / "planted-code-ran")
    entry.unlink()
    entry.symlink_to(elsewhere)

    assert cache.read(entry) is None
    assert not (tmp_path / "planted-code-ran").exists()


def test_our_own_folder_left_group_writable_is_closed_when_written(facts_path: Path) -> None:
    load(facts_path)
    folder = entries()[0].parent
    folder.chmod(0o775)  # what an umask of 002 gave earlier versions
    facts_path.write_text(facts_path.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")

    load(facts_path)

    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert len(entries()) == 2


def test_load_unkept_leaves_the_write_to_the_caller_and_a_cached_file_has_nothing_to_write(facts_path: Path) -> None:
    loaded = load_unkept(facts_path)
    assert entries() == []
    loaded.keep()
    assert len(entries()) == 1
    again = load_unkept(facts_path)
    assert again.facts.data == loaded.facts.data
    written = entries()[0].stat().st_mtime_ns
    again.keep()
    assert entries()[0].stat().st_mtime_ns == written


async def test_the_dashboard_keeps_a_freshly_validated_fact_base_once_its_first_frame_is_drawn(
        facts_path: Path) -> None:
    """As the command line starts it: nothing written while the app starts, the entry there after its first frame."""
    from xiaomi_tui.ui.app import XiaomiApp

    loaded = load_unkept(facts_path)
    app = XiaomiApp(loaded.facts, watch=False, keep_in_cache=loaded.keep)
    assert entries() == []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert len(entries()) == 1
        assert load_unkept(facts_path).facts.data == loaded.facts.data  # read back from the entry


# -- a first open validates in a child while the dashboard imports Textual ---------------------------------------


def _in_a_fresh_process(script: str) -> subprocess.CompletedProcess[str]:
    """Run `script` where forking is allowed: a process of one thread (a pytest worker runs several)."""
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)


def test_a_first_open_is_validated_in_a_child_and_read_back_by_the_parent(facts_path: Path) -> None:
    script = ("import sys; from xiaomi_tui.facts.load import loader; "
              f"loaded = loader.load_meanwhile({str(facts_path)!r})(); "
              "print(len(loaded.facts.claims), loaded.keep is loader._nothing_to_keep, "
              "sorted(m for m in ('pydantic', 'tomllib') if m in sys.modules), loaded.facts.warnings)")
    result = _in_a_fresh_process(script)
    assert (result.stdout, result.stderr) == ("15 True [] [\"source 'delta' has no claims\"]\n", "")
    assert len(entries()) == 1


def test_a_broken_first_open_is_reported_from_the_child_without_validating_again(facts_path: Path) -> None:
    facts_path.write_text(facts_path.read_text(encoding="utf-8") + "\n[[claims]]\nid = 7\n", encoding="utf-8")
    script = ("import sys; from xiaomi_tui.facts.load import loader\n"
              f"try:\n    loader.load_meanwhile({str(facts_path)!r})()\n"
              "except loader.FactsError as refused:\n    print(refused.report())\n"
              "print('pydantic' in sys.modules)\n")
    result = _in_a_fresh_process(script)
    assert result.stderr == "" and result.stdout.count("has 5 problems") == 1
    assert f"{facts_path}:265: claim #16 field 'origin'" in result.stdout
    assert result.stdout.endswith("False\n")  # the parent never validated: the report is the child's
    assert entries() == []


def test_an_unreadable_file_is_refused_before_any_child_or_other_work(tmp_path: Path) -> None:
    with pytest.raises(FactsError, match="no such file"):
        load_meanwhile(tmp_path / "absent.toml")


def test_a_refusal_pickles_whole(facts_path: Path) -> None:
    facts_path.write_text("[meta]\ntitle = 3\n", encoding="utf-8")
    with pytest.raises(FactsError) as raised:
        load(facts_path)
    again = pickle.loads(pickle.dumps(raised.value))
    assert (again.report(), again.total, again.problems) == (raised.value.report(), raised.value.total,
                                                             raised.value.problems)


def test_a_process_with_a_second_thread_never_forks(tmp_path: Path) -> None:
    """A thread could hold a lock the child would wait on forever: the caller does the work itself instead."""
    done = tmp_path / "done"
    script = ("import threading, pathlib; from xiaomi_tui.io.meanwhile import in_child; "
              "stop = threading.Event(); thread = threading.Thread(target=stop.wait); thread.start(); "
              f"in_child(lambda: pathlib.Path({str(done)!r}).touch())(); stop.set(); "
              f"print(pathlib.Path({str(done)!r}).exists())")
    assert _in_a_fresh_process(script).stdout == "False\n"


def test_a_child_is_silent_and_its_failure_changes_nothing_for_the_parent(tmp_path: Path) -> None:
    done = tmp_path / "done"
    script = ("import pathlib, sys\nfrom xiaomi_tui.io.meanwhile import in_child\n"
              "def work():\n    print('child out'); print('child err', file=sys.stderr)\n"
              f"    pathlib.Path({str(done)!r}).touch(); raise SystemExit(3)\n"
              "print(in_child(work)(), 'parent goes on')\n")
    result = _in_a_fresh_process(script)
    assert (result.returncode, result.stdout, result.stderr) == (0, "b'' parent goes on\n", "")
    assert done.exists()


def test_a_child_s_answer_reaches_the_parent_however_long(tmp_path: Path) -> None:
    """Longer than a pipe holds (64 KiB): the parent reads before it waits, or both would wait forever."""
    script = ("import os; from xiaomi_tui.io.meanwhile import in_child; "
              "answer = in_child(lambda: os.getpid().to_bytes(4, 'big') + b'.' * 1_000_000)(); "
              "print(len(answer), int.from_bytes(answer[:4], 'big') != os.getpid())")
    assert _in_a_fresh_process(script).stdout == "1000004 True\n"


def test_a_process_on_one_core_never_forks(tmp_path: Path) -> None:
    """On one core a child would only take turns with its parent, and add the cache's round trip."""
    if not shutil.which("taskset"):
        pytest.skip("taskset (util-linux) is missing")
    done = tmp_path / "done"
    script = (f"import pathlib; from xiaomi_tui.io.meanwhile import in_child; "
              f"in_child(lambda: pathlib.Path({str(done)!r}).touch())(); print(pathlib.Path({str(done)!r}).exists())")
    result = subprocess.run(["taskset", "-c", "0", sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout == "False\n"
