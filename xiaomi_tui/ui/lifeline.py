"""The app's lifeline: end this process when its exit hangs, in a terminal or a browser tab, or when its server is gone.

An exit can wedge, and then nothing inside the app can end it:
- In a terminal that closes (SIGHUP) the exit can hang on Textual 8.2.8's output thread: closing tmux 0.4 s after
  launching left the dashboard on a futex forever, 1 in 12 tries, its main thread putting to a writer queue that
  nothing would ever drain again.
- textual-serve runs one app per browser tab and ends it only by asking: a "quit" message, then it waits for the
  app's output to close. Textual 8.2.8 can wedge while exiting under its web driver: a quit that arrives while the
  first resizes are still being laid out (a tab closed within a second of opening, as `chromium --screenshot`
  does) leaves the screen redrawing forever at 80% CPU, a bare Textual app included. The web driver turns SIGTERM
  into one more exit request to that same wedged app, so SIGTERM does nothing either; and an app whose server was
  killed never hears anything at all.
A thread outside the event loop still runs, and it can end the process.
"""

from __future__ import annotations

import os
import threading
import time

SERVER_PID = "XIAOMI_TUI_SERVER_PID"
"""Set by the server for its apps: a server that dies while an app is still starting leaves it with init (or a
subreaper) as its parent before the lifeline starts, and only a pid given in advance tells that apart."""

EXIT_GRACE = 3.0
"""Seconds an exit may take before the process is ended; a healthy one takes a fraction of that."""

CHECK_EVERY = 0.25


class Lifeline:
    """Watches, from its own thread, for an exit that takes too long and (served) for a server that has gone."""

    def __init__(self, exit_grace: float = EXIT_GRACE, *, served: bool) -> None:
        """`served`: the parent is the server, and the app has no reason to outlive it. A terminal's shell is no
        such parent (a dashboard run with `exec` or from a launcher that exits has another)."""
        self.exit_grace = exit_grace
        self._parent = int(os.environ.get(SERVER_PID) or os.getppid()) if served else None
        self._exit_deadline: float | None = None
        self._return_code = 0
        self._thread = threading.Thread(target=self._watch, name="lifeline", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def exit_began(self, return_code: int = 0) -> None:
        """The app was asked to exit: from now on it has `exit_grace` seconds, then ends with `return_code`."""
        if self._exit_deadline is None:
            self._return_code = return_code
            self._exit_deadline = time.monotonic() + self.exit_grace

    def _watch(self) -> None:
        while not self._should_end():
            time.sleep(CHECK_EVERY)
        # Not sys.exit: the main thread is the one that is stuck, and nothing else would unwind it.
        os._exit(self._return_code)

    def _should_end(self) -> bool:
        if self._parent is not None and os.getppid() != self._parent:  # reparented: the server died without a word
            return True
        return self._exit_deadline is not None and time.monotonic() > self._exit_deadline
