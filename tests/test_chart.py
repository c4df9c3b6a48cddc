"""The forecast chart's data (`facts.outcomes.chart`): when each forecast was said, due and settled, as intervals."""

from __future__ import annotations

import io
from datetime import date

import pytest
from helpers import SIZE, make_app, table
from rich.console import Console
from textual.widgets import Static

from xiaomi_tui.facts.citations import cite_claim
from xiaomi_tui.facts.load.loader import bundled_facts_path, load
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.outcomes.chart import AXIS_START, ChartRow, chart
from xiaomi_tui.facts.outcomes.verdicts import Verdict, score
from xiaomi_tui.ui.screens.chart import ChartScreen, forecast_of
from xiaomi_tui.ui.view import Selection, row_holding
from xiaomi_tui.ui.widgets.chart import AXIS_LINES, CURSOR, ForecastChart, label_width
from xiaomi_tui.ui.widgets.fact_table import FactTable

AS_OF = date(2026, 1, 1)
DEC_2023 = "cnevpost-mass-production-dec-2023"
"""The NBD insider's December 2023 mass production: missed."""


@pytest.fixture(scope="module")
def bundled() -> FactBase:
    return load(bundled_facts_path())


@pytest.fixture(scope="module")
def rows(bundled) -> dict[str, ChartRow]:
    """The bundled fact base's chart, by forecast id."""
    card = score(bundled, AS_OF)
    return {row.score.forecast.id: row for row in chart(card).rows}


def test_every_forecast_is_a_row_in_the_scorecards_order(bundled) -> None:
    card = score(bundled, AS_OF)
    drawn = chart(card)
    assert [row.score for row in drawn.rows] == card.scores
    assert (drawn.start, drawn.end, drawn.as_of) == (AXIS_START, AS_OF, AS_OF)


def test_a_half_year_due_is_a_span_and_the_reports_narrow_when_it_happened(rows) -> None:
    lei_jun = rows["mass-production-start-lei-jun-h1-2024"]
    assert lei_jun.score.verdict is Verdict.HELD
    assert (lei_jun.said.start, lei_jun.said.end, lei_jun.said.text) == (date(2023, 3, 5), date(2023, 3, 5), "5 Mar 2023")
    assert (lei_jun.due.start, lei_jun.due.end, lei_jun.due.text) == (date(2024, 1, 1), date(2024, 6, 30), "H1 2024")
    # "not yet by late Dec 2023" and "by late Mar 2024": it happened in the first quarter, no day more precise
    assert (lei_jun.outcome.start, lei_jun.outcome.end) == (date(2024, 1, 1), date(2024, 3, 31))
    assert lei_jun.outcome.text == "between 1 Jan 2024 and 31 Mar 2024"
    assert lei_jun.what == "Mass-production start: H1 2024" and lei_jun.who == "Lei Jun"


def test_a_missed_date_is_settled_after_its_due_window(rows) -> None:
    insider = rows["mass-production-start-nbd-insider-dec-2023"]
    assert insider.score.verdict is Verdict.MISSED
    assert insider.due.text == "Dec 2023" and insider.outcome.start > insider.due.end


def test_a_reports_own_date_keeps_its_precision(rows) -> None:
    launch = rows["official-launch-nbd-insider-feb-2024"]
    assert (launch.outcome.start, launch.outcome.end, launch.outcome.text) == (date(2024, 3, 28),) * 2 + ("28 Mar 2024",)
    approval = rows["miit-approval-jiemian-late-2023"]
    assert (approval.outcome.start, approval.outcome.end, approval.outcome.text) == (
        date(2024, 7, 1), date(2024, 7, 31), "Jul 2024")


def test_a_value_is_settled_when_the_report_that_counts_it_was_published(rows) -> None:
    shipments = rows["shipments-2024-ming-chi-kuo-50-000-60-000-vehicles-2024"]
    assert shipments.score.verdict is Verdict.BEATEN
    assert shipments.due.text == "2024" and shipments.what == "Shipments in 2024: 50,000–60,000 vehicles (2024)"
    assert (shipments.outcome.start, shipments.outcome.text) == (date(2025, 1, 3), "reported 3 Jan 2025")


