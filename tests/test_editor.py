"""The claim editor (`e`, `n`): checked as you type, the diff confirmed before the write, the reload showing it,
and the palette's Undo last edit."""

from __future__ import annotations

from pathlib import Path

from helpers import SIZE, make_app, run, run_command, table, watched_copy
from textual.widgets import Input, Static

from xiaomi_tui.facts.load.loader import load
from xiaomi_tui.ui.app import PANES
from xiaomi_tui.ui.panes.base import NO_CLAIMS_YET
from xiaomi_tui.ui.screens.editor import DiffScreen, EditorScreen, field_problems, paragraph


async def until(pilot, condition, limit: int = 200) -> None:
    """Pause until `condition()` holds (a check runs in a thread; a reload polls the file each second)."""
    for _ in range(limit):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the condition never held")


def shown(app, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return "" if widget.has_class("-empty") else str(widget.render())


async def opened_editor(pilot, *keys: str) -> EditorScreen:
    """Press `keys` (a pane, then e or n) and wait for the editor they open."""
    await pilot.press(*keys)
    await until(pilot, lambda: isinstance(pilot.app.screen, EditorScreen))
    editor = pilot.app.screen
    assert isinstance(editor, EditorScreen)
    return editor


async def test_edit_a_claim_see_the_message_fix_it_confirm_the_diff_and_see_the_reload(
        tmp_path: Path, small_facts_path: Path) -> None:
    path, app = watched_copy(small_facts_path, tmp_path)
    before = path.read_text(encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        editor = await opened_editor(pilot, "2", "e")  # the timeline: its first row is a dated claim
        claim_id = editor.form.claim_id
        assert claim_id is not None
        date = editor.query_one("#field-date", Input)
        date.value = "someday"
        await until(pilot, lambda: "field 'date'" in shown(app, "#problem-date"))
        assert "is not a date" in shown(app, "#problem-date")
        date.value = "H1 2030"
        await until(pilot, lambda: shown(app, "#problem-date") == "" and editor.planned is not None)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, DiffScreen))
        assert '+date = "2030-H1"' in str(app.screen.query_one("#diff-text", Static).render())
        assert path.read_text(encoding="utf-8") == before  # nothing written before the diff is confirmed
        await pilot.press("y")
        await until(pilot, lambda: len(app.screen_stack) == 1)
        assert 'date = "2030-H1"' in path.read_text(encoding="utf-8")
        await until(pilot, lambda: app.changes is not None)
        assert app.facts.claims[claim_id].date is not None and app.facts.claims[claim_id].date.text == "2030-H1"
        assert any(claim_id in line for line in app.changes.lines())
        await run_command(pilot, "Undo last edit")
        assert path.read_text(encoding="utf-8") == before


async def test_n_adds_a_claim_prefilled_with_the_topic_and_source_in_view(tmp_path: Path,
                                                                           small_facts_path: Path) -> None:
    _, app = watched_copy(small_facts_path, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor = await opened_editor(pilot, "2", "n")
        selected = app.active_pane.selected()
        assert selected is not None
        assert editor.query_one("#field-topic", Input).value == selected.topic_id
        assert editor.query_one("#field-source", Input).value != ""
        await pilot.press("escape")
        assert len(app.screen_stack) == 1


def test_problems_go_under_the_field_they_name() -> None:
    by_field, rest = field_problems("error: f has 2 problems:\n  f:3: claim 'x' field 'para': too big\n"
                                    "  f:9: something else\nnothing was written", ("para", "date"))
    assert by_field == {"para": ["f:3: claim 'x' field 'para': too big"]} and rest == ["f:9: something else"]


def test_a_paragraph_counts_non_empty_lines_from_one() -> None:
    assert paragraph("Title\n\nFirst.\n\n  Second.\n", 3) == "Second."
    assert paragraph("Title\n", 4) is None


async def test_every_pane_of_an_empty_story_says_how_to_add_the_first_claim(capsys, tmp_path: Path) -> None:
    story = tmp_path / "story.toml"
    assert run(capsys, "new", story)[0] == 0
    app = make_app(load(story))
    async with app.run_test(size=SIZE) as pilot:
        for number, (pane_id, _, _) in enumerate(PANES, start=1):
            await pilot.press(str(number))
            await pilot.pause()
            shown_table = table(app, "sources-list" if pane_id == "sources" else pane_id)
            assert shown_table.empty_text == NO_CLAIMS_YET
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, EditorScreen))


async def test_with_an_articles_folder_the_editor_shows_the_paragraph_and_warns_of_copied_words(
        tmp_path: Path, small_facts_path: Path) -> None:
    text = small_facts_path.read_text(encoding="utf-8").replace('id = "alpha"\n', 'id = "alpha"\nfile = "alpha.txt"\n', 1)
    path = tmp_path / "facts.toml"
    path.write_text(text, encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "alpha.txt").write_text("Maker to start mass production\n\nThe plant will start building cars in "
                                        "December, a person familiar with the plan told the Daily Paper.\n",
                                        encoding="utf-8")
    app = make_app(load(path), articles=articles)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "e")  # the timeline's first row: Alpha News, para. 2
        await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        assert "person familiar with the plan" in str(app.screen.query_one("#editor-article", Static).render())
        assert shown(app, "#copied") == ""
        statement = app.screen.query_one("#field-statement", Input)
        statement.value = "Cars come in December, a person familiar with the plan said."
        await pilot.pause()
        assert "6 words copied from the article" in shown(app, "#copied")


async def test_a_check_that_answers_after_the_editor_closed_is_dropped(tmp_path: Path, small_facts_path: Path) -> None:
    """A check or a save's plan runs in a thread and answers through call_from_thread; an answer that came after
    escape asked the closed editor for its fields (NoMatches: a traceback on the user's screen)."""
    _, app = watched_copy(small_facts_path, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor = await opened_editor(pilot, "2", "e")
        edit = editor.edit()
        await pilot.press("escape")
        await until(pilot, lambda: len(app.screen_stack) == 1)
        editor._show(edit, "facts.toml: claim x field 'date': is not a date")  # the late answer of a check
        editor._confirm(edit, "facts.toml: claim x field 'date': is not a date")  # and of a save's plan
        await pilot.pause(0.1)
        assert app.is_running and len(app.screen_stack) == 1


async def test_a_write_refused_because_the_file_changed_keeps_the_form_open_and_the_file_as_it_is(
        tmp_path: Path, small_facts_path: Path) -> None:
    path, app = watched_copy(small_facts_path, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor = await opened_editor(pilot, "2", "e")
        editor.query_one("#field-date", Input).value = "H1 2030"
        await until(pilot, lambda: editor.planned is not None)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, DiffScreen))
        changed_elsewhere = path.read_text(encoding="utf-8") + "\n# a curator's note, saved in another editor\n"
        path.write_text(changed_elsewhere, encoding="utf-8")
        await pilot.press("y")
        await until(pilot, lambda: app.screen is editor)
        await pilot.pause(0.1)
        assert path.read_text(encoding="utf-8") == changed_elsewhere
        assert any("changed on disk since it was read" in str(note.message) for note in app._notifications)
        await pilot.press("escape")
        await until(pilot, lambda: len(app.screen_stack) == 1)
        await run_command(pilot, "Undo last edit")
        assert any("No edit to undo" in str(note.message) for note in app._notifications)
