"""One vocabulary: the marks and words every pane, the help, the tree, exports and `check` write, collected from
what they show, and each mark called by one word."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from helpers import DETAILED, cell_texts, walk

from xiaomi_tui.cli.check import findings
from xiaomi_tui.facts.analysis.status import ClaimStanding, Status
from xiaomi_tui.facts.analysis.topics import analyse
from xiaomi_tui.facts.export.tables import export
from xiaomi_tui.facts.load.loader import bundled_facts_path, load, loads
from xiaomi_tui.facts.outcomes.verdicts import Verdict
from xiaomi_tui.ui.panes.investment import InvestmentPane, investment_tables
from xiaomi_tui.ui.panes.timeline import TimelinePane, timeline_tables
from xiaomi_tui.ui.view import View

MARKS = {status.symbol for status in Status if status is not Status.NONE}
WORDS = {status.value for status in Status if status is not Status.NONE}


@pytest.fixture(scope="module")
def facts():
    return load(bundled_facts_path())


def read_mark(text: str, into: dict[str, set[str]], marks: set[str] = MARKS) -> None:
    """A cell or line that starts with a mark and its word ("✓ corroborated  3 origins"): note the word."""
    mark, _, rest = text.strip().partition(" ")
    if mark in marks and rest:
        into[mark].add(rest.split("  ")[0])


def tree_words(node, into: dict[str, set[str]]) -> None:
    """A leaf reads "✓ CnEVPost, para. 5: sedan  corroborated": its mark first, its word after the value."""
    for child in node.children:
        if child.children:
            tree_words(child, into)
            continue
        label = child.label.plain
        word = label.split("  ")[1] if "  " in label else ""
        into[label[0]].add(word)


@pytest.mark.xdist_group("walk")
def test_every_pane_calls_each_mark_by_one_word():
    seen: dict[str, set[str]] = defaultdict(set)
    verdicts: dict[str, set[str]] = defaultdict(set)
    found = walk(DETAILED)  # test_reading's walk at this size
    for tables in found.tables.values():
        for table in tables:
            for cells in table.cells:
                for name, cell in zip(table.labels, cells):
                    if name in ("Status", "Standing"):
                        read_mark(cell, seen)
                    elif name == "Verdict":
                        read_mark(cell, verdicts, {verdict.symbol for verdict in Verdict})
    for text in found.details:  # the detail panel's reading of a few rows of each table
        lines = text.splitlines()
        if len(lines) > 1:
            read_mark(lines[1], seen)
    tree_words(found.tree, seen)  # the claims screen's tree
    for row in found.help.splitlines():
        read_mark(row.removeprefix("| ").split(" |")[0], seen)

    assert {mark for mark in seen} >= {Status.AGREE.symbol, Status.ECHO.symbol, Status.SINGLE.symbol,
                                        Status.CONFLICT.symbol, Status.DISPUTED.symbol}
    assert {mark: words for mark, words in seen.items() if len(words) != 1} == {}
    assert {word for words in seen.values() for word in words} <= WORDS
    assert {mark: words for mark, words in verdicts.items() if len(words) != 1} == {}


def test_exports_and_check_use_the_same_words(facts):
    dump = json.loads(export(facts, None, "json"))
    assert {topic["status"] for topic in dump["topics"]} <= WORDS | {Status.NONE.value}
    assert {claim["standing"] for claim in dump["claims"]} <= WORDS
    kinds = {finding.kind.value.split(" on ")[0] for finding in findings(analyse(facts))}
    assert kinds <= WORDS
    assert {standing.value for standing in ClaimStanding} <= WORDS  # a claim's standing is a status's word


def test_one_figure_reads_with_one_mark_on_the_investment_pane_and_the_timeline(facts):
    """USD 1.37 bn vs 1.38 bn is ≈ minor as a topic; each claim carrying it stands ≈ minor too, not ✓ corroborated.
    The conversions carry no date (the articles give none), so on a copy CnEVPost's is dated to put it on the
    timeline. The panes' rows from the view alone (this was a Pilot test pressing 3 and 2)."""
    facts = loads(bundled_facts_path().read_text(encoding="utf-8").replace(
        'origin = "cnevpost"\npara = 10\n', 'origin = "cnevpost"\ndate = "2021-03-30"\npara = 10\n'))
    label = "First-phase investment in USD"
    view = View.of(facts)
    marks = {}
    for key, pane, tables in (("3", InvestmentPane, investment_tables), ("2", TimelinePane, timeline_tables)):
        shown = tables(view)[0]
        headers = [column.label for column in pane.COLUMNS]
        rows = [dict(zip(headers, cell_texts(shown, index))) for index in range(len(shown.rows))]
        found = [row.get("Status") or row["Standing"] for row in rows  # a topic's status, an event's standing
                 if row.get("Topic") == label or row.get("What", "").startswith(f"{label}:")]
        assert found, (key, label)
        marks[key] = {status.split("  ")[0] for status in found}

    assert marks == {"3": {Status.MINOR.mark}, "2": {Status.MINOR.mark}}
