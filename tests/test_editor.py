"""The record editor (`e`, `n`, the palette's Edit and New entries for sources, topics and parties): checked as
you type, the diff confirmed before the write, the reload showing it, and the palette's Undo last edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SIZE, detail_text, make_app, run, run_command, table, watched_copy
from textual.widgets import Input, OptionList, Static

from xiaomi_tui.facts.edit import completions, field_choices
from xiaomi_tui.facts.load.loader import load
from xiaomi_tui.ui.app import PANES, XiaomiApp
from xiaomi_tui.ui.editing import READ_ONLY, record_labels, row_record
from xiaomi_tui.ui.panes.base import NO_CLAIMS_YET
from xiaomi_tui.ui.screens.editor import DiffScreen, EditorScreen, Form, field_problems, paragraph, placeholder
from xiaomi_tui.ui.screens.pickers import OptionPicker
from xiaomi_tui.ui.view import Selection


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


async def opened_editor(pilot, *keys: str, command: str | None = None) -> EditorScreen:
    """Run the palette's `command` if given, press `keys` (a pane, then e or n; or a pick in the record picker),
    and wait for the editor they open."""
    if command is not None:
        await run_command(pilot, command)
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
        claim_id = editor.form.record_id
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
        await opened_editor(pilot, "n")


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
        await opened_editor(pilot, "2", "e")  # the timeline's first row: Alpha News, para. 2
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


# -- every kind of record ---------------------------------------------------------------------------


async def confirmed(pilot, editor: EditorScreen) -> str:
    """Save the form once its check passed, and confirm the diff with y: the diff shown."""
    app = pilot.app
    await until(pilot, lambda: editor.planned is not None)
    await pilot.press("ctrl+s")
    await until(pilot, lambda: isinstance(app.screen, DiffScreen))
    diff = str(app.screen.query_one("#diff-text", Static).render())
    await pilot.press("y")
    await until(pilot, lambda: len(app.screen_stack) == 1)
    return diff


async def test_e_on_the_sources_list_edits_that_source_in_exactly_its_line(tmp_path: Path,
                                                                           small_facts_path: Path) -> None:
    path, app = watched_copy(small_facts_path, tmp_path)
    before = path.read_text(encoding="utf-8").splitlines(keepends=True)
    async with app.run_test(size=SIZE) as pilot:
        editor = await opened_editor(pilot, "4", "e")  # the Sources pane's list: its first row is Alpha News
        assert (editor.form.table, editor.form.record_id) == ("sources", "alpha")
        assert app.screen.focused is editor.query_one("#field-publisher", Input)
        assert "Edit source alpha" in str(editor.query_one("#editor-title", Static).render())
        assert editor.query_one("#editor-side").has_class("-empty")  # no lint, no article: the form has the width
        editor.query_one("#field-publisher", Input).value = "Alpha Newswire"
        diff = await confirmed(pilot, editor)
        assert '-publisher = "Alpha News"\n+publisher = "Alpha Newswire"' in diff
        after = path.read_text(encoding="utf-8").splitlines(keepends=True)
        assert [(old, new) for old, new in zip(before, after, strict=True) if old != new] == [
            ('publisher = "Alpha News"\n', 'publisher = "Alpha Newswire"\n')]
        await until(pilot, lambda: app.facts.sources["alpha"].publisher == "Alpha Newswire")
        await until(pilot, lambda: "Alpha Newswire" in detail_text(app))  # the detail panel redrawn too
        assert any("Saved source alpha" in str(note.message) for note in app._notifications)


async def test_a_lint_opens_the_side_of_a_source_s_form(tmp_path: Path, small_facts_path: Path) -> None:
    _, app = watched_copy(small_facts_path, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor = await opened_editor(pilot, command="New source")
        assert editor.query_one("#editor-side").has_class("-empty")
        await pilot.press(*"delta")
        await until(pilot, lambda: "has no claims" in str(editor.query_one("#editor-lints", Static).render()))
        assert not editor.query_one("#editor-side").has_class("-empty")


async def test_the_palette_adds_a_party(tmp_path: Path, small_facts_path: Path) -> None:
    path, app = watched_copy(small_facts_path, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor = await opened_editor(pilot, command="New party")
        assert editor.form.table == "parties"
        assert app.screen.focused is editor.query_one("#field-id", Input)
        await until(pilot, lambda: "needs an id" in shown(app, "#problem-id"))  # said under the field
        await pilot.press(*"lei-jun", "tab", *"Lei Jun", "tab", *"pers", "right", "tab", "tab", *"mak", "right")
        assert editor.query_one("#field-kind", Input).value == "person"  # completed from the party kinds
        assert editor.query_one("#field-affiliation", Input).value == "maker"  # completed from the party ids
        diff = await confirmed(pilot, editor)
        assert '+id = "lei-jun"' in diff and '+affiliation = "maker"' in diff
        assert '[[parties]]\nid = "lei-jun"\nname = "Lei Jun"\nkind = "person"\n' in path.read_text(encoding="utf-8")
        await until(pilot, lambda: "lei-jun" in app.facts.parties)


async def test_a_refused_edit_shows_the_loaders_message_under_its_field_and_writes_nothing(
        tmp_path: Path, small_facts_path: Path) -> None:
    path, app = watched_copy(small_facts_path, tmp_path)
    before = path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "Edit topic")
        await until(pilot, lambda: isinstance(app.screen, OptionPicker))
        editor = await opened_editor(pilot, "down", "enter")  # the second topic: looks-like
        assert editor.form.record_id == "looks-like"
        editor.query_one("#field-pane", Input).value = "gossip"
        await until(pilot, lambda: "field 'pane'" in shown(app, "#problem-pane"))
        assert "looks-like" in shown(app, "#problem-pane") and shown(app, "#problem-label") == ""
        await pilot.press("ctrl+s")
        await until(pilot, lambda: any("Not saved" in str(note.message) for note in app._notifications))
        assert app.screen is editor and path.read_bytes() == before


async def test_a_served_tab_refuses_every_edit(monkeypatch: pytest.MonkeyPatch, small_facts) -> None:
    monkeypatch.setattr(XiaomiApp, "is_web", property(lambda app: True))
    app = make_app(small_facts)
    said: list[str] = []
    notify = app.notify
    # Counted as they are said: a toast of the busy machine's first seconds may have expired by the third.
    monkeypatch.setattr(app, "notify", lambda message, **options: said.append(str(message)) or notify(message, **options))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "e")
        await run_command(pilot, "Edit source")
        await run_command(pilot, "New party")
        await pilot.pause()
        assert len(app.screen_stack) == 1
        assert said.count(READ_ONLY) == 3


def test_a_field_completes_with_the_records_it_names_or_the_words_its_type_allows(small_facts) -> None:
    data = small_facts.data
    assert completions(data, "parties", "affiliation") == [party.id for party in data.parties]
    assert completions(data, "sources", "relays") == [party.id for party in data.parties]
    assert completions(data, "claims", "source") == [source.id for source in data.sources]
    assert completions(data, "topics", "pane") == ["specs", "timeline", "investment", "company"]
    assert field_choices("topics", "kind") == ("money", "quantity", "date", "text", "flag")
    assert field_choices("sources", "outcome") == ("true", "false")
    assert completions(data, "sources", "publisher") == []


def test_each_empty_field_says_how_to_write_it() -> None:
    assert placeholder("sources", "published") == "H1 2024, Dec 2023, 8 Nov 2023, 2024"
    assert placeholder("parties", "kind") == "outlet, person, organisation, unnamed, document"
    assert placeholder("claims", "id") == "made from source and topic when empty"
    assert "lower case" in placeholder("topics", "id")


def test_a_form_starts_where_typing_starts(tmp_path: Path) -> None:
    assert Form(tmp_path, "claims", "x", {}).first_field == "statement"
    assert Form(tmp_path, "parties", None, {}).first_field == "id"
    assert Form(tmp_path, "topics", "x", {}).first_field == "label"
    assert Form(tmp_path, "sources", "x", {}).noun == "source"


def test_the_record_picker_tells_records_apart(small_facts) -> None:
    assert record_labels(small_facts, "sources")["alpha"] == "alpha  Alpha News  Maker to start mass production in " \
        "December  15 Nov 2023"
    assert record_labels(small_facts, "topics")["body-style"] == "body-style  Body style  specs  text"
    assert record_labels(small_facts, "parties")["analyst"] == "analyst  An Analyst  person  securities analyst"


def test_e_on_a_row_that_stands_for_a_source_or_a_party_edits_that_record() -> None:
    assert row_record(Selection(source_id="alpha")) == ("sources", "alpha")
    assert row_record(Selection(party_id="maker")) == ("parties", "maker")
    assert row_record(Selection("mass-production", source_id="alpha")) is None  # a topic's row: its claims
    assert row_record(Selection(claim_id="x", party_id="maker")) is None
    assert row_record(Selection()) is None and row_record(None) is None


async def test_the_record_picker_filters_as_you_type_and_enter_takes_the_first_left(tmp_path: Path,
                                                                                     small_facts_path: Path) -> None:
    _, app = watched_copy(small_facts_path, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "Edit party")
        await until(pilot, lambda: isinstance(app.screen, OptionPicker))
        picker = app.screen
        assert app.screen.focused is picker.query_one("#option-filter", Input)
        choices = picker.query_one(OptionList)
        every = choices.option_count
        await pilot.press(*"an anal")  # "An Analyst": every word typed, in what the list shows of a party
        assert choices.option_count == 1 < every
        await pilot.press("ctrl+u", *"PAPER")
        assert [choices.get_option_at_index(index).id for index in range(choices.option_count)] == ["daily"]
        editor = await opened_editor(pilot, "ctrl+u", "down", "enter")  # the whole list again; down moves from the filter
        assert editor.form.record_id == list(app.facts.parties)[1]


async def test_the_palette_edits_a_claim_found_by_words_of_its_statement(tmp_path: Path,
                                                                          small_facts_path: Path) -> None:
    _, app = watched_copy(small_facts_path, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "Edit claim")
        await until(pilot, lambda: isinstance(app.screen, OptionPicker))
        editor = await opened_editor(pilot, *"resembles sedan", "enter")
        assert (editor.form.table, editor.form.record_id) == ("claims", "alpha-looks")
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "New claim" not in titles  # n adds one, prefilled with the topic and source in view