def test_an_undated_forecast_has_no_due_and_an_unanswered_one_no_outcome(rows) -> None:
    price = rows["price-ming-chi-kuo-below-rmb-300-000"]
    assert price.due is None and price.outcome.text == "reported Apr 2024"
    assert price.outcome.end - price.outcome.start == date(2024, 4, 30) - date(2024, 4, 1)
    investment = rows["ten-year-investment-xiaomi-usd-10-bn-2031"]
    assert investment.due.text == "2031" and investment.outcome is None


def test_a_forecast_is_said_when_its_earliest_appearance_says_and_as_precisely(forecast_facts) -> None:
    drawn = {row.score.claim.id: row for row in chart(score(forecast_facts, date(2024, 6, 30))).rows}
    first_car = drawn["one-first-car"]
    assert len(first_car.score.forecast.claims) == 4  # said in 2021, carried in 2023 too
    assert first_car.said.text == "27 Nov 2021"
    # the boss's own forecast, in a source of Nov 2023 that gives no day: a month, not a day
    boss = drawn["two-mass-h1"]
    assert (boss.said.start, boss.said.end, boss.said.text) == (date(2023, 11, 1), date(2023, 11, 30), "Nov 2023")


def test_the_axis_runs_to_the_scoring_day_and_starts_early_enough_for_every_forecast(forecast_facts) -> None:
    card = score(forecast_facts, date(2024, 1, 1))
    drawn = chart(card)
    assert drawn.end == drawn.as_of == date(2024, 1, 1)
    assert drawn.start == min(AXIS_START, *(row.said.start for row in drawn.rows))
    assert chart(card, []).rows == [] and chart(card, []).start == AXIS_START


def test_scored_before_a_forecast_was_said_the_axis_reaches_it(forecast_facts) -> None:
    """"Score as of..." mid-2023: the November forecasts are on the scorecard, so the axis runs to them."""
    drawn = chart(score(forecast_facts, date(2023, 6, 30)))
    assert drawn.as_of == date(2023, 6, 30) and drawn.end == date(2023, 11, 30)


# -- the chart screen: `p` on a pane, the selected row highlighted --------------------------------------------------

def chart_lines(app) -> list[str]:
    """The chart as shown: its axis lines, then one line per forecast in view."""
    chart = app.screen.query_one(ForecastChart)
    return [chart.render_line(y).text for y in range(chart.size.height)]


def screen_text(app, widget_id: str) -> str:
    console = Console(width=300, record=True, file=io.StringIO())
    console.print(app.screen.query_one(f"#{widget_id}", Static).render())
    return console.export_text()


async def chart_on_dec_2023(app, pilot) -> FactTable:
    """`p` on the Outcomes pane's row of the December 2023 forecast; the pane's table."""
    await pilot.press("5")
    scores = table(app, "outcomes")
    scores.cursor_row = next(index for index in range(len(scores.rows))
                             if scores.selection_at(index).claim_id == DEC_2023)
    await pilot.press("p")
    await pilot.pause()
    return scores


async def test_p_on_outcomes_charts_every_forecast_with_the_selected_one_highlighted(bundled):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await chart_on_dec_2023(app, pilot)
        assert isinstance(app.screen, ChartScreen)
        lines = chart_lines(app)
        marked = [line for line in lines if line.startswith(CURSOR)]
        assert len(marked) == 1 and marked[0].startswith(f"{CURSOR} \u25cb Mass-production start: Dec 2023")
        assert "\u25cb" in marked[0][label_width(SIZE[0] - 2):]  # the verdict's own glyph on the axis
        assert "due Dec 2023; happened between 1 Jan 2024 and 31 Mar 2024; \u25cb missed" in screen_text(
            app, "chart-detail")
        await pilot.press("j")
        assert not chart_lines(app)[lines.index(marked[0])].startswith(CURSOR)
        assert "Dec 2023" not in screen_text(app, "chart-detail")
        await pilot.press("c")  # cites the forecast highlighted now, not the pane's row below
        await app.workers.wait_for_complete()
        highlighted = app.screen.query_one(ForecastChart).row.score.claim
        assert highlighted.id != DEC_2023 and app.clipboard == cite_claim(bundled, highlighted, "apa")
        await pilot.press("escape")
        assert not isinstance(app.screen, ChartScreen)


