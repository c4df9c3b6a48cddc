from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from xiaomi_tui.facts.load.loader import load
from xiaomi_tui.facts.model.factbase import FactBase

FIXTURES = Path(__file__).parent / "fixtures"

def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--thorough", action="store_true",
                     help="slow property tests take their full number of examples (as XIAOMI_TUI_THOROUGH=1 does)")


def pytest_configure(config: pytest.Config) -> None:
    """Before the test modules are imported, so `helpers.examples` sees it in their decorators."""
    if config.getoption("--thorough"):
        os.environ["XIAOMI_TUI_THOROUGH"] = "1"


# CI replays the same examples every run, so a landing never hangs on a lucky draw; locally they vary.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write the user's real settings, and never reach a real display or clipboard."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("TMUX", raising=False)  # a developer's tmux would decide what the clipboard toasts say


@pytest.fixture
def small_facts_path() -> Path:
    return FIXTURES / "small.toml"


@pytest.fixture
def small_facts(small_facts_path: Path) -> FactBase:
    return load(small_facts_path)


@pytest.fixture
def forecast_facts_path() -> Path:
    """One plan in four sources, two dates from one voice, past events, opinions and two later reports."""
    return FIXTURES / "forecasts.toml"


@pytest.fixture
def forecast_facts(forecast_facts_path: Path) -> FactBase:
    return load(forecast_facts_path)
