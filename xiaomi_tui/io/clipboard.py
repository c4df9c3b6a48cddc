"""The clipboard: what may go on it, and the system clipboard, best effort (pyperclip needs a display
(X11/Wayland) or macOS/Windows)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass

from xiaomi_tui.facts.model.rules import terminal_acts_on

__all__ = ["CopyOutcome", "copy_to_system", "pasteable", "terminal_route"]


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


def copy_to_system(text: str, timeout: float = COPY_TIMEOUT) -> CopyOutcome:
    """Try the system clipboard; say why not when it is unavailable (plain SSH, no xclip/xsel/wl-copy) or its helper
    does not answer within `timeout` (pyperclip waits for it forever, and so would `cite --copy` or quitting)."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return CopyOutcome(False, "no system clipboard: no DISPLAY or WAYLAND_DISPLAY (over SSH?)")
    outcome: list[CopyOutcome] = []

    def attempt() -> None:
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