async def test_closing_the_chart_puts_the_panes_cursor_on_the_forecast_highlighted(bundled):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        scores = await chart_on_dec_2023(app, pilot)
        await pilot.press("j", "j")
        highlighted = app.screen.query_one(ForecastChart).row.score
        assert highlighted.claim.id != DEC_2023
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ChartScreen)
        assert app.view.score_of(scores.selection) == highlighted


async def test_the_chart_follows_the_sources_in_view_and_keeps_its_forecast(bundled):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await chart_on_dec_2023(app, pilot)
        every = len(app.screen.query_one(ForecastChart).data.rows)
        app.set_sources(set(bundled.sources) - {"pandaily"})  # as the picker does under the chart
        await pilot.pause()
        chart = app.screen.query_one(ForecastChart)
        assert 0 < len(chart.data.rows) < every and str(chart.border_title) == "4 of 5 sources"
        assert chart.row.score.claim.id == DEC_2023


async def test_with_no_forecast_in_view_the_chart_says_why(bundled):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"xyzzy", "enter", "p")
        await pilot.pause()
        lines = chart_lines(app)
        assert "2021" in lines[0]
        assert lines[AXIS_LINES].strip() == "No forecasts match \u2018xyzzy\u2019 in the 5 sources in view."
        assert app.screen.selected() is None  # c has nothing to cite


async def test_p_on_the_timeline_highlights_the_forecast_of_the_selected_event(bundled):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        events = table(app, "timeline")
        feb_2024 = next(index for index, row in enumerate(events.rows)
                        if row.selection.topic_id == "official-launch" and row.selection.event[0] == date(2024, 2, 1))
        events.cursor_row = feb_2024
        await pilot.press("p")
        await pilot.pause()
        chart = app.screen.query_one(ForecastChart)
        assert chart.row.score.forecast.id == "official-launch-nbd-insider-feb-2024"
        assert sum(line.startswith(CURSOR) for line in chart_lines(app)) == 1


async def test_a_click_on_a_row_highlights_it(bundled):
    """In a browser a click is how many pick: the row clicked is the one highlighted, the axis lines pick none."""
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "p")
        await pilot.pause()
        chart = app.screen.query_one(ForecastChart)
        fifth = chart.content_region.y - chart.region.y + AXIS_LINES + 4  # under the border and the axis
        await pilot.click(ForecastChart, offset=(3, fifth))
        assert chart.cursor == 4 and chart_lines(app)[AXIS_LINES + 4].startswith(CURSOR)
        await pilot.click(ForecastChart, offset=(3, fifth - 5))  # the ticks of the axis
        assert chart.cursor == 4


def test_a_row_that_is_no_forecast_highlights_none(bundled):
    card = score(bundled, AS_OF)
    assert forecast_of(card.scores, Selection(source_id="pandaily")) is None
    assert forecast_of(card.scores, None) is None
    # a later report's row stands for the forecasts it settles: the first of them
    report = forecast_of(card.scores, Selection(claim_id="evertiq-deliveries-2024"))
    assert card.scores[report].verdict is Verdict.BEATEN


def test_the_row_that_holds_a_forecast(bundled):
    """Where the chart gives its highlighted forecast back: the row that stands for it most nearly, the cursor's
    own if it holds it at all, none when the pane has no row of it."""
    card = score(bundled, AS_OF)
    item = card.by_claim[DEC_2023]
    claim = item.forecast.claims[0]
    event = Selection(claim.topic, event=(claim.date.start, claim.date.end))
    outcomes_row = Selection(claim.topic, claim.id)
    finding = Selection(claim_id=item.outcomes[0].id)
    other_topic = Selection("official-launch")
    assert row_holding([Selection(source_id="pandaily"), outcomes_row], item, 0) == 1
    assert row_holding([other_topic, finding, event], item, 0) == 2  # the event it was said in, before its report
    assert row_holding([other_topic, finding, event], item, 1) == 1  # the cursor's row holds it: it stays
    assert row_holding([other_topic, Selection(claim.topic)], item, 0) == 1  # a topic's row
    assert row_holding([other_topic, Selection(claim_id="no-such-claim")], item, 0) is None  # filtered out
