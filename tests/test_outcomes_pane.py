"""The Outcomes pane (key 5) and the timeline's later reports (key t), driven by keys on the bundled fact base."""

from __future__ import annotations

import pytest
from helpers import SIZE, cell_texts, detail_text, exported, make_app, row_texts, run_command, table
from textual.screen import ModalScreen
from textual.widgets import TabbedContent

from xiaomi_tui.facts.citations import cite_claim, cite_source
from xiaomi_tui.facts.load.loader import bundled_facts_path, load
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.ui.widgets.fact_table import FactTable

DEC_2023 = "cnevpost-mass-production-dec-2023"
ONLY_DEC_2023 = "unnamed person cited"
"""A search that leaves one row: the NBD insider's December 2023 mass-production claim."""


@pytest.fixture(scope="module")
def bundled() -> FactBase:
    return load(bundled_facts_path())


def row_of(app, claim_id: str) -> list[str]:
    scores = table(app, "outcomes")
    index = next(index for index in range(len(scores.rows)) if scores.selection_at(index).claim_id == claim_id)
    return cell_texts(scores, index)


async def test_5_shows_each_forecast_with_its_verdict_the_outcome_beside_it_and_the_track_records(bundled):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "tab-outcomes"
        assert app.focused is table(app, "outcomes")
        assert row_of(app, DEC_2023) == ["\u25cb missed", "Mass-production start", "Dec 2023", "by late Mar 2024",
                                         "a person familiar with the matter (NBD)", "1"]
        assert row_of(app, "cnevpost-shipments-2024")[:4] == [
            "\u25b2 beaten", "Shipments in 2024", "50,000–60,000 vehicles", "135,000 vehicles"]
        assert row_of(app, "unknown-outlet-price")[0] == "\u2205 not scorable"
        records = app.query_one("#outcomes-records", FactTable)
        kuo = next(cell_texts(records, index) for index in range(len(records.rows))
                   if cell_texts(records, index)[0] == "Ming-Chi Kuo")
        assert kuo == ["Ming-Chi Kuo", "2", "1", "1", "0", "0", "0", "0", "4"]  # the 250k condition is no forecast
        assert "press, autumn 2023" in app.title  # the press panes' sources stay the press
        assert str(table(app, "outcomes").border_title) == "5 of 5 sources"


async def test_the_detail_gives_the_reasoning_and_c_and_o_cite_the_forecast_and_the_report(bundled):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "slash", *ONLY_DEC_2023, "enter")
        await pilot.pause()
        assert [row[0] for row in (cell_texts(table(app, "outcomes"), 0),)] == ["\u25cb missed"]
        shown = " ".join(detail_text(app).split())
        assert "expected Dec 2023" in shown
        assert "not yet by late Dec 2023 (Verna Magazine, late Dec 2023)" in shown
        assert "https://gagadget.com/it/427907" in shown  # the outcome's source, with its address
        await pilot.press("c")
        await app.workers.wait_for_complete()
        assert app.clipboard == cite_claim(bundled, bundled.claims[DEC_2023], "apa")
        await pilot.press("o")
        await app.workers.wait_for_complete()
        assert app.clipboard == cite_source(bundled.outcome_sources["gagadget-china-only"], "apa")


async def test_o_outside_the_outcomes_pane_says_where_it_works(bundled):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "o")
        await pilot.pause()
        assert app.clipboard == ""
        assert any("Outcomes pane (5)" in note.message for note in app._notifications)


