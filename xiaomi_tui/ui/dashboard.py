"""What screens, palette providers and helpers may use of the app, and the one place the app is typed so.

They never name the app (tests/test_layers.py): they read the current view, hear when it changes (one
`Signal`, the only way the view is published), and ask for changes with messages of their own, which the
app handles; the source commands put sources in view directly, as the palette runs them outside any screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, cast

from textual.signal import Signal

from xiaomi_tui.ui.view import HasView, View


class Dashboard(HasView, Protocol):
    @property
    def view_changed(self) -> Signal[View]:
        """Published with each new view: a reload, a source ticked, a search typed, a new scoring day."""
        ...

    def set_sources(self, sources: Iterable[str]) -> None: ...


class OnTheDashboard(Protocol):
    """A node of the app (a screen) or a palette provider: anything that knows its app."""

    @property
    def app(self) -> object: ...


def dashboard(node: OnTheDashboard) -> Dashboard:
    """`node.app`, typed by what the ui uses of it: only the dashboard runs these screens and providers."""
    return cast(Dashboard, node.app)
