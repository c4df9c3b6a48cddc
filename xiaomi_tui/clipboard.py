"""The system clipboard, best effort: pyperclip needs a display (X11/Wayland) or macOS/Windows."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

__all__ = ["CopyOutcome", "copy_to_system"]


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

        pyperclip.copy(text)
    except Exception as error:  # pyperclip raises its own and OS errors for missing tools
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return CopyOutcome(False, f"no system clipboard: {reason[:120]}")
    return CopyOutcome(True, "copied to the system clipboard")
