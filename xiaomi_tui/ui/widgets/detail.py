"""The detail panel: what the active pane makes of the row under the cursor (see ui/render/detail.py), drawn once
per width."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


class DrawnOnce:
    """A renderable Rich draws once per width and set of options. Textual asks the detail's Static for its height,
    then for its lines, at each layout of the first frame, and each time Rich drew every claim's grid again: about
    a third of what the dashboard's first frame costs over a bare Textual app's. `options.height` is left out of the
    key: the detail's parts (text and grids) never fill a height."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._drawn: dict[tuple[object, ...], list[Segment]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (options.size, options.min_width, options.max_width, options.justify, options.overflow,
               options.no_wrap, options.highlight, options.markup, options.is_terminal, options.encoding)
        drawn = self._drawn.get(key)
        if drawn is None:
            drawn = self._drawn[key] = list(console.render(self.renderable, options))
        yield from drawn

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


class DetailPanel(VerticalScroll, can_focus=True):
    """The side panel: follows the cursor in the active pane."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    renderable: RenderableType = Text("")

    def show(self, renderable: RenderableType) -> None:
        """What the active pane makes of the row under the cursor (see `Pane.render_detail`)."""
        self.renderable = renderable
        self.query_one("#detail-body", Static).update(renderable if isinstance(renderable, Text) else DrawnOnce(renderable))
