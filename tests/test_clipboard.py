"""What leaves the app for a clipboard or stdout carries no character a terminal would act on, whatever its origin."""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest

from xiaomi_tui.cli.main import main
from xiaomi_tui.facts import citations
from xiaomi_tui.io.clipboard import CopyOutcome, copy_to_system, pasteable

HOSTILE = ("https://x/a\x1b]52;c;cHduZWQ=\x07 \x9b31m \x7f\t title\x1b]0;owned\x9c "
           "\u202eevil\u202c \u2066iso\u2069 \u200emark\u200f \u2028sep\u2029 \x00nul")


def test_pasteable_drops_every_control_and_keeps_the_text() -> None:
    assert pasteable(HOSTILE) == "https://x/a]52;c;cHduZWQ= 31m  title]0;owned evil iso mark sep nul"


@pytest.mark.parametrize("text", [
    "@online{writer2023,\n  title = {Maker},\n}",  # a BibTeX entry: its line breaks are the format
    "[red]Maker[/red] [@click=app.quit]x[/]",  # markup is text
    "小米汽车 SU7 \u00a0 👩\u200d🔧 \u200cx",  # wide characters, a no-break space, the zero-width joiners
])
def test_pasteable_keeps_line_breaks_tabs_markup_and_wide_text(text: str) -> None:
    assert pasteable(text) == text


def test_the_system_clipboard_gets_the_cleaned_text(monkeypatch: pytest.MonkeyPatch) -> None:
    copied: list[str] = []
    monkeypatch.setitem(sys.modules, "pyperclip", types.SimpleNamespace(copy=copied.append))
    monkeypatch.setenv("DISPLAY", ":0")

    outcome = copy_to_system("a\x1b]0;x\x07b")

    assert outcome.copied
    assert copied == ["a]0;xb"]


def test_cite_prints_the_cleaned_text(capsys, monkeypatch: pytest.MonkeyPatch, small_facts_path: Path) -> None:
    """Belt and braces: the loader refuses escapes, and `cite` would not print one if a formatter made it."""
    monkeypatch.setattr(citations, "cite",
                        lambda *args, **options: citations.Citation("Maker.\x1b]0;owned\x07 (para. 3)"))

    assert main(["--facts", str(small_facts_path), "cite", "alpha-body"]) == 0

    assert capsys.readouterr().out == "Maker.]0;owned (para. 3)\n"


async def test_c_sends_the_cleaned_text_through_osc52(small_facts, monkeypatch: pytest.MonkeyPatch) -> None:
    from xiaomi_tui.ui.app import XiaomiApp

    monkeypatch.setattr(citations, "cite",
                        lambda *args, **options: citations.Citation("Maker.\x1b]0;owned\x07 (para. 3)"))
    app = XiaomiApp(small_facts, watch=False, clipboard_mode="osc52")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        assert app.clipboard == "Maker.]0;owned (para. 3)"


def test_a_clipboard_helper_that_never_answers_is_given_up_on(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    release = threading.Event()
    monkeypatch.setitem(sys.modules, "pyperclip", types.SimpleNamespace(copy=lambda text: release.wait()))
    monkeypatch.setenv("DISPLAY", ":0")
    try:
        outcome = copy_to_system("text", timeout=0.2)
    finally:
        release.set()

    assert outcome == CopyOutcome(False, "no system clipboard: its helper did not answer within 0.2 s")


def hanging_xclip(folder: Path) -> dict[str, str]:
    """An environment whose `xclip` never answers (the one pyperclip picks when there is a display)."""
    folder.mkdir()
    xclip = folder / "xclip"
    xclip.write_text("#!/bin/sh\nexec sleep 10 >/dev/null 2>&1\n")
    xclip.chmod(0o755)
    import os

    return {**os.environ, "PATH": f"{folder}:{os.environ['PATH']}", "DISPLAY": ":0", "WAYLAND_DISPLAY": ""}


def test_cite_copy_with_a_helper_that_never_answers_still_ends(tmp_path: Path, small_facts_path: Path) -> None:
    import subprocess

    result = subprocess.run([sys.executable, "-m", "xiaomi_tui", "--facts", str(small_facts_path), "cite",
                             "alpha-body", "--copy", "--clipboard", "system"], env=hanging_xclip(tmp_path / "bin"),
                            capture_output=True,
                            text=True, timeout=30, check=False, start_new_session=True)

    assert result.returncode == 0
    assert result.stderr == "no system clipboard: its helper did not answer within 1.5 s\n"


def test_osc52_goes_to_the_terminal_whole_and_cleaned(tmp_path: Path) -> None:
    import base64
    import pty

    from xiaomi_tui.io.clipboard import copy_to_terminal

    main, side = pty.openpty()
    try:
        outcome = copy_to_terminal("Pandaily\x1b]0;owned\x07 2023 \u201cquoted\u201d " + "x" * 5000, os.ttyname(side))
        received = b""
        while not received.endswith(b"\x07"):
            received += os.read(main, 1 << 16)
    finally:
        os.close(main)
        os.close(side)
    assert outcome.copied
    assert received.startswith(b"\x1b]52;c;") and received.count(b"\x07") == 1
    assert base64.b64decode(received[7:-1]).decode("utf-8") == "Pandaily]0;owned 2023 \u201cquoted\u201d " + "x" * 5000


def test_osc52_with_no_terminal_says_so(tmp_path: Path) -> None:
    from xiaomi_tui.io.clipboard import copy_to_terminal

    outcome = copy_to_terminal("text", str(tmp_path / "no-such-terminal"))
    assert not outcome.copied and outcome.message.startswith("no terminal for OSC 52")
