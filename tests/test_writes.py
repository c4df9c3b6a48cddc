"""Writes that half-succeed: every file the app writes is whole or untouched, a link is never followed, and what
the commands print either all goes out or fails with one line and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import resource
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from xiaomi_tui.io.files import WriteFailed, shown, write_atomically
from xiaomi_tui.settings import Settings, settings_path

COMMAND = [sys.executable, "-m", "xiaomi_tui"]


def run(arguments: list[str], **options) -> subprocess.CompletedProcess[str]:
    options.setdefault("stdout", subprocess.PIPE)
    return subprocess.run([*COMMAND, *arguments], stderr=subprocess.PIPE, text=True, timeout=60, check=False,
                          **options)


def test_a_write_replaces_the_file_whole_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    target.chmod(0o640)

    write_atomically(target, "new\n")

    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [entry.name for entry in tmp_path.iterdir()] == ["out.csv"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n")

    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(WriteFailed) as failed:
        write_atomically(target, "new\n" * 1000)

    assert str(failed.value) == f"cannot write {target}: No space left on device"
    assert target.read_text() == "old\n"
    assert [entry.name for entry in tmp_path.iterdir()] == ["out.csv"]


def test_a_symbolic_link_at_the_target_is_refused_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("precious\n")
    link = tmp_path / "out.csv"
    link.symlink_to(elsewhere)

    with pytest.raises(WriteFailed, match="is a symbolic link; not following it"):
        write_atomically(link, "new\n")

    assert link.is_symlink() and elsewhere.read_text() == "precious\n"


def test_capital_c_never_replaces_a_symlinked_settings_file_by_a_plain_one(tmp_path: Path) -> None:
    kept = tmp_path / "dotfiles-settings.json"
    kept.write_text('{"citation_style": "mla"}\n')
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(kept)

    problem = Settings().choose("citation_style", "chicago")

    assert problem == (f"could not save settings to {path}: is a symbolic link; not following it "
                       "(remove the link or name its target)")
    assert path.is_symlink() and kept.read_text() == '{"citation_style": "mla"}\n'


def test_a_served_tabs_choice_never_rewrites_the_settings_file() -> None:
    from xiaomi_tui.settings import ReadOnly

    settings = Settings(store=ReadOnly())

    assert settings.choose("citation_style", "bibtex") is None
    assert settings.citation_style == "bibtex"  # for this session
    assert not settings_path().exists()


@pytest.mark.parametrize("command", [["export", "--format", "csv"], ["check"], ["scorecard"],
                                     ["export", "--format", "claimreview", "--review-url", "https://example.org/"]])
def test_a_full_device_on_stdout_is_one_line_and_exit_2(command: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = run(command, stdout=full)

    assert result.returncode == 2 and "Traceback" not in result.stderr  # (claimreview warns first of a missing url)
    assert result.stderr.endswith("\nxiaomi-tui: cannot write to standard output: No space left on device\n") or \
        result.stderr == "xiaomi-tui: cannot write to standard output: No space left on device\n"


def test_a_short_write_to_a_file_is_never_exit_0(tmp_path: Path) -> None:
    """A file-size limit stands in for a disk that fills up halfway through (Python ignores SIGXFSZ)."""
    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    with open(tmp_path / "claims.json", "w") as target:
        result = run(["export", "--format", "json"], stdout=target, preexec_fn=small_files)

    assert (result.returncode, result.stderr) == (2, "xiaomi-tui: cannot write to standard output: File too large\n")


def test_a_closed_stdout_is_one_line_and_exit_2() -> None:
    result = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", *COMMAND, "export"], stderr=subprocess.PIPE,
                            text=True, timeout=60, check=False)

    assert (result.returncode, result.stderr) == (2, "xiaomi-tui: cannot write to standard output: "
                                                     "standard output is closed\n")


@pytest.mark.parametrize("command", [["check"], ["scorecard"], ["cite", "cnevpost-mass-production-dec-2023", "--statement"]])
def test_a_locale_that_is_not_utf8_gets_question_marks_and_one_note(command: list[str]) -> None:
    result = run(command, env={**os.environ, "PYTHONIOENCODING": "ascii"})

    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii()
    assert result.stderr.count("note:") <= 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["export", "--format", "markdown"], ["export", "--format", "csv", "--bom"],
                                     ["export", "--format", "csl-json"], ["scorecard", "--format", "json"], ["schema"]])
def test_exports_are_utf8_whatever_the_locale_so_a_file_loses_nothing(command: list[str]) -> None:
    ascii_run = subprocess.run([*COMMAND, *command], capture_output=True, timeout=60, check=False,
                               env={**os.environ, "PYTHONIOENCODING": "ascii"})
    utf8_run = subprocess.run([*COMMAND, *command], capture_output=True, timeout=60, check=False,
                              env={**os.environ, "PYTHONIOENCODING": "utf-8"})

    assert (ascii_run.returncode, ascii_run.stderr) == (0, b"")
    assert ascii_run.stdout == utf8_run.stdout  # the marks, the "≈", the BOM: none turned into "?"


def test_the_dashboard_in_a_locale_that_is_not_utf8_says_so_instead_of_drawing_escapes() -> None:
    primary, secondary = os.openpty()
    try:
        result = subprocess.run(COMMAND, stdin=secondary, stdout=secondary, stderr=subprocess.PIPE, text=True,
                                timeout=60, check=False, env={**os.environ, "PYTHONIOENCODING": "latin-1"})
    finally:
        os.close(primary)
        os.close(secondary)

    assert result.returncode == 2
    assert result.stderr.startswith("xiaomi-tui: the dashboard draws with Unicode, and this locale's encoding is "
                                    "iso8859-1; use a UTF-8 locale")


def test_file_names_are_shown_escaped_and_names_that_are_not_utf8_work(tmp_path: Path, small_facts_path) -> None:
    hostile = os.fsencode(tmp_path) + b"/\x1b]0;owned\x07\xff.toml"
    missing = run(["check", os.fsdecode(hostile)])
    assert missing.returncode == 2
    assert "\x1b" not in missing.stderr and "\\x1b]0;owned\\x07\\xff.toml" in missing.stderr

    Path(os.fsdecode(hostile)).write_bytes(small_facts_path.read_bytes())
    found = run(["check", os.fsdecode(hostile)])
    assert found.returncode == 0, found.stderr
    assert found.stdout.startswith(shown(os.fsdecode(hostile)) + ": ok\n") and "\x1b" not in found.stdout


async def test_the_palettes_export_never_writes_through_a_link_planted_at_its_name(small_facts, tmp_path: Path,
                                                                                  monkeypatch) -> None:
    from datetime import datetime

    from helpers import make_app, run_command

    from xiaomi_tui.ui import exporting

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None) -> datetime:
            return datetime(2024, 1, 2, 3, 4, 5)

    monkeypatch.setattr(exporting, "datetime", Frozen)
    monkeypatch.chdir(tmp_path)
    precious = tmp_path / "precious.txt"
    precious.write_text("precious\n")
    planted = tmp_path / "xiaomi-claims-20240102-030405.csv"
    planted.symlink_to(precious)

    app = make_app(small_facts)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_command(pilot, "Export all as CSV")
        await pilot.pause()
        messages = [note.message for note in app._notifications if note.title == "Export"]

    beside = tmp_path / "xiaomi-claims-20240102-030405-2.csv"  # a name taken is never written: the next free one
    assert messages == [f"Exported to {beside}"]
    assert planted.is_symlink() and precious.read_text() == "precious\n" and beside.read_text().startswith("id,topic")
