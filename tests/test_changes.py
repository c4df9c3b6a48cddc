"""What a reload changed: compared in the data layer, said in one line, listed in full from the palette."""

from __future__ import annotations

import shutil
from pathlib import Path

from xiaomi_tui.facts.analysis.changes import Changes, compare_analyses
from xiaomi_tui.facts.analysis.topics import analyse
from xiaomi_tui.facts.load.loader import load
from xiaomi_tui.facts.outcomes.verdicts import Verdict
from xiaomi_tui.ui.app import XiaomiApp
from xiaomi_tui.ui.screens.changes import ChangesScreen

SIZE = (120, 40)

A_SECOND_BODY = '''
[[claims]]
id = "beta-body"
topic = "body-style"
source = "beta"
statement = "The car is an SUV, the wire said."
value = "SUV"
origin = "wire"
para = 4
'''


def edited(source: Path, tmp_path: Path) -> Path:
    """A copy of the fact base where Body style conflicts, Price's alpha claim is gone and one statement is edited."""
    text = source.read_text(encoding="utf-8")
    text = text.replace("The car is a sedan, the insider said.", "The car is a sedan, the insider told us.")
    start = text.index('[[claims]]\nid = "alpha-price"')
    end = text.index("[[", start + 2)
    path = tmp_path / "facts.toml"
    path.write_text(text[:start] + text[end:] + A_SECOND_BODY, encoding="utf-8")
    return path


def test_an_edit_that_makes_a_conflict_is_named(small_facts_path, tmp_path):
    before, after = load(small_facts_path), load(edited(small_facts_path, tmp_path))
    changes = compare_analyses(analyse(before), analyse(after))
    assert (changes.added, changes.removed, changes.edited) == (("beta-body",), ("alpha-price",), ("alpha-body",))
    assert changes.summary() == ("1 claim added; 1 claim removed; 1 claim changed; Body style: single \u2192 conflict; "
                                 "Price: not comparable \u2192 single")
    assert "consensus: Body style: sedan \u2192 sedan vs SUV" in changes.lines()
    assert changes.lines()[-3:] == ["added: beta-body", "removed: alpha-price", "changed: alpha-body"]


def test_a_moved_verdict_is_named_once(small_facts):
    analysis = analyse(small_facts)
    before = {"alpha-capacity": Verdict.PENDING}.get
    after = {"alpha-capacity": Verdict.MISSED}.get
    changes = compare_analyses(analysis, analysis, before, after)
    assert changes.summary() == "Annual capacity (Alpha News): pending \u2192 missed"
    assert changes.lines() == ["verdict: Annual capacity (Alpha News): pending \u2192 missed"]


def test_nothing_changed_says_so(small_facts):
    analysis = analyse(small_facts)
    assert not compare_analyses(analysis, analysis, lambda _: None, lambda _: None)
    assert Changes().summary() == "No claim, status or verdict changed."


async def test_a_reload_says_what_changed_and_the_palette_lists_it(small_facts_path, tmp_path):
    path = tmp_path / "facts.toml"
    shutil.copy(small_facts_path, path)
    app = XiaomiApp(load(path), watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"what changed")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ChangesScreen)  # nothing reloaded yet: a word, no screen
        edited(small_facts_path, tmp_path)
        app.live_reload.check()
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = [notice.message for notice in app._notifications]
        assert said[-1].startswith("Fact base reloaded: 1 claim added; 1 claim removed; 1 claim changed; "
                                   "Body style: single \u2192 conflict")
        await pilot.press("ctrl+p", *"what changed")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChangesScreen)
        assert "status: Body style: single \u2192 conflict" in app.screen.lines
        assert "added: beta-body" in app.screen.lines
        await pilot.press("escape")
        assert not isinstance(app.screen, ChangesScreen)
