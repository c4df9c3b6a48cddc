"""Work done on a second core while this process goes on: a forked child that shares nothing back but files.

The dashboard's first open of a fact base validates it (pydantic, tomllib: 110 ms of the bundled file's start-up)
while Textual is imported (190 ms): one core after the other, though the machine has two. A child forked before
the import validates the file into the cache, and the parent reads it back from there once the import is done.

Forking pays only with a second core, and is safe only where nothing else runs: a Linux process with one thread (a
second thread could hold a lock the child would wait on forever; on macOS, system libraries are not safe to use
after a fork without exec). Elsewhere nothing is started and the caller does the work itself, as it would anyway:
the child only saves time, so whatever becomes of it (an error, a signal) changes nothing the user sees. The parent
waits for it before it reads the cache, so no process outlives the one the user started.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable

__all__ = ["in_child"]


def _nothing_to_wait_for() -> None:
    return None


def in_child(work: Callable[[], object]) -> Callable[[], None]:
    """Start `work` in a forked child; return a function that waits until the child has ended."""
    # On one core the child would only take turns with its parent, and add the cache's round trip.
    if not sys.platform.startswith("linux") or threading.active_count() > 1 or len(os.sched_getaffinity(0)) < 2:
        return _nothing_to_wait_for
    try:
        child = os.fork()
    except OSError:  # out of processes or memory: the caller does the work itself
        return _nothing_to_wait_for
    if child == 0:
        _run_and_exit(work)

    def wait() -> None:
        with contextlib.suppress(ChildProcessError):  # reaped already
            os.waitpid(child, 0)

    return wait


def _run_and_exit(work: Callable[[], object]) -> None:
    """The child: silent (it shares the parent's terminal), and gone without running the parent's exit handlers or
    flushing its buffers, which the parent will do itself."""
    code = 1
    try:
        silent = os.open(os.devnull, os.O_RDWR)
        for descriptor in (0, 1, 2):
            os.dup2(silent, descriptor)
        work()
        code = 0
    except BaseException:  # a child that only saves time: the parent meets any error itself
        pass
    finally:
        os._exit(code)
