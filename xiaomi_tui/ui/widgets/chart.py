"""The forecast chart: one line per forecast on a time axis, drawn with characters so it reads without colour.

A forecast's line starts where it was said (├), runs (─) to when it was due (═, as wide as the date:
H1 2024 is six months) and on to when the later reports say it happened, where its verdict stands in the
glyph the Outcomes pane gives it (● held, ○ missed...). A date known to a span rather than a day keeps
its span (┄). The axis runs from 2021 to the scoring day; what lies beyond it ends in ▸.
The data comes whole from `facts.outcomes.chart`; this only draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from xiaomi_tui.facts.outcomes.chart import Chart, ChartRow, Span
from xiaomi_tui.facts.outcomes.verdicts import Verdict
from xiaomi_tui.ui.keys import ROW_KEYS
from xiaomi_tui.ui.render.cells import VERDICT_STYLES

SAID, WAITING, DUE, FUZZY, BEYOND, YEAR_RULE, CURSOR = "├", "─", "═", "┄", "▸", "┊", "▶"
"""The chart's own marks: none is a status, a standing, a verdict or a timeline mark."""

LEGEND = ((SAID, "said"), (WAITING, "waiting"), (DUE, "due"), (FUZZY, "date known to a span"),
          (BEYOND, "after the axis"))
"""What each mark of the chart means; the verdicts follow in their own words."""

AXIS_LINES = 2
"""The years, then the ticks: drawn above the rows, which scroll under them."""


