"""Live reload: curators edit the fact base while the dashboard is open.

The file is checked every second; a change is loaded in a thread, so a large file never stalls the
screen, and the outcome reaches the app as a message: the new fact base, or what is wrong with it.

Loads are ordered: each change seen is a new generation, one load runs at a time, and only the newest
generation's outcome reaches the app. A change seen while a load runs is loaded by that same thread once it
ends, its now stale outcome dropped: a file rewritten every half second while a 12 MB base loads once ran nine
loads at once (813 MB), and the last to finish, not the newest, was shown.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from functools import partial
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
        self.generation = 0  # changes seen so far
        self._loading = False  # a load thread runs (it loads every newer generation before it ends)
        self._lock = threading.Lock()

    def start(self) -> None:
        self.app.set_interval(RELOAD_EVERY, self.check)

    def _signature(self) -> tuple[object, ...] | None:
        """Time and size of the file, and which file it is: a symbolic link turned to another file of the same
        size and time is a change too."""
        try:
            stat = Path(self.path).stat()
            target = os.path.realpath(self.path)
        except (OSError, ValueError):
            return None
        return (stat.st_mtime_ns, stat.st_size, stat.st_dev, stat.st_ino, target)

    def check(self) -> None:
        signature = self._signature()
        if signature == self.signature:
            return
        self.signature = signature  # changed, or gone: either way the load says what happened
        with self._lock:
            self.generation += 1
            if self._loading:
                return  # the running load goes on to this generation when it ends
            self._loading = True
            generation = self.generation
        self.app.run_worker(partial(self._load, generation), thread=True, exclusive=True, group="reload")

    def _load(self, generation: int) -> None:
        """Load until the generation loaded is the newest, then tell the app: nothing older ever reaches it."""
        while True:
            message: Message
            try:
                message = FactBaseReloaded(load(self.path))
            except FactsError as error:
                message = FactBaseBroken(error.detached())
            with self._lock:
                if generation == self.generation:
                    self._loading = False
                    self.app.post_message(message)
                    return
                generation = self.generation  # superseded while it loaded: its outcome is dropped
