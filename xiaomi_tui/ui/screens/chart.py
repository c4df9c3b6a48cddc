"""The forecasts against what happened, on a time axis (`p`, or the palette's "Chart"): see widgets/chart.py."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from xiaomi_tui.facts.outcomes.chart import chart
from xiaomi_tui.facts.outcomes.verdicts import Score
from xiaomi_tui.facts.wording import day_text
from xiaomi_tui.ui.dashboard import dashboard
from xiaomi_tui.ui.keys import CHART_KEYS, CITE_KEYS
from xiaomi_tui.ui.panes.base import empty_sentence
from xiaomi_tui.ui.screens.citing import CitingScreen
from xiaomi_tui.ui.view import Selection, View, closeness, nearest
from xiaomi_tui.ui.widgets.chart import ForecastChart, Legend, describe
from xiaomi_tui.ui.widgets.footer import SteadyFooter


def forecast_of(scores: list[Score], selection: Selection | None) -> int | None:
    """Which of `scores` a pane's row stands for: the forecast of its claim (an Outcomes row), the forecast a
    later report settles (a timeline finding), else the first forecast on its topic, at its dates if it has
    some (a timeline event); None when the row is no forecast's."""
    return None if selection is None else nearest([closeness(selection, item) for item in scores])


class ChartScreen(CitingScreen[Score | None]):
    """It keeps no view of its own: it draws the app's, and redraws when that changes (a reload, a source ticked),
    on the same forecast when it is still shown. `c` cites the highlighted forecast, `e` edits it; closing it
    gives the highlighted forecast back (its dismiss result), for the pane to put its cursor on its row."""

    BINDINGS = [*CHART_KEYS, *CITE_KEYS]

    def __init__(self, selection: Selection | None):
        super().__init__()
        self._selection = selection

    @property
    def view(self) -> View:
        return dashboard(self).view

    def compose(self) -> ComposeResult:
        view = self.view
        scores = [item for item, _ in view.forecasts_shown()]
        data = chart(view.scorecard, scores)
        end = "today" if data.end == date.today() else day_text(data.end)
        scored = "" if data.as_of == data.end else f", scored as of {day_text(data.as_of)}"
        yield Static(Text.assemble(("Forecasts against what happened", "bold"),
                                   f", {day_text(data.start)} to {end}{scored}"), id="chart-title")
        found = forecast_of(scores, self._selection)
        widget = ForecastChart(data, found or 0, empty_sentence(view, "forecasts"), id="chart")
        widget.border_title = view.filter_label
        yield widget
        yield Static(describe(widget.row) if widget.row else Text(""), id="chart-detail")  # in the first frame
        yield Static(Legend(list(dict.fromkeys(row.score.verdict for row in data.rows))), id="chart-legend")
        yield SteadyFooter()

    def on_mount(self) -> None:
        dashboard(self).view_changed.subscribe(self, self._view_changed)
        self.query_one(ForecastChart).focus()

    def selected(self) -> Selection | None:
        """The highlighted forecast, as the Outcomes pane's row of it: its topic and first appearance."""
        row = self.query_one(ForecastChart).row
        return Selection(row.score.forecast.topic, row.score.claim.id) if row else None

    def on_forecast_chart_highlighted(self, message: ForecastChart.Highlighted) -> None:
        self._selection = self.selected() or self._selection  # a redraw comes back to it
        self.query_one("#chart-detail", Static).update(describe(message.row) if message.row else Text(""))

    async def _view_changed(self, view: View) -> None:
        await self.recompose()
        self.query_one(ForecastChart).focus()

    def action_close(self) -> None:
        row = self.query_one(ForecastChart).row
        self.dismiss(row.score if row else None)
