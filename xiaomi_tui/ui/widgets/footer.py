"""Textual's footer, rebuilt only when the keys it shows change.

Textual's `Footer` recomposes on every focus change and binding refresh; start-up alone asks
five times, and each rebuild mounts and restyles every key (about 9 ms here). Moving between
tables changes nothing the footer shows, so most of those rebuilds draw the same keys again.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Footer


class SteadyFooter(Footer):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        # Textual waits for the first binding refresh before showing keys, which costs a second
        # build after the first frame; the app's keys are known now, and a change rebuilds anyway.
        # Telling it the bindings changed is what that refresh would do (its rebuild is skipped below).
        self.bindings_changed(self.screen)
        self._shown = self._keys_shown()
        yield from super().compose()

    async def recompose(self) -> None:
        shown = self._keys_shown()
        if shown == self._shown:
            return
        self._shown = shown
        await super().recompose()

    def _keys_shown(self) -> tuple[object, ...] | None:
        """What `compose` would draw: every shown binding, whether it is enabled, and its tooltip."""
        if not self.is_attached:
            return None
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple((key, binding.action, binding.description, binding.key_display, enabled, tooltip)
                     for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
                     if binding.show or key == palette)
