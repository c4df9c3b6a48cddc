"""The settings file is the user's to edit: whatever it holds, the app starts, says what it set aside, and copies."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from xiaomi_tui.cli.main import main
from xiaomi_tui.facts.citations import cite_claim
from xiaomi_tui.settings import Settings, settings_path

LEFT_ALONE = ("; using the defaults, and nothing is saved to it until it is fixed (a JSON object such as "
              '{"citation_style": "apa"}) or removed')

UNREADABLE = [
    pytest.param(b"[1, 2]", "is not a JSON object", id="a-list"),
    pytest.param(b"null", "is not a JSON object", id="null"),
    pytest.param(b"\xff\xfe{}", "is not valid JSON", id="not-utf8"),
    pytest.param(b'{"citation_style": "apa"', "is not valid JSON", id="truncated"),
    pytest.param(b'{"citation_style": "apa", "theme": "nord",}', "is not valid JSON", id="trailing-comma"),
    pytest.param(b"[" * 10_000 + b"]" * 10_000, "is not valid JSON", id="deeply-nested"),
    pytest.param(b" " * (64 * 1024 + 1), "is larger than 64 KB", id="too-large"),
]

STYLES = "choose one of apa, mla, chicago, bibtex, csl-json, csl-citation, pandoc, markdown, plain"
UNUSABLE_STYLE = [
    pytest.param(b'{"citation_style": "APA"}', f"has an unknown citation style 'APA'; {STYLES}", id="unknown-style"),
    pytest.param(b'{"citation_style": "\\u001b]0;owned\\u0007"}',
                 f"has an unknown citation style '\\x1b]0;owned\\x07'; {STYLES}", id="escape-in-style"),
    pytest.param(b'{"citation_style": 3}', "has a citation_style that is not a string", id="style-a-number"),
    pytest.param(b'{"citation_style": ["apa"]}', "has a citation_style that is not a string", id="style-a-list"),
]


def write_settings(content: bytes) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(("content", "problem"), UNREADABLE)
def test_a_file_that_cannot_be_read_whole_gives_the_defaults_and_is_never_written_over(content: bytes,
                                                                                        problem: str) -> None:
    path = write_settings(content)

    settings, problems = Settings.load()
    assert settings.citation_style == "apa"
    assert problems == [f"settings file {path} {problem}{LEFT_ALONE}"]
    assert settings.choose("theme", "nord") == f"not saved: settings file {path} is left as it is until it is " \
        "fixed or removed"
    assert path.read_bytes() == content  # the keymap, theme and whatever else the user wrote are still there


@pytest.mark.parametrize(("content", "problem"), UNUSABLE_STYLE)
def test_a_style_we_cannot_use_costs_only_the_style_and_stays_in_the_file(content: bytes, problem: str) -> None:
    path = write_settings(content[:-1] + b', "theme": "nord", "keymap": {"cite.copy": "x"}, "mine": 1}')

    settings, problems = Settings.load()
    assert (settings.citation_style, settings.theme, settings.keymap) == ("apa", "nord", {"cite.copy": "x"})
    assert problems == [f"settings file {path} {problem}; using apa"]
    assert settings.choose("theme", "dracula") is None
    saved = json.loads(path.read_text())
    assert saved == {**json.loads(content), "theme": "dracula", "keymap": {"cite.copy": "x"}, "mine": 1}


def test_a_choice_is_written_back_alone_beside_what_the_file_holds_now() -> None:
    path = write_settings(b'{"citation_style": "mla"}')
    settings, _ = Settings.load()
    path.write_text('{"citation_style": "mla", "keymap": {"cite.copy": "x"}}')  # edited by hand since the start
    assert settings.choose("citation_style", "chicago") is None
    assert json.loads(path.read_text()) == {"citation_style": "chicago", "keymap": {"cite.copy": "x"}}


def test_a_directory_in_place_of_the_file_is_set_aside_and_cannot_be_saved_over() -> None:
    path = settings_path()
    path.mkdir(parents=True)

    settings, problems = Settings.load()

    assert (settings.citation_style, problems) == (
        "apa", [f"settings file {path} is a directory, not a regular file{LEFT_ALONE}"])
    assert Settings().choose("citation_style", "mla").startswith(f"not saved: settings file {path} is a directory")
    assert [entry.name for entry in path.parent.iterdir()] == ["settings.json"]  # no temporary file left


def test_a_fifo_in_place_of_the_file_does_not_hang_the_start() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    os.mkfifo(path)

    assert Settings.load()[1] == [f"settings file {path} is a FIFO (named pipe), not a regular file{LEFT_ALONE}"]


def test_an_unreadable_file_is_set_aside(monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_settings(b'{"citation_style": "mla"}')
    path.chmod(0)
    if os.access(path, os.R_OK):
        pytest.skip("running as root: every file is readable")

    assert Settings.load()[1] == [f"settings file {path} cannot be read (permission denied){LEFT_ALONE}"]


def test_no_file_means_the_defaults_and_nothing_to_say() -> None:
    assert Settings.load() == (Settings(citation_style="apa"), [])


def test_a_saved_style_reads_back_and_unknown_keys_are_ignored() -> None:
    write_settings(b'{"citation_style": "chicago", "from_a_later_version": true}')

    settings, problems = Settings.load()
    assert (settings.citation_style, problems) == ("chicago", [])


def test_saving_replaces_the_file_whole_or_not_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_settings(b'{"citation_style": "mla"}\n')
    assert Settings().choose("citation_style", "bibtex") is None
    assert json.loads(path.read_text()) == {"citation_style": "bibtex"}

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    assert Settings().choose("citation_style", "plain") == f"could not save settings to {path}: No space left on device"

    assert json.loads(path.read_text()) == {"citation_style": "bibtex"}  # the last good file, whole
    assert [entry.name for entry in path.parent.iterdir()] == ["settings.json"]


def test_cite_warns_on_stderr_and_uses_the_default_style(capsys, small_facts_path: Path, small_facts) -> None:
    path = write_settings(b'{"citation_style": "APA"}')

    code = main(["--facts", str(small_facts_path), "cite", "alpha-body"])

    out, err = capsys.readouterr()
    assert code == 0
    assert out == cite_claim(small_facts, small_facts.claims["alpha-body"], "apa") + "\n"
    assert err == (f"xiaomi-tui: warning: settings file {path} has an unknown citation style 'APA'; "
                   "choose one of apa, mla, chicago, bibtex, csl-json, csl-citation, pandoc, markdown, plain; "
                   "using apa\n")


@pytest.mark.parametrize("content", [b'{"citation_style": "APA [b]bold[/b]"}', b"\xff"])
async def test_the_dashboard_says_what_it_set_aside_and_c_and_capital_c_still_work(small_facts, content: bytes):
    from xiaomi_tui.ui.app import XiaomiApp
    from xiaomi_tui.ui.screens.pickers import OptionPicker

    write_settings(content)
    app = XiaomiApp(small_facts, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        [note] = [note for note in app._notifications if note.title == "Settings"]
        assert note.message.startswith(f"settings file {settings_path()} ") and not note.markup
        await pilot.press("c")
        assert app.clipboard == cite_claim(small_facts, small_facts.claims["alpha-body"], "apa")
        await pilot.press("C")
        assert isinstance(app.screen, OptionPicker)
        await pilot.press("down", "enter")
        assert app.settings.citation_style == "mla"
    assert Settings.load()[0].citation_style == ("apa" if content == b"\xff" else "mla")  # a bad file is left alone
