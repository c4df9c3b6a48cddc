"""The palette's "Export view": the claims behind the rows the pane shows, with its search and sources."""

from __future__ import annotations

import csv
import io
import json

import pytest
from helpers import exported

from xiaomi_tui.facts.export.tables import Scope, export
from xiaomi_tui.ui.app import XiaomiApp

SIZE = (120, 40)


def csv_ids(text: str) -> list[str]:
    return [row["id"] for row in csv.DictReader(io.StringIO(text))]


def test_a_scope_keeps_its_claims_in_its_order_and_says_what_narrowed_them(small_facts):
    scope = Scope(("gamma-looks", "alpha-looks", "beta-approval"), "specs", "looks")
    assert csv_ids(export(small_facts, None, "csv", scope)) == ["gamma-looks", "alpha-looks", "beta-approval"]
    assert csv_ids(export(small_facts, ["alpha", "gamma"], "csv", scope)) == ["gamma-looks", "alpha-looks"]
    markdown = export(small_facts, None, "markdown", scope)
    assert markdown.count("\n") == 2 + 3 and "| gamma-looks |" in markdown
    dump = json.loads(export(small_facts, None, "json", scope))
    assert dump["meta"]["view"] == {"pane": "specs", "search": "looks"}
    assert [claim["id"] for claim in dump["claims"]] == ["gamma-looks", "alpha-looks", "beta-approval"]
    assert [topic["id"] for topic in dump["topics"]] == ["looks-like", "approval"]
    assert "view" not in json.loads(export(small_facts, None, "json"))["meta"]


@pytest.mark.parametrize("fmt", ["csv", "markdown", "json"])
def test_an_export_from_the_dashboard_reuses_the_views_analysis(small_facts, monkeypatch, fmt):
    """The view already holds the analysis of the sources in view: the export reads it, and analyses nothing."""
    from xiaomi_tui.facts.export import tables
    from xiaomi_tui.ui.view import View

    expected = export(small_facts, ["alpha", "gamma"], fmt)
    view = View.of(small_facts, ["alpha", "gamma"])

    def analysed_again(*_: object) -> None:
        raise AssertionError("analysed again")

    monkeypatch.setattr(tables, "analyse", analysed_again)
    assert export(small_facts, view.sources, fmt, analysis=view.analysis) == expected


async def run_command(pilot, words: str) -> None:
    await pilot.press("ctrl+p", *words)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.timeout(60)
async def test_export_view_as_csv_after_a_search_writes_only_the_rows_in_view(small_facts, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = XiaomiApp(small_facts, watch=False, sources=["alpha", "beta"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash", *"is:conflict", "enter")
        await run_command(pilot, "Export view as CSV")
        text = await exported(app, pilot, tmp_path, "xiaomi-view-timeline-*.csv")
        assert csv_ids(text) == ["alpha-mass-production-dec", "alpha-mass-production-h1"]
        assert text.splitlines()[0] == export(small_facts, ["alpha", "beta"], "csv").splitlines()[0]  # same writer


@pytest.mark.timeout(60)
async def test_export_view_follows_the_pane_its_sources_and_the_kind_of_row(small_facts, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = XiaomiApp(small_facts, watch=False, sources=["alpha", "beta"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"looks", "enter")  # Looks like: alpha's claim; gamma is out of view
        await run_command(pilot, "Export view as JSON")
        dump = json.loads(await exported(app, pilot, tmp_path, "xiaomi-view-specs-*.json"))
        assert [claim["id"] for claim in dump["claims"]] == ["alpha-looks"]
        assert dump["meta"]["view"] == {"pane": "specs", "search": "looks"}
        assert dump["meta"]["sources_in_view"] == ["alpha", "beta"]
        app._notifications.clear()
        await pilot.press("escape", "4", "slash", *"is:echo", "enter")  # the sources list: beta's echoed claims
        await run_command(pilot, "Export view as CSV")
        assert csv_ids(await exported(app, pilot, tmp_path, "xiaomi-view-sources-*.csv")) == [
            "alpha-approval", "alpha-investment", "beta-approval", "beta-investment"]
