"""Work handed to a forked process, which runs on the machine's other core.

`fork()` copies only the calling thread, so with other threads running (the dashboard's live
reload loads in a worker thread) a child could inherit a lock held for ever: then nothing is forked.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

__all__ = ["can_fork", "detached"]


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def detached(work: Callable[[], object]) -> bool:
    """Run `work` in a grandchild nobody waits for; False (and nothing run) when forking is unsafe.

    The child forks the grandchild and exits at once, so this process reaps it straight away and
    the grandchild, orphaned, is reaped by init when `work` is done. The grandchild starts a
    session of its own, so closing the terminal (SIGHUP to its process group) does not cut it short.
    """
    if not can_fork():
        return False
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child and the grandchild, which only ever exit
        try:
            if os.fork() == 0:
                try:
                    os.setsid()
                    work()
                finally:
                    os._exit(0)
        finally:
            os._exit(0)
    os.waitpid(child, 0)
    return True
