"""SIGTERM, SIGHUP and SIGQUIT end the dashboard through Textual's own exit, which gives the terminal back.

Textual's Linux driver handles only the job-control signals; any other left the default action, which killed the
process mid-frame with the terminal still in the alternate screen, reporting the mouse, with no echo, in raw mode.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from typing import Protocol

__all__ = ["exit_on_signals"]

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGQUIT") if hasattr(signal, name))


class Exits(Protocol):
    """What a signal needs of the app: its own exit, which gives the terminal back."""

    def exit(self, result: None = None, return_code: int = 0, message: None = None) -> None: ...


def exit_on_signals(app: Exits) -> None:
    """From now on, each of `SIGNALS` asks `app` to exit (return code 128 + the signal's number, as a shell reports
    a process ended by it); a second one, if the exit hangs, has its default effect."""
    loop = asyncio.get_running_loop()

    def on_signal(number: int) -> None:
        for each in SIGNALS:
            loop.remove_signal_handler(each)
        app.exit(return_code=128 + number)

    for number in SIGNALS:
        with contextlib.suppress(NotImplementedError, RuntimeError):  # no signals to handle here (Windows)
            loop.add_signal_handler(number, on_signal, number)
