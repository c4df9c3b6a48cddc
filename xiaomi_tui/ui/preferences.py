"""The keys and the theme a user chose in settings.json, checked before the app applies them.

Either can be wrong (an id that no binding has, a key taken twice, a theme this Textual lacks): then the
defaults, and one line saying why, for the app to show.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from textual.binding import Binding

from xiaomi_tui.settings import Settings
from xiaomi_tui.ui.keys import check_keymap


def chosen_keymap(settings: Settings, in_force: Sequence[Sequence[Binding]]) -> tuple[dict[str, str], str | None]:
    """The keymap to apply, and why the saved one is not used if it is not."""
    problem = check_keymap(settings.keymap, in_force)
    if problem is not None:
        return {}, f"{problem}; using the default keys"
    return dict(settings.keymap), None


def chosen_theme(settings: Settings, available: Collection[str]) -> tuple[str | None, str | None]:
    """The saved theme if this Textual has it; None (keep the default) and why, if not."""
    if settings.theme is None or settings.theme in available:
        return settings.theme, None
    shown = repr(settings.theme[:40])  # repr: escapes reach no terminal
    return None, f"settings: no theme is called {shown}; using the default theme"
