"""Sorting a fact table: by a header's click or `S` on the focused column; again to reverse; a third time back."""

from __future__ import annotations

from helpers import cell_texts
from rich.text import Text

from xiaomi_tui.ui.app import XiaomiApp
from xiaomi_tui.ui.widgets.fact_table import FactTable
from xiaomi_tui.ui.widgets.sorting import DOWN, UP, SortOrder, cell_key, column_at


def rows(*values: tuple[str, ...]) -> list[list[Text]]:
    return [[Text(value) for value in row] for row in values]


def test_numbers_sort_as_numbers_and_words_without_their_mark():
    assert sorted(["10", "9", "1,200", "2.5"], key=cell_key) == ["2.5", "9", "10", "1,200"]
    assert sorted(["\u2717 conflict", "\u2713 agree", "\u2022 single"], key=cell_key) == [
        "\u2713 agree", "\u2717 conflict", "\u2022 single"]
    assert sorted(["12 sources", "2 sources", "CnEVPost"], key=cell_key) == ["2 sources", "12 sources", "CnEVPost"]


def test_values_sort_by_their_number_and_dates_by_time():
    """As text they sorted "100,000", "150,000", "2 phases", "300,000"; money sorts within its currency."""
    assert sorted(["300,000 vehicles/year", "2 phases", "150,000 vehicles/year", "100,000 vehicles"], key=cell_key) == [
        "2 phases", "100,000 vehicles", "150,000 vehicles/year", "300,000 vehicles/year"]
    assert sorted(["RMB 10 bn", "USD 1.37 bn", "below about RMB 300,000", "about RMB 215,900", "USD 10 bn"],
                  key=cell_key) == ["about RMB 215,900", "below about RMB 300,000", "RMB 10 bn", "USD 1.37 bn",
                                    "USD 10 bn"]
    assert sorted(["2025", "28 Mar 2024", "by late Mar 2024", "H1 2024", "Dec 2023", "late 2023", "Q2 2024"],
                  key=cell_key) == ["late 2023", "Dec 2023", "H1 2024", "by late Mar 2024", "28 Mar 2024",
                                    "Q2 2024", "2025"]


def test_a_tree_sorts_within_each_level():
    """The track record's voices stay under their organisation ("Lei Jun" landed under "Jiemian")."""
    rows = [("Xiaomi", 0), ("Lei Jun", 1), ("Xiaomi", 1), ("William Lu", 1), ("Jiemian", 0), ("Beijing", 0),
            ("b-voice", 1), ("a-voice", 1)]
    order = SortOrder().pressed(0)
    def cells(row):
        return [Text(row[0])]
    assert [name for name, _ in order.apply(rows, cells, depth=lambda row: row[1])] == [
        "Beijing", "a-voice", "b-voice", "Jiemian", "Xiaomi", "Lei Jun", "William Lu", "Xiaomi"]
    assert [name for name, _ in order.pressed(0).apply(rows, cells, depth=lambda row: row[1])] == [
        "Xiaomi", "Xiaomi", "William Lu", "Lei Jun", "Jiemian", "Beijing", "b-voice", "a-voice"]


def test_a_column_sorts_up_then_down_then_back_to_the_panes_order():
    table = rows(("b", "2"), ("a", "10"), ("c", ""), ("a", "1"))
    order = SortOrder().pressed(1)
    assert [row[1].plain for row in order.apply(table, list)] == ["1", "2", "10", ""]  # empty cells last
    order = order.pressed(1)
    assert [row[1].plain for row in order.apply(table, list)] == ["10", "2", "1", ""]
    assert order.label(1, "Src") == f"Src {DOWN}" and order.label(0, "Topic") == "Topic"
    order = order.pressed(1)
    assert order == SortOrder() and order.apply(table, list) == table
    assert [row[1].plain for row in SortOrder().pressed(0).apply(table, list)] == ["10", "1", "2", ""]  # stable
    assert SortOrder().pressed(0).label(0, "Topic") == f"Topic {UP}"


def test_the_column_under_a_click_skips_hidden_columns():
    widths = [4, None, 6]
    assert [column_at(x, widths) for x in (0, 5, 6, 13, 14)] == [0, 0, 2, 2, None]


SIZE = (120, 40)


def column(app, table_id: str, index: int) -> list[str]:
    table = app.query_one(f"#{table_id}", FactTable)
    return [cell_texts(table, row)[index] for row in range(len(table.rows))]


def header(app, table_id: str) -> str:
    return app.query_one(f"#{table_id}", FactTable).render_line(0).text


async def test_a_click_on_a_header_sorts_by_it_and_again_reverses(small_facts):
    app = XiaomiApp(small_facts, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        assert column(app, "specs-table", 0) == ["Body style", "Looks like", "Price"]
        await pilot.press("j")  # on Looks like, which the cursor keeps through every sort
        status_x = header(app, "specs-table").index("Status")
        await pilot.click("#specs-table", offset=(status_x, 0))
        assert column(app, "specs-table", 2) == ["? not comparable", "\u2022 single", "\u2237 various"]
        assert f"Status {UP}" in header(app, "specs-table")
        await pilot.click("#specs-table", offset=(status_x, 0))
        assert column(app, "specs-table", 2) == ["\u2237 various", "\u2022 single", "? not comparable"]
        assert f"Status {DOWN}" in header(app, "specs-table")
        assert app.active_pane.selected().topic_id == "looks-like"
        await pilot.click("#specs-table", offset=(status_x, 0))
        assert column(app, "specs-table", 0) == ["Body style", "Looks like", "Price"]
        assert UP not in header(app, "specs-table") and DOWN not in header(app, "specs-table")


async def test_s_sorts_by_the_focused_column_and_the_sort_outlives_a_search(small_facts):
    app = XiaomiApp(small_facts, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "greater_than_sign", "greater_than_sign", "S")  # Investment: Topic, then Value
        first = column(app, "investment-table", 1)
        assert first == sorted(first, key=cell_key)
        await pilot.press("S")
        assert column(app, "investment-table", 1) == sorted(first, key=cell_key, reverse=True)
        await pilot.press("slash", *"capacity", "enter")
        assert f"Value {DOWN}" in header(app, "investment-table")


async def test_the_timeline_keeps_time_order_until_asked(small_facts):
    app = XiaomiApp(small_facts, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        in_time = column(app, "timeline-table", 1)
        assert in_time[0] == "\u25c6 30 Mar 2021" and UP not in header(app, "timeline-table")
        await pilot.press(*["greater_than_sign"] * 4, "S")  # Year, When, What, Source
        sources = column(app, "timeline-table", 3)
        assert sources == sorted(sources, key=cell_key) and column(app, "timeline-table", 1) != in_time
        await pilot.press("S", "S")
        assert column(app, "timeline-table", 1) == in_time


async def test_export_view_follows_the_sort(small_facts, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = XiaomiApp(small_facts, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("S", "S")  # by Topic, descending: Price, Looks like, Body style
        assert app.active_pane.claims_shown(app.view)[0] in ("alpha-price", "gamma-price")
        assert app.active_pane.claims_shown(app.view)[-1] == "alpha-body"


async def test_the_timeline_sorted_by_its_dates_is_time_order_or_its_reverse(small_facts):
    app = XiaomiApp(small_facts, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        in_time = column(app, "timeline-table", 1)
        await pilot.press("greater_than_sign", "greater_than_sign", "S")  # When: "Dec 2023" is no word to sort
        assert column(app, "timeline-table", 1) == in_time
        assert f"When {UP}" in header(app, "timeline-table")
        await pilot.press("S")
        assert column(app, "timeline-table", 1) == in_time[::-1]
