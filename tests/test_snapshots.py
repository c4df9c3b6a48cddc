"""The look, pinned: SVG snapshots of each pane and screen on the bundled fact base.

After an intended change (to the UI or to facts.toml), review and refresh them with
`pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import TabbedContent

from xiaomi_tui.facts.load.loader import bundled_facts_path, load
from xiaomi_tui.ui.app import XiaomiApp

PANE_KEYS = {"specs": "1", "timeline": "2", "investment": "3", "sources": "4", "outcomes": "5", "company": "6"}


def bundled_app() -> XiaomiApp:
    return XiaomiApp(load(bundled_facts_path()), watch=False)


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
@pytest.mark.parametrize("pane", PANE_KEYS)
def test_pane(snap_compare, pane, size):
    assert snap_compare(bundled_app(), press=[PANE_KEYS[pane]], terminal_size=size)


def test_wide_layout_puts_the_detail_beside(snap_compare):
    assert snap_compare(bundled_app(), press=["2", "j", "j"], terminal_size=(160, 50))


def test_timeline_with_later_reports(snap_compare):
    assert snap_compare(bundled_app(), press=["2", "t"], terminal_size=(120, 40))


def test_detail_screen(snap_compare):
    assert snap_compare(bundled_app(), press=["2", "enter"], terminal_size=(120, 40))


def test_help_screen(snap_compare):
    assert snap_compare(bundled_app(), press=["question_mark"], terminal_size=(120, 40))


def test_source_picker(snap_compare):
    assert snap_compare(bundled_app(), press=["s", "space"], terminal_size=(120, 40))


def test_provenance_tree_of_the_ndrc_approval(snap_compare):
    assert snap_compare(bundled_app(), press=["2", "slash", *"ndrc", "enter", "enter"], terminal_size=(120, 40))


def test_source_checklist_with_a_source_unticked_at_80x24(snap_compare):
    assert snap_compare(bundled_app(), press=["s", "down", "space"], terminal_size=(80, 24))


async def search_and_count_the_hits(pilot) -> None:
    """Search for nothing, and wait until the tabs say so: they count the hits once typing pauses (HITS_DELAY), and
    a snapshot taken before then caught each tab's underline sliding to its new width (it failed 1 run in 3)."""
    await pilot.press("slash", *"xyzq", "enter")
    specs = pilot.app.query_one(TabbedContent).get_tab("tab-specs")
    while str(specs.label) != "Specs 0":
        await pilot.pause(0.05)


def test_an_empty_search_at_80x24(snap_compare):
    assert snap_compare(bundled_app(), run_before=search_and_count_the_hits, terminal_size=(80, 24))


def test_provenance_tree_at_80x24(snap_compare):
    assert snap_compare(bundled_app(), press=["2", "slash", *"ndrc", "enter", "enter"], terminal_size=(80, 24))


async def scored_on_new_years_day_2026(pilot) -> None:
    """The chart's axis runs to the scoring day: a fixed one, so the snapshot does not move with the calendar."""
    pilot.app.set_view(pilot.app.view.scored_as_of(date(2026, 1, 1)))


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_forecast_chart_with_the_selected_forecast_highlighted(snap_compare, size):
    assert snap_compare(bundled_app(), press=["5", "j", "j", "p"], terminal_size=size,
                        run_before=scored_on_new_years_day_2026)
