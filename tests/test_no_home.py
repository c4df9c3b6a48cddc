"""No HOME and a user with no passwd entry (a container run under an arbitrary uid): platformdirs cannot name a
config or cache folder. Everything still works: the settings are the defaults, with one line saying why, choices
last for the run, and there is no cache."""

from __future__ import annotations

import pwd

import pytest

from xiaomi_tui.cli.main import main
from xiaomi_tui.facts.load import cache
from xiaomi_tui.settings import Settings

NO_HOME = "no home directory to keep settings in (set HOME or XDG_CONFIG_HOME)"


@pytest.fixture(autouse=True)
def homeless(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)

    def no_entry(uid: int) -> pwd.struct_passwd:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr(pwd, "getpwuid", no_entry)


def test_settings_are_the_defaults_with_one_line_saying_why() -> None:
    settings, problems = Settings.load()

    assert (settings.citation_style, problems) == ("apa", [f"{NO_HOME}; using the defaults"])
    assert settings.choose("citation_style", "mla") == f"could not save settings: {NO_HOME}"


def test_there_is_no_cache() -> None:
    assert cache.entry_for(b"[meta]") is None


def test_the_commands_work(capsys, small_facts_path) -> None:
    assert main(["--facts", str(small_facts_path), "check"]) == 0
    assert main(["--facts", str(small_facts_path), "cite", "alpha-body"]) == 0

    out, err = capsys.readouterr()
    assert "Maker" in out
    assert err == f"xiaomi-tui: warning: {NO_HOME}; using the defaults\n"
