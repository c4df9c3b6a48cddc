"""Driving a served dashboard: a server of our own on a free loopback port, Debian's Chromium through Playwright.

Shared by tests/test_browser.py and benchmarks/browser.py. Linux only: processes are read from /proc.
"""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, Playwright

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's package: Playwright cannot download its own browser on these machines."""

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

VIEWPORT = {"width": 1200, "height": 760}

CAPTURE_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    window.servedTerminal = value;
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
  },
});
window.servedTerminalText = () => {
  const buffer = window.servedTerminal?.buffer.active, rows = [];
  for (let row = 0; row < (buffer?.length ?? 0); row++) rows.push(buffer.getLine(row).translateToString(true));
  return rows.join("\\n");
};
"""
"""textual.js keeps its xterm.js Terminal in `this.terminal` and draws on a canvas, so the page's DOM holds no
text. Run before textual.js, this setter catches that assignment and keeps the Terminal where
`servedTerminalText()` reads its buffer; the property then becomes a plain one, as if nothing had happened."""


def free_port() -> int:
    """A port nothing listens on now; the server binds it a moment later."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(command: Sequence[str], port: int, timeout: float = 30.0) -> subprocess.Popen[str]:
    """Start a server in a process group of its own (its apps join it) and wait until it accepts connections."""
    server = subprocess.Popen(list(command), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server exited with {server.returncode}:\n{server.stdout.read()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise AssertionError(f"nothing listened on port {port} after {timeout} s")


def launch_chromium(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def new_context(browser: Browser) -> BrowserContext:
    """A context whose pages may read and write the clipboard, as a user allows on localhost."""
    return browser.new_context(viewport=VIEWPORT, permissions=["clipboard-read", "clipboard-write"])


def open_dashboard(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    page.add_init_script(CAPTURE_TERMINAL)
    page.goto(url)
    return page


def terminal_text(page: Page) -> str:
    return page.evaluate("servedTerminalText()")


def wait_for_screen(page: Page, shows: Callable[[str], bool], what: str, timeout: float = 20.0) -> str:
    """The terminal's text once `shows` holds for it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = terminal_text(page)
        if shows(text):
            return text
        time.sleep(0.05)
    raise AssertionError(f"the page never showed {what}; it shows:\n{terminal_text(page)}")


def live_processes(where: Callable[[int, int], bool]) -> list[int]:
    """Pids of processes, zombies aside, for which `where(parent pid, process group)` holds."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # gone meanwhile
            continue
        # The command name is in parentheses and may hold spaces: the fields start after the last ')'.
        state, parent, group = text[text.rindex(")") + 2:].split()[:3]
        if state != "Z" and where(int(parent), int(group)):
            found.append(int(stat.parent.name))
    return found


def app_processes(server: subprocess.Popen[str]) -> list[int]:
    return live_processes(lambda parent, _group: parent == server.pid)


def processes_left(server: subprocess.Popen[str]) -> list[int]:
    """Whatever still runs in the server's process group, the server included."""
    return live_processes(lambda _parent, group: group == server.pid)