async def test_the_rows_follow_the_sources_in_view(bundled):
    app = make_app(bundled, sources=["pandaily"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        scores = table(app, "outcomes")
        claims = {scores.selection_at(index).claim_id for index in range(len(scores.rows))}
        assert claims and all(claim_id.startswith("pandaily-") for claim_id in claims)
        assert str(scores.border_title) == "1 of 5 sources"


async def test_a_track_record_row_shows_its_record_in_words(bundled):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "tab")
        await pilot.pause()
        records = app.query_one("#outcomes-records", FactTable)
        assert app.focused is records
        first = cell_texts(records, 0)[0]
        shown = detail_text(app)
        assert shown.startswith(first)
        assert " held" in shown and " of " in shown


LATER_REPORT = "\u21b3 later report"


async def test_the_timeline_shows_later_reports_only_when_asked_and_c_cites_the_report(bundled):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert LATER_REPORT not in row_texts(app, "timeline", column=5)  # off by default
        press_rows = row_texts(app, "timeline")
        await pilot.press("t")
        await pilot.pause()
        standings = row_texts(app, "timeline", column=5)
        assert standings.count(LATER_REPORT) == len(bundled.dated_outcome_claims)
        launch = standings.index(LATER_REPORT, row_texts(app, "timeline", column=1).index("\u21b3 28 Mar 2024"))
        timeline = table(app, "timeline")
        timeline.move_cursor(launch)
        await pilot.pause()
        assert "later report: 28 Mar 2024" in detail_text(app)
        await pilot.press("c")
        await app.workers.wait_for_complete()
        reported = bundled.outcome_sources[bundled.outcome_claims[timeline.selection.claim_id].source]
        assert app.clipboard == cite_source(reported, "apa")
        await run_command(pilot, "show or hide what later reports found")
        assert row_texts(app, "timeline") == press_rows


async def test_a_forecast_carried_by_three_sources_is_one_row_that_says_so(bundled):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        scores = table(app, "outcomes")
        rows = [cell_texts(scores, index) for index in range(len(scores.rows))]
        first_car = [row for row in rows if row[1] == "Production begins (first car off the line)"]
        assert [(row[0], row[-1]) for row in first_car] == [("\u25cf held", "3")]  # Lei Jun's goal, relayed by E-Town
        scores.move_cursor(rows.index(first_car[0]))
        await pilot.pause()
        shown = " ".join(detail_text(app).split())
        assert "carried by CnEVPost (cnevpost-first-car-off-line), Xiaomi EV-1 (blog-ev1-first-car-off-line)" in shown


async def test_score_as_of_rescores_the_pane_with_what_was_reported_by_then(bundled):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "score as of")
        await pilot.press(*"2024-03-01", "enter")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "tab-outcomes"
        assert str(table(app, "outcomes").border_subtitle).endswith(" \u00b7 as of 1 Mar 2024")
        assert row_of(app, "cnevpost-first-car-off-line")[0] == "\u2026 pending"  # the 29 Apr report not yet out
        assert row_of(app, "cnevpost-shipments-2024")[3] == "\u2014"
        assert any("with 5 of 13 later reports" in note.message for note in app._notifications)
        await pilot.press("slash", *"is:pending", "enter")  # the search reads the same, rescored, verdicts
        await pilot.pause()
        assert row_of(app, "cnevpost-first-car-off-line")[0] == "\u2026 pending"
        await pilot.press("slash", "ctrl+u", "enter")
        await run_command(pilot, "score as of")
        await pilot.press(*"March", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ModalScreen)  # not a day: the dialog stays and says so
        await pilot.press("escape")
        await run_command(pilot, "score as of")
        await pilot.press("ctrl+u", "enter")  # empty: today
        await pilot.pause()
        assert row_of(app, "cnevpost-first-car-off-line")[0] == "\u25cf held"


async def test_export_view_on_the_outcomes_pane_writes_every_appearance_in_view(forecast_facts, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(forecast_facts, sources=["one", "two", "three"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "slash", *"first car", "enter")
        await pilot.pause()
        assert len(table(app, "outcomes").rows) == 1  # one forecast: four appearances, three in view
        await run_command(pilot, "Export view as CSV")
        text = await exported(app, pilot, tmp_path, "xiaomi-view-outcomes-*.csv")
        ids = [line.split(",")[0] for line in text.splitlines()[1:]]
        assert ids == ["one-first-car", "two-first-car", "three-first-car"]