@dataclass(frozen=True)
class Axis:
    """Where days fall on `width` columns, from `start` to `end` (the scoring day, in the last column)."""

    start: date
    end: date
    width: int

    def column(self, day: date) -> int:
        """The column of `day`, clamped to the axis."""
        days = (self.end - self.start).days + 1
        return max(0, min(self.width - 1, (day - self.start).days * self.width // days))

    def years(self) -> list[tuple[int, int]]:
        """Each year that starts on the axis (the first year too) and its column."""
        return [(year, self.column(date(year, 1, 1))) for year in range(self.start.year, self.end.year + 1)]

    def year_line(self) -> Text:
        line = [" "] * self.width
        free = 0  # the first column a label may start at
        for year, column in self.years():
            label = str(year)
            if column >= free and column + len(label) <= self.width:
                line[column:column + len(label)] = label
                free = column + len(label) + 1
        return Text("".join(line), style="bold")

    def tick_line(self) -> Text:
        line = [WAITING] * self.width
        for _, column in self.years():
            line[column] = "┬"
        line[0], line[-1] = ("├" if line[0] == WAITING else "┬"), "┤"
        return Text("".join(line), style="dim")

    def draw(self, row: ChartRow) -> Text:
        """The row's marks, later ones drawn over earlier: the line, fuzzy spans, the due window, said, the verdict."""
        cells, styles = [" "] * self.width, [""] * self.width

        def put(first: int, last: int, mark: str, style: str = "") -> None:
            for column in range(first, last + 1):
                cells[column], styles[column] = mark, style

        for _, column in self.years():
            put(column, column, YEAR_RULE, "dim")
        spans = [span for span in (row.said, row.due, row.outcome) if span is not None]
        last_day = max(span.end for span in spans)
        put(self.column(row.said.start), self.column(last_day), WAITING)
        verdict_style = VERDICT_STYLES[row.score.verdict]
        if row.outcome is not None:
            put(*self._columns(row.outcome), FUZZY, verdict_style)
        if row.due is not None:
            put(*self._columns(row.due), DUE, "bold")
        first, last = self._columns(row.said)
        put(first, last, FUZZY)
        put(first, first, SAID, "bold")
        if last_day > self.end:
            put(self.width - 1, self.width - 1, BEYOND, "bold")
        if row.outcome is not None:
            first, last = self._columns(row.outcome)
            middle = (first + last) // 2
            put(middle, middle, row.score.verdict.symbol, verdict_style)
        return Text.assemble(*(Text(cell, style) for cell, style in zip(cells, styles)))

    def _columns(self, span: Span) -> tuple[int, int]:
        return self.column(span.start), self.column(span.end)


def label_width(width: int) -> int:
    """The columns before the axis: nearly half of 80 columns, 56 at most; the axis keeps the rest."""
    return max(20, min(56, width * 9 // 20))


def label(row: ChartRow, width: int, selected: bool) -> Text:
    """ "▶ ● Mass-production start: H1 2024 (Lei Jun)", who only when it fits; cut to `width` with an ellipsis.
    ▶ marks the selected row, which needs no colour."""
    verdict = row.score.verdict
    text = Text.assemble(f"{CURSOR if selected else ' '} ", (verdict.symbol, VERDICT_STYLES[verdict]), " ", row.what)
    if text.cell_len + len(row.who) + 4 <= width:
        text.append(f" ({row.who})", "dim")
    text.truncate(width - 1, overflow="ellipsis", pad=True)
    return text + " "


class Legend:
    """The marks, then each verdict shown in its glyph and word, packed into lines of the width given:
    a mark is never parted from its word."""

    def __init__(self, verdicts: list[Verdict]):
        self.items = [Text.assemble((mark, "bold"), f" {meaning}") for mark, meaning in LEGEND]
        self.items += [Text.assemble((verdict.symbol, VERDICT_STYLES[verdict]), f" {verdict.value}")
                       for verdict in verdicts]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        line = Text()
        for item in self.items:
            if line and line.cell_len + 2 + item.cell_len > options.max_width:
                yield line
                line = Text()
            line += Text("  ") + item if line else item
        yield line


def describe(row: ChartRow) -> Text:
    """The selected row in words: what, who, when said, due and settled, and the verdict."""
    verdict = row.score.verdict
    settled = f"happened {row.outcome.text}" if row.outcome else "no later report dates it"
    return Text.assemble((row.what, "bold"), f" ({row.who}): said {row.said.text}; ",
                         f"due {row.due.text}; " if row.due else "no date given; ", f"{settled}; ",
                         (f"{verdict.symbol} {verdict.value}", VERDICT_STYLES[verdict]))


class ForecastChart(Widget, can_focus=True):
    """The chart, its axis pinned at the top and the rows scrolling under it; the cursor row is highlighted
    (and marked ▶, which needs no colour). `Highlighted` tells the screen which row it is on."""

    BINDINGS = [*ROW_KEYS]
    COMPONENT_CLASSES = {"forecast-chart--cursor"}

    cursor: reactive[int] = reactive(0)

    class Highlighted(Message):
        def __init__(self, row: ChartRow | None):
            super().__init__()
            self.row = row

    def __init__(self, data: Chart, cursor: int = 0, empty: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data = data
        self.empty = empty
        self.top = 0  # the first row shown
        self.set_reactive(ForecastChart.cursor, max(0, min(cursor, len(data.rows) - 1)))

    @property
    def row(self) -> ChartRow | None:
        return self.data.rows[self.cursor] if self.data.rows else None

    @property
    def rows_shown(self) -> int:
        return max(1, self.size.height - AXIS_LINES)

    def on_mount(self) -> None:
        self.post_message(self.Highlighted(self.row))

    def on_resize(self) -> None:
        self._keep_cursor_in_view()

    def watch_cursor(self) -> None:
        self._keep_cursor_in_view()
        self.refresh()
        self.post_message(self.Highlighted(self.row))

    def _keep_cursor_in_view(self) -> None:
        if self.cursor < self.top:
            self.top = self.cursor
        elif self.cursor >= self.top + self.rows_shown:
            self.top = self.cursor - self.rows_shown + 1
        self.top = max(0, min(self.top, len(self.data.rows) - self.rows_shown))
        count = len(self.data.rows)
        last = min(count, self.top + self.rows_shown)
        self.border_subtitle = f"{self.top + 1}\u2013{last} of {count} forecasts" if count else ""

    def _move(self, to: int) -> None:
        if self.data.rows:
            self.cursor = max(0, min(len(self.data.rows) - 1, to))

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1)

    def action_page_down(self) -> None:
        self._move(self.cursor + self.rows_shown)

    def action_page_up(self) -> None:
        self._move(self.cursor - self.rows_shown)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self.data.rows) - 1)

    def on_click(self, event: events.Click) -> None:
        inside = event.get_content_offset(self)  # below the border, if any
        if inside is not None and inside.y >= AXIS_LINES:
            self._move(self.top + inside.y - AXIS_LINES)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._move(self.cursor + 1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._move(self.cursor - 1)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        names = label_width(width)
        axis = Axis(self.data.start, self.data.end, max(1, width - names))
        if y == 0:
            text = Text.assemble(Text("Forecast".ljust(names), style="bold"), axis.year_line())
        elif y == 1:
            text = Text.assemble(" " * names, axis.tick_line())
        elif not self.data.rows:
            text = Text(self.empty if y == AXIS_LINES else "", style="italic")
        else:
            index = self.top + y - AXIS_LINES
            if index >= len(self.data.rows):
                return Strip.blank(width, base)
            selected = index == self.cursor
            row = self.data.rows[index]
            text = Text.assemble(label(row, names, selected), axis.draw(row))
            if selected:
                text.stylize(self.get_component_rich_style("forecast-chart--cursor"))
        segments = Segment.apply_style(text.render(self.app.console), base)
        return Strip(segments).adjust_cell_length(width, base)
