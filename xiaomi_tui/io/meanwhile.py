"""Work done on a second core while this process goes on: a forked child that answers in a few bytes.

The dashboard's first open of a fact base validated it (pydantic, tomllib: 110 ms of the bundled file's start-up),
then imported Textual (190 ms): one after the other, though the machine has two cores. Now a child forked before
the import validates the file into the cache, and the parent reads it back from there once the import is done.

Forking pays only with a second core, and is safe only where nothing else runs: a Linux process with one thread (a
second thread could hold a lock the child would wait on forever; on macOS, system libraries are not safe to use
after a fork without exec). Elsewhere nothing is started and the caller does the work itself, as it would anyway.
The child answers through a pipe in a few bytes; one that fails, says nothing or is killed leaves the work to the
parent, so nothing the user sees depends on it. The parent waits for it, so no process outlives the one started.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable

__all__ = ["in_child"]


def _nothing_to_wait_for() -> bytes:
    return b""


def in_child(work: Callable[[], bytes]) -> Callable[[], bytes]:
    """Start `work` in a forked child; return a function that waits until the child has ended and returns the bytes
    `work` returned (b"" if it failed, or if no child was started)."""
    # On one core the child would only take turns with its parent, and add the cache's round trip.
    if not sys.platform.startswith("linux") or threading.active_count() > 1 or len(os.sched_getaffinity(0)) < 2:
        return _nothing_to_wait_for
    try:
        reader, writer = os.pipe()
        child = os.fork()
    except OSError:  # out of processes, memory or descriptors: the caller does the work itself
        return _nothing_to_wait_for
    if child == 0:
        os.close(reader)
        _run_and_exit(work, writer)
    os.close(writer)

    def wait() -> bytes:
        with os.fdopen(reader, "rb") as answer:  # read before waiting: a long answer fills the pipe
            said = answer.read()
        with contextlib.suppress(ChildProcessError):  # reaped already
            os.waitpid(child, 0)
        return said

    return wait


def _run_and_exit(work: Callable[[], bytes], writer: int) -> None:
    """The child: silent (it shares the parent's terminal), and gone without running the parent's exit handlers or
    flushing its buffers, which the parent will do itself."""
    code = 1
    try:
        silent = os.open(os.devnull, os.O_RDWR)
        for descriptor in (0, 1, 2):
            os.dup2(silent, descriptor)
        with os.fdopen(writer, "wb") as answer:
            answer.write(work())
        code = 0
    except BaseException:  # a child that only saves time: the parent meets any error itself
        pass
    finally:
        os._exit(code)
