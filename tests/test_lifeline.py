"""An app never outlives its welcome: the lifeline ends a wedged exit (in a terminal or a tab) and a served orphan.

Each case runs in a process of its own whose main thread is stuck, as a wedged Textual app's is.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import wait_until
from served import live_processes

from xiaomi_tui.ui.lifeline import SERVER_PID

STUCK = """
import signal, sys
from xiaomi_tui.ui.lifeline import Lifeline
signal.signal(signal.SIGTERM, signal.SIG_IGN)  # as Textual's web driver does, in effect, once wedged
served = "--terminal" not in sys.argv
lifeline = Lifeline(exit_grace=0.5, served=served)
lifeline.start()
if "--exiting" in sys.argv:
    lifeline.exit_began(0 if served else 129)  # in a terminal, as a SIGHUP asks
print("stuck", flush=True)
while True:
    pass
"""


@pytest.fixture
def leftovers() -> Iterator[list[subprocess.Popen | int]]:
    """What to kill after the test: a case that fails would leave its process spinning at full CPU.

    A process of ours (Popen) is killed only while unreaped; a pid of someone else's child only while it still
    runs, so that a number used again by now is left alone.
    """
    processes: list[subprocess.Popen | int] = []
    yield processes
    for process in processes:
        if isinstance(process, subprocess.Popen):
            process.kill()
        elif process in live_processes(lambda *_: True):
            with contextlib.suppress(ProcessLookupError):
                os.kill(process, signal.SIGKILL)


def stuck(*arguments: str, **options) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-c", STUCK, *arguments], stdout=subprocess.PIPE, text=True,
                               **options)
    assert process.stdout.readline() == "stuck\n"
    return process


@pytest.mark.timeout(30)
def test_an_exit_that_hangs_ends_the_process(leftovers: list[subprocess.Popen | int]) -> None:
    process = stuck("--exiting")
    leftovers.append(process)
    process.send_signal(signal.SIGTERM)  # ignored: only the lifeline can end it
    assert process.wait(timeout=15) == 0


@pytest.mark.timeout(30)
def test_in_a_terminal_an_exit_that_hangs_ends_with_the_code_it_was_asked_for(
        leftovers: list[subprocess.Popen | int]) -> None:
    process = stuck("--exiting", "--terminal")
    leftovers.append(process)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=15) == 129


@pytest.mark.timeout(30)
def test_a_process_whose_parent_dies_ends(leftovers: list[subprocess.Popen | int]) -> None:
    """The server killed outright, even while its app still starts: the app is adopted by init, and must notice."""
    parent = subprocess.Popen(
        [sys.executable, "-c", "import os, subprocess, sys; "
                               f"os.environ[{SERVER_PID!r}] = str(os.getpid()); "
                               "child = subprocess.Popen(sys.argv[1:]); print(child.pid, flush=True); child.wait()",
         sys.executable, "-c", STUCK],
        stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    leftovers.append(child)
    assert wait_until(lambda: child in live_processes(lambda parent_pid, _: parent_pid == parent.pid), 10)
    parent.kill()
    parent.wait()
    assert wait_until(lambda: child not in live_processes(lambda *_: True), 15), "the orphan still runs"


def meta(message: dict[str, object]) -> bytes:
    """A control packet as textual-serve writes it to an app's stdin."""
    payload = json.dumps(message).encode()
    return b"M" + len(payload).to_bytes(4, "big") + payload


@pytest.mark.timeout(60)
def test_a_tab_closed_as_it_opens_still_ends_its_app(small_facts_path: Path,
                                                     leftovers: list[subprocess.Popen | int]) -> None:
    """The trial's leftover: `quit` right behind two resizes, while the first layouts run, wedges Textual 8.2.8.

    This is what textual-serve sends when a tab closes within a second of opening (`chromium --screenshot`).
    """
    environment = {**os.environ, "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver", "COLUMNS": "133",
                   "ROWS": "39"}
    app = subprocess.Popen([Path(sys.executable).with_name("xiaomi-tui"), "--facts", str(small_facts_path)],
                           stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, env=environment)
    leftovers.append(app)
    for message in ({"type": "resize", "width": 133, "height": 39}, {"type": "resize", "width": 133, "height": 44},
                    {"type": "quit"}):
        app.stdin.write(meta(message))
        app.stdin.flush()
    assert app.wait(timeout=30) == 0
