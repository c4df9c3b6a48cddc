"""The clipboard: what may go on it, and the system clipboard, best effort (pyperclip needs a display
(X11/Wayland) or macOS/Windows)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass

from xiaomi_tui.facts.model.rules import terminal_acts_on

__all__ = ["RICH_COPY", "CopyOutcome", "copy_to_system", "copy_to_terminal", "pasteable", "terminal_route"]

RICH_COPY = "xiaomi_rich_copy"
"""In a browser tab, the message that carries a citation's HTML from the app, through the server, to the page, just
before the same citation's plain text comes by OSC 52 (see `web/server.py` and its page's template)."""


def pasteable(text: str) -> str:
    """`text` without the characters a terminal would act on when it is pasted or printed.

    The loader already refuses them in a fact base; this holds whatever the text's origin, for every
    payload that leaves the app (OSC 52, the system clipboard, `cite` on stdout). Line breaks stay:
    a BibTeX or CSL-JSON entry has several.
    """
    if text.isprintable():
        return text
    return "".join(char for char in text if char == "\n" or not terminal_acts_on(char))


@dataclass(frozen=True)
class CopyOutcome:
    copied: bool
    message: str


def copy_to_terminal(text: str, terminal: str = "/dev/tty") -> CopyOutcome:
    """OSC 52 written to the controlling terminal, not to stdout (which a script may be reading): the terminal
    puts `text` on its clipboard, even over SSH, where no system clipboard is within reach."""
    import base64

    sequence = f"\x1b]52;c;{base64.b64encode(pasteable(text).encode('utf-8')).decode('ascii')}\x07"
    try:
        descriptor = os.open(terminal, os.O_WRONLY | os.O_NOCTTY)
    except OSError as error:
        return CopyOutcome(False, f"no terminal for OSC 52: {error.strerror or error}")
    try:
        unsent = memoryview(sequence.encode("ascii"))
        while unsent:  # a terminal may take a long citation in parts
            unsent = unsent[os.write(descriptor, unsent):]
    except OSError as error:
        return CopyOutcome(False, f"OSC 52 not sent: {error.strerror or error}")
    finally:
        os.close(descriptor)
    return terminal_route()


def terminal_route(environ: Mapping[str, str] = os.environ, timeout: float = 1.0) -> CopyOutcome:
    """Where an OSC 52 sequence goes: a terminal takes it without a word back, but tmux with `set-clipboard
    external` (its default) or `off` drops what an application sends, so nothing reaches its buffer."""
    if environ.get("TMUX"):
        try:
            setting = subprocess.run(["tmux", "show-options", "-sv", "set-clipboard"], capture_output=True, text=True,
                                     timeout=timeout, env=dict(environ)).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            setting = ""
        if setting in ("external", "off"):
            return CopyOutcome(False, f"tmux drops OSC 52 (its set-clipboard is {setting}; "
                                      "`tmux set -s set-clipboard on` lets it through)")
        if setting == "on":
            return CopyOutcome(True, "OSC 52 sent through tmux to the terminal clipboard")
    return CopyOutcome(True, "OSC 52 sent to the terminal clipboard (no terminal confirms it)")


COPY_TIMEOUT = 1.5
"""Seconds the system clipboard's helper (xclip, xsel, wl-copy...) may take; it answers in milliseconds when it works."""


def copy_to_system(text: str, html: str | None = None, timeout: float = COPY_TIMEOUT) -> CopyOutcome:
    """Try the system clipboard; say why not when it is unavailable (plain SSH, no xclip/xsel/wl-copy) or its helper
    does not answer within `timeout` (pyperclip waits for it forever, and so would `cite --copy` or quitting).

    With `html`, on X11 the clipboard offers both, `text/html` beside the plain text (`x11_selection`); where that
    cannot be done (Wayland, macOS, Windows, no python-xlib) the plain text alone, as before."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return CopyOutcome(False, "no system clipboard: no DISPLAY or WAYLAND_DISPLAY (over SSH?)")
    outcome: list[CopyOutcome] = []

    def attempt() -> None:
        if html is not None and _rich_to_x11(pasteable(text), pasteable(html)):
            outcome.append(CopyOutcome(True, "copied to the system clipboard, as rich text and plain"))
            return
        try:
            import pyperclip

            pyperclip.copy(pasteable(text))
        except Exception as error:  # pyperclip raises its own and OS errors for missing tools
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            outcome.append(CopyOutcome(False, f"no system clipboard: {reason[:120]}"))
        else:
            outcome.append(CopyOutcome(True, "system clipboard set"))

    # A daemon thread of our own: one stuck in a helper that never answers is left behind, and holds up no exit.
    helper = threading.Thread(target=attempt, name="clipboard", daemon=True)
    helper.start()
    helper.join(timeout)
    if outcome:
        return outcome[0]
    return CopyOutcome(False, f"no system clipboard: its helper did not answer within {timeout:g} s")


def _rich_to_x11(text: str, html: str) -> bool:
    """Plain text and HTML on the X11 clipboard at once, by a selection owner of our own left running in the
    background (as xclip is); False where there is no X display or no python-xlib, to fall back to plain text."""
    if not (sys.platform.startswith("linux") and os.environ.get("DISPLAY")):
        return False
    try:
        import Xlib  # noqa: F401  (the helper's one dependency: without it, say nothing and copy plain text)
    except ImportError:
        return False
    helper = subprocess.Popen([sys.executable, "-m", "xiaomi_tui.io.x11_selection"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True, text=True)
    assert helper.stdin is not None and helper.stdout is not None
    try:
        helper.stdin.write(json.dumps({"text": text, "html": html}))
        helper.stdin.close()
        answer = helper.stdout.readline().strip()  # the caller's thread bounds the wait
    except OSError:
        answer = ""
    if answer != "owned":
        helper.kill()
        return False
    return True
