"""Live reload: curators edit the fact base while the dashboard is open.

The file is checked every second; a change is loaded in a thread, so a large file never stalls the
screen, and the outcome reaches the app as a message: the new fact base, or what is wrong with it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from textual.message import Message

from xiaomi_tui.facts.load.loader import FactsError, load
from xiaomi_tui.facts.model.factbase import FactBase

RELOAD_EVERY = 1.0
"""Seconds between checks of the fact base's file."""


class FactBaseReloaded(Message):
    def __init__(self, facts: FactBase) -> None:
        super().__init__()
        self.facts = facts


class FactBaseBroken(Message):
    """The edited file does not load: the app keeps the last good data and says why."""

    def __init__(self, error: FactsError) -> None:
        super().__init__()
        self.error = error


class ReloadHost(Protocol):
    """What live reload needs of the app: a timer, a thread, and a way to be told the outcome."""

    def set_interval(self, interval: float, callback: Callable[[], object]) -> object: ...

    def run_worker(self, work: Callable[[], None], *, thread: bool, exclusive: bool, group: str) -> object: ...

    def post_message(self, message: Message) -> bool: ...


class LiveReload:
    def __init__(self, app: ReloadHost, path: str) -> None:
        self.app = app
        self.path = path
        self.signature = self._signature()

    def start(self) -> None:
        self.app.set_interval(RELOAD_EVERY, self.check)

    def _signature(self) -> tuple[int, int] | None:
        try:
            stat = Path(self.path).stat()
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size)

    def check(self) -> None:
        signature = self._signature()
        if signature != self.signature:  # changed, or gone: either way the load says what happened
            self.signature = signature
            self.app.run_worker(self._load, thread=True, exclusive=True, group="reload")

    def _load(self) -> None:
        try:
            self.app.post_message(FactBaseReloaded(load(self.path)))
        except FactsError as error:
            self.app.post_message(FactBaseBroken(error.detached()))
