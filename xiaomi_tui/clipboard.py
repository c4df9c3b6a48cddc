"""The clipboard: what may go on it, and the system clipboard, best effort (pyperclip needs a display
(X11/Wayland) or macOS/Windows)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from xiaomi_tui.facts.rules import terminal_acts_on

__all__ = ["CopyOutcome", "copy_to_system", "pasteable"]


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


def copy_to_system(text: str) -> CopyOutcome:
    """Try the system clipboard; say why not when it is unavailable (plain SSH, no xclip/xsel/wl-copy)."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return CopyOutcome(False, "no system clipboard: no DISPLAY or WAYLAND_DISPLAY (over SSH?)")
    try:
        import pyperclip

        pyperclip.copy(pasteable(text))
    except Exception as error:  # pyperclip raises its own and OS errors for missing tools
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return CopyOutcome(False, f"no system clipboard: {reason[:120]}")
    return CopyOutcome(True, "copied to the system clipboard")
