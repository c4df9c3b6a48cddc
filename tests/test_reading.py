"""Reading at a glance, at 80x24 and 200x60: what the tables draw keeps every status word, tree summary and
empty-pane sentence whole, and at 200 columns every topic label."""

from __future__ import annotations

import pytest
from helpers import drawn, walk

from xiaomi_tui.facts.load.loader import bundled_facts_path, load
from xiaomi_tui.ui.app import XiaomiApp

WHOLE = {"Status", "Standing", "Verdict"}
"""Columns whose words are never cut."""


@pytest.fixture(scope="module")
def facts():
    return load(bundled_facts_path())


@pytest.mark.xdist_group("walk")
@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_status_words_topic_labels_and_the_tree_summary_are_drawn_whole(size):
    found = walk(size)  # the 200x60 walk is test_vocabulary's too
    for key, tables in found.tables.items():
        for table in tables:
            lines = "\n".join(table.lines)
            for index in table.shown:
                for label, cell in zip(table.labels, table.cells[index]):
                    if label in WHOLE or (label == "Topic" and size[0] == 200):
                        assert cell in lines, (key, label, cell)
    assert found.ndrc_root in found.ndrc_first_line


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
