"""Reading at a glance, at 80x24 and 200x60: what the tables draw keeps every status word, tree summary and
empty-pane sentence whole, and at 200 columns every topic label."""

from __future__ import annotations

import pytest
from helpers import cell_texts

from xiaomi_tui.facts.load.loader import bundled_facts_path, load
from xiaomi_tui.ui.app import XiaomiApp
from xiaomi_tui.ui.widgets.fact_table import FactTable
from xiaomi_tui.ui.widgets.provenance import ProvenanceTree

WHOLE = {"Status", "Standing", "Verdict"}
"""Columns whose words are never cut."""


@pytest.fixture(scope="module")
def facts():
    return load(bundled_facts_path())


def drawn(widget) -> list[str]:
    return [widget.render_line(y).text for y in range(widget.size.height)]


def shown_rows(table: FactTable) -> range:
    top = int(table.scroll_y)
    return range(top, min(len(table.rows), top + table.size.height - 1))


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
async def test_status_words_topic_labels_and_the_tree_summary_are_drawn_whole(facts, size):
    app = XiaomiApp(facts, watch=False)
    async with app.run_test(size=size) as pilot:
        for key in "123456":
            await pilot.press(key)
            await pilot.pause()
            for table in app.active_pane.query(FactTable):
                lines = "\n".join(drawn(table))
                labels = [column.label for column in table.columns]
                for index in shown_rows(table):
                    for label, cell in zip(labels, cell_texts(table, index)):
                        if label in WHOLE or (label == "Topic" and size[0] == 200):
                            assert cell in lines, (key, label, cell)
        await pilot.press("2", "slash", *"ndrc", "enter", "enter")
        tree = app.screen.query_one(ProvenanceTree)
        assert tree.root.label.plain in drawn(tree)[0]


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
async def test_an_empty_pane_says_why_in_a_whole_sentence_and_the_detail_says_the_same(facts, size):
    app = XiaomiApp(facts, watch=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash", *"xyzq", "enter")
        table = app.active_pane.current_table
        sentence = "No spec claims match \u2018xyzq\u2019 in the 5 sources in view."
        assert table.empty_text == sentence
        assert sentence in " ".join(" ".join(line.split()) for line in drawn(table)[1:])  # wrapped, not cut
        assert "Move the cursor" not in str(app.query_one("#detail").renderable)
