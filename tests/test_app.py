"""Behaviour of the dashboard, driven by keys as a person would, with assertions on state."""

from __future__ import annotations

import inspect
import io
import os
import threading
from pathlib import Path

import pytest
from helpers import (
    SIZE,
    cell_texts,
    detail_text,
    exported,
    listed_claims,
    make_app,
    row_texts,
    run_command,
    table,
    watched_copy,
    without_claim,
)
from rich.console import Console, Group
from rich.text import Text
from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, TabbedContent

from xiaomi_tui.facts.analysis.status import Status
from xiaomi_tui.facts.citations import bibliography, cite_claim, cite_source
from xiaomi_tui.facts.export.tables import export
from xiaomi_tui.facts.load.loader import bundled_facts_path, load
from xiaomi_tui.settings import Settings
from xiaomi_tui.ui import reloading
from xiaomi_tui.ui.app import XiaomiApp, breakpoint_classes
from xiaomi_tui.ui.citing import GONE
from xiaomi_tui.ui.editing import edit_commands
from xiaomi_tui.ui.keys import NOT_IN_PALETTE
from xiaomi_tui.ui.screens.claims import ClaimsScreen
from xiaomi_tui.ui.screens.help import HelpScreen
from xiaomi_tui.ui.screens.pickers import CopyByHand, OptionPicker, SourcePicker
from xiaomi_tui.ui.view import Selection
from xiaomi_tui.ui.widgets.banner import ReloadBanner
from xiaomi_tui.ui.widgets.checklist import Checklist
from xiaomi_tui.ui.widgets.detail import DetailPanel, DrawnOnce
from xiaomi_tui.ui.widgets.fact_table import FactTable


def filter_label(app: XiaomiApp) -> str:
    """The sources in view and the search, as the active pane's border shows them."""
    return str(app.active_pane.query(FactTable).first().border_title)


def reload_problem(app: XiaomiApp) -> str | None:
    """What the banner says is wrong with the edited fact base, if anything."""
    return app.query_one(ReloadBanner).problem


async def test_opens_on_specs_with_the_sources_in_view_on_the_table(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.title == "Test fact base"
        assert filter_label(app) == "3 of 3 sources"
        assert app.query_one(TabbedContent).active == "tab-specs"
        assert row_texts(app, "specs") == ["Body style", "Looks like", "Price"]
        assert app.focused is table(app, "specs")
        assert "only one source carries it" in detail_text(app)


@pytest.mark.parametrize(("key", "pane_id"), [("1", "specs"), ("2", "timeline"), ("3", "investment"),
                                              ("4", "sources")])
async def test_number_keys_switch_panes(small_facts, key, pane_id):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2" if key == "1" else "1", key)
        assert app.query_one(TabbedContent).active == f"tab-{pane_id}"
        assert app.focused in app.query_one(f"#{pane_id}").query(FactTable)


async def test_arrows_and_vim_keys_move_and_the_detail_follows(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert table(app, "specs").cursor_row == 1
        assert "Looks like" in detail_text(app)
        await pilot.press("down", "k")
        assert table(app, "specs").cursor_row == 1
        await pilot.press("up")
        assert "Body style" in detail_text(app)


async def test_enter_opens_every_claim_behind_the_row_and_escape_returns(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter")
        assert isinstance(app.screen, ClaimsScreen)
        assert listed_claims(app) == ["alpha-investment", "beta-investment"]
        await pilot.press("j")
        assert app.screen.highlighted_claim_id == "beta-investment"
        await pilot.press("escape")
        assert not isinstance(app.screen, ClaimsScreen)


async def test_search_narrows_rows_and_escape_clears(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"approval")
        assert app.view.query == "approval"
        assert len(row_texts(app, "timeline")) == 2
        assert "search: approval" in filter_label(app)
        await pilot.press("enter")
        assert app.focused is table(app, "timeline")
        await pilot.press("1")
        assert row_texts(app, "specs") == []
        assert table(app, "specs").empty_text == "No spec claims match \u2018approval\u2019 in the 3 sources in view."
        assert detail_text(app).strip() == table(app, "specs").empty_text  # the panel says the same, not "move the cursor"
        await pilot.press("escape")
        assert app.view.query == ""
        assert len(row_texts(app, "specs")) == 3


async def test_the_cache_is_written_after_the_first_frame_off_the_ui_thread(small_facts):
    kept = []

    def keep() -> None:
        kept.append((threading.current_thread() is threading.main_thread(), len(table(app, "specs").rows)))

    app = make_app(small_facts, keep_in_cache=keep)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert kept == [(False, 3)]  # once, in a worker, with the first pane's rows already shown


async def test_help_gives_a_key_one_row_and_scrolls_to_the_last_at_80x24(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        body = app.screen.query_one("#help-body")
        keys = app.screen.query("MarkdownTableContent").first()
        first, second = (list(keys.query(f"MarkdownTableCellContents.row{row}")) for row in (1, 2))
        assert first[0].region.height == 1 and second[0].region.y == first[0].region.y + 1  # no rule between
        assert keys.styles.keyline[0] == "none"
        assert body.has_focus and body.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y


async def test_help_lists_every_key_and_closes(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        markdown = app.screen.query_one("Markdown")
        for key in ("/", "s", "c", "C", "?", "q", "^p", "\u23ce", "tab"):
            assert f"`{key}`" in markdown.source
        for binding in [*app.BINDINGS, *FactTable.BINDINGS]:  # generated: a new key cannot be left out
            assert f"| {binding.tooltip or binding.description} |" in markdown.source
        for status in Status:
            assert status is Status.NONE or f"| {status.symbol} {status.value}" in markdown.source
        for command in edit_commands(app.editing):  # how to reach the editor for each kind of record
            assert f"**{command.title}**" in markdown.source
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_command_palette_switches_panes(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "Show Timeline")
        assert app.query_one(TabbedContent).active == "tab-timeline"


async def test_command_palette_lists_sources(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "Only source: Beta")
        assert app.view.sources == {"beta"}
        assert filter_label(app) == "1 of 3 sources"


@pytest.mark.timeout(60)
async def test_an_export_from_the_palette_lands_in_the_current_directory(small_facts, tmp_path, monkeypatch):
    """In a terminal there is no download: the file goes where the dashboard was started, and the app says so."""
    monkeypatch.chdir(tmp_path)
    app = make_app(small_facts, sources=["beta"])
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "Export all as CSV")
        assert await exported(app, pilot, tmp_path, "xiaomi-claims-*.csv") == export(small_facts, ["beta"], "csv")
        [written] = tmp_path.glob("xiaomi-claims-*.csv")
        assert any(note.message == f"Exported to {written}" for note in app._notifications)


@pytest.mark.timeout(60)
async def test_the_palette_exports_the_bibliography_of_the_sources_in_view(small_facts, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(small_facts, sources=["beta"])
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "Export bibliography as BibTeX")
        text = await exported(app, pilot, tmp_path, "xiaomi-bibliography-*.bib")
        assert text == bibliography(small_facts, ["beta"], "bibtex")
        assert text.startswith("@online{writer2023,\n")


async def test_the_palette_offers_every_dashboard_key(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {binding.tooltip for binding in app.BINDINGS if binding.id not in NOT_IN_PALETTE} <= titles
        # Textual's fuzzy match tries every way a query's letters fit a title: a 208-character title made each
        # key typed in the palette cost a third of a second on the bundled fact base.
        assert max(map(len, titles)) <= 100, max(titles, key=len)
        await run_command(pilot, "Hide or show the detail panel")
        assert app.query_one(DetailPanel).has_class("-hidden")
        await run_command(pilot, "Choose the citation style")
        assert isinstance(app.screen, OptionPicker)


async def test_markup_in_the_fact_base_is_shown_literally(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert "[bold]Gran Coupe[/bold]" in detail_text(app)


async def test_a_pasted_escape_sequence_never_reaches_the_search_or_the_border(small_facts):
    """The search is drawn on the pane's border: a pasted OSC sequence would be written to the terminal."""
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        app.query_one("#search", Input).post_message(events.Paste("lei\x1b]0;owned\x07\u202e jun\nnext line"))
        await pilot.pause()
        assert app.view.query == "lei]0;owned jun"
        assert Content.from_markup(filter_label(app)).plain == "3 of 3 sources \u00b7 search: lei]0;owned jun"


def edited_facts(small_facts_path: Path, tmp_path: Path, **replacements: str):
    """The fixture with each quoted value replaced: `publisher="Alpha News -> CnEVPost [/nope]"`."""
    text = small_facts_path.read_text(encoding="utf-8")
    for field_name, change in replacements.items():
        old, new = change.split(" -> ")
        text = text.replace(f'{field_name} = "{old}"', f'{field_name} = "{new}"')
    path = tmp_path / "facts.toml"
    path.write_text(text, encoding="utf-8")
    return load(path)


async def test_source_names_in_the_palette_are_text_not_markup(small_facts_path, tmp_path):
    """`CnEVPost [/nope]` crashed the palette as it opened; `[@click=app.quit]x[/]` made an entry quit the app."""
    facts = edited_facts(small_facts_path, tmp_path, publisher="Alpha News -> CnEVPost [/nope]")
    facts = edited_facts(Path(facts.path), tmp_path, publisher="Beta Daily -> [@click=app.quit]x[/]")
    app = make_app(facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"source")
        await pilot.pause(0.3)
        palette = app.screen.query_one(OptionList)
        shown = [str(palette.get_option_at_index(index).prompt) for index in range(palette.option_count)]
        assert any(line.startswith("Only source: CnEVPost [/nope]") for line in shown)
        assert any(line.startswith("Toggle source: [@click=app.quit]x[/]") for line in shown)
        await pilot.press("escape")
        await run_command(pilot, "Only source: CnEVPost")
        assert app.view.sources == {"alpha"}
        await run_command(pilot, "Toggle source: [@click")
        assert app.is_running
        assert app.view.sources == {"alpha", "beta"}


async def test_search_text_with_markup_is_shown_on_the_border_as_typed(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("/", *"[/x]")
        await pilot.pause()
        assert app.view.query == "[/x]"
        assert Content.from_markup(filter_label(app)).plain == "3 of 3 sources \u00b7 search: [/x]"
        await pilot.press("escape", "/", *"[@click=app.quit]q[/]")
        await pilot.pause()
        assert app.is_running
        assert Content.from_markup(filter_label(app)).plain.endswith("search: [@click=app.quit]q[/]")


async def test_quit_key_exits(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


FIRST_COLUMNS = {
    "specs": ["Body style", "Looks like", "Price"],
    "timeline": ["2021", "2023", "2023", "2023", "2024"],
    "investment": ["First-phase investment", "First-phase investment, USD as printed", "Annual capacity",
                   "Rate USD/RMB"],
    "sources-list": ["Alpha News", "Beta Daily", "Maker EV-1"],
    "outcomes": ["\u2205 not scorable"] * 7,  # the fixture has forecasts but no outcome reports
}


def drawn_lines(widget) -> list[str]:
    """The lines a table draws now, as the terminal would show them."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


@pytest.mark.parametrize("size", [(80, 24), (40, 10), (160, 50)])
async def test_every_pane_renders_at_any_size(small_facts, size):
    app = make_app(small_facts)
    async with app.run_test(size=size) as pilot:
        for key, pane_id in zip("12345", FIRST_COLUMNS):
            await pilot.press(key)
            await pilot.pause()
            shown = table(app, pane_id)
            assert row_texts(app, pane_id) == FIRST_COLUMNS[pane_id]
            cursor_cells = cell_texts(shown, shown.cursor_row)[:2]  # the timeline's year hides when narrow
            assert any(line.lstrip().startswith(cell[:4]) for line in drawn_lines(shown)[1:] for cell in cursor_cells), (
                f"{pane_id}: the cursor's row {cursor_cells!r} is not drawn at {size}")
        await pilot.resize_terminal(size[0] // 2 + 20, size[1] // 2 + 5)
        await pilot.press("1", "j")
        assert table(app, "specs").cursor_row == 1
        assert any(line.lstrip().startswith("Look") for line in drawn_lines(table(app, "specs"))[1:])
        await pilot.press("enter")
        assert isinstance(app.screen, ClaimsScreen)
        await pilot.press("escape")
        assert app.is_running and not isinstance(app.screen, ClaimsScreen)


async def test_below_the_minimum_only_q_acts_and_after_it_the_table_has_focus_and_its_cursor_in_view():
    app = make_app(load(bundled_facts_path()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "G")
        timeline = table(app, "timeline")
        last = len(timeline.rows) - 1
        assert timeline.cursor_row == last

        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        await pilot.press("1", "c", "s", "slash", "ctrl+p", "j")  # each would act on a pane nobody can see
        assert app.query_one(TabbedContent).active == "tab-timeline"
        assert (app.clipboard, len(app.screen_stack), app.view.query) == ("", 1, "")

        await pilot.resize_terminal(60, 14)  # larger than the minimum, smaller than before
        await pilot.pause()
        assert app.focused is timeline
        top, shown = int(timeline.scroll_y), timeline.scrollable_content_region.height - 1
        assert timeline.cursor_row == last and top <= last < top + shown
        await pilot.press("k")
        assert timeline.cursor_row == last - 1
        chain = app.screen.focus_chain
        await pilot.press("tab")
        assert app.focused is chain[(chain.index(timeline) + 1) % len(chain)] is not timeline


async def test_source_picker_applies_at_once(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SourcePicker)
        await pilot.press("space")  # untick the first source, alpha
        assert app.view.sources == {"beta", "gamma"}
        assert filter_label(app) == "2 of 3 sources"
        checklist = app.screen.query_one(Checklist)
        prompts = [str(checklist.get_option_at_index(index).prompt)[:4] for index in range(checklist.option_count)]
        assert prompts == ["[ ] ", "[x] ", "[x] "]  # the state is text, whatever the colours
        assert "2 of 3" in str(app.screen.query_one("#picker-title", Label).render())
        await pilot.press("enter")
        assert not isinstance(app.screen, SourcePicker)
        await pilot.press("2")
        assert row_texts(app, "timeline", column=3) == ["Beta Daily"]  # gamma's claims have no dates
        await pilot.press("a")
        assert filter_label(app) == "3 of 3 sources"


async def test_source_option_narrows_every_pane(small_facts):
    app = make_app(small_facts, sources=["gamma"])
    async with app.run_test(size=SIZE) as pilot:
        assert filter_label(app) == "1 of 3 sources"
        assert row_texts(app, "specs") == ["Looks like", "Price"]
        await pilot.press("2")
        assert row_texts(app, "timeline") == []
        assert table(app, "timeline").empty_text == "No dated claims in the one source in view."
        await pilot.press("3")
        assert row_texts(app, "investment") == ["First-phase investment, USD as printed", "Annual capacity"]
        await pilot.press("4")
        assert row_texts(app, "sources-list") == ["Maker EV-1"]
        assert cell_texts(table(app, "sources-matrix"), 0)[2:] == ["\u2022 BMW i4"]


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


async def test_live_reload_keeps_last_good_data_and_recovers(small_facts_path, tmp_path, monkeypatch):
    monkeypatch.setattr(reloading, "RELOAD_EVERY", 0.05)  # the first edit is found by the app's own timer
    path, app = watched_copy(small_facts_path, tmp_path)
    good = path.read_text(encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "g", "j")
        _write(path, good.replace('title = "Test fact base"', 'title = "Edited fact base"'))
        for _ in range(200):  # ten seconds at most
            if app.title == "Edited fact base":
                break
            await pilot.pause(0.05)
        assert app.title == "Edited fact base"
        assert app.query_one(TabbedContent).active == "tab-timeline"
        assert table(app, "timeline").cursor_row == 1

        broken = good.replace("para = 9\n", "para = 0\n", 1)
        broken_line = broken.splitlines().index("para = 0") + 1
        _write(path, broken)
        await _reload(app, pilot)
        assert app.title == "Edited fact base"
        assert f"facts.toml:{broken_line}: rate #1 field 'para'" in reload_problem(app)
        assert app.query_one("#banner").has_class("-error")
        assert len(row_texts(app, "timeline")) == 5

        _write(path, good)
        await _reload(app, pilot)
        assert reload_problem(app) is None
        assert not app.query_one("#banner").has_class("-error")
        assert app.title == "Test fact base"


async def _reload(app: XiaomiApp, pilot) -> None:
    app.live_reload.check()
    await app.workers.wait_for_complete()
    await pilot.pause()


def notes(app: XiaomiApp) -> list[str]:
    return [str(note.message) for note in app._notifications]


async def test_a_reload_that_takes_the_highlighted_claim_away_keeps_the_claims_screen_and_c_cites_what_is_left(
        small_facts_path, tmp_path):
    """It once crashed: the screen kept its own view, `c` looked the old claim up in the new fact base."""
    path, app = watched_copy(small_facts_path, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter", "j")
        assert app.screen.highlighted_claim_id == "beta-investment"
        _write(path, without_claim(path.read_text(encoding="utf-8"), "beta-investment"))
        await _reload(app, pilot)
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ClaimsScreen)
        assert listed_claims(app) == ["alpha-investment"]
        assert app.clipboard == cite_claim(app.facts, app.facts.claims["alpha-investment"], "apa")
        assert "The fact base changed: the claim you had highlighted is gone." in notes(app)


async def test_a_reload_that_takes_every_claim_of_the_row_away_closes_the_claims_screen_with_a_word(
        small_facts_path, tmp_path):
    path, app = watched_copy(small_facts_path, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter", "j")
        text = path.read_text(encoding="utf-8")
        _write(path, without_claim(without_claim(text, "beta-investment"), "alpha-investment"))
        await _reload(app, pilot)
        assert app.is_running and not isinstance(app.screen, ClaimsScreen)
        said = "The fact base changed: nothing on First-phase investment is in view now"
        assert any(note.startswith(said) for note in notes(app))
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running


async def test_a_reload_under_the_source_checklist_draws_it_again_from_the_new_sources(small_facts_path, tmp_path):
    path, app = watched_copy(small_facts_path, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        _write(path, path.read_text(encoding="utf-8").replace('publisher = "Alpha News"', 'publisher = "Alpha Wire"'))
        await _reload(app, pilot)
        choices = app.screen.query_one(Checklist)
        prompts = [str(choices.get_option_at_index(index).prompt) for index in range(choices.option_count)]
        assert any("Alpha Wire" in prompt for prompt in prompts)
        assert choices.ticked == ["alpha", "beta", "gamma"]


async def test_citing_a_claim_the_fact_base_no_longer_has_says_so(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        app.citations.copy(Selection("investment", "gone-claim"))
        await pilot.pause()
        assert app.clipboard == ""
        assert GONE in notes(app)


async def test_c_copies_the_citation_of_the_timeline_row(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "g", "j", "j", "c")  # the third event: beta's "Aug 2023"
        await app.workers.wait_for_complete()
        await pilot.pause()
        expected = cite_claim(small_facts, small_facts.claims["beta-approval"], "apa")
        assert app.clipboard == expected
        assert expected.startswith("(Writer, 2023, para. 3)\n\nWriter, J. (2023, November). Maker held a closed-door")
        [note] = [note for note in app._notifications if "to the terminal clipboard" in note.message]
        assert (note.message, note.title) == (
            "Cited (apa): OSC 52 sent to the terminal clipboard (no terminal confirms it).", "")  # what reached
        await pilot.press("v")  # the clipboard's detail is there, not in the toast
        assert "no system clipboard" in str(app.screen.query_one("#picker-title", Label).render())


async def test_c_follows_the_source_filter(small_facts):
    app = make_app(small_facts, sources=["beta"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "c")
        assert app.clipboard == cite_claim(small_facts, small_facts.claims["beta-approval"], "apa")
        await pilot.press("a", "c")  # the cursor stays on the same claim as the other sources return
        assert app.clipboard == cite_claim(small_facts, small_facts.claims["beta-approval"], "apa")
        await pilot.press("g", "c")
        assert app.clipboard == cite_claim(small_facts, small_facts.claims["alpha-investment"], "apa")


async def test_c_in_the_detail_screen_cites_the_highlighted_claim(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter", "j", "c")
        assert app.clipboard == cite_claim(small_facts, small_facts.claims["beta-investment"], "apa")


async def test_chosen_style_is_used_and_remembered(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "g", "j", "j", "C")
        assert isinstance(app.screen, OptionPicker)
        await pilot.press("down", "down", "down", "enter")  # apa -> mla -> chicago -> bibtex
        assert app.settings.citation_style == "bibtex"
        await pilot.press("c")
        assert app.clipboard.startswith("@online{writer2023,")
    assert Settings.load()[0].citation_style == "bibtex"


async def test_y_copies_the_in_text_citation_alone_and_shift_y_the_reference_entry(small_facts):
    """Zotero's "citation" and "bibliography" apart: APA's in-text citation goes in a sentence, the entry in the
    reference list; c copies both, one after the other."""
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "g", "j", "j", "y")
        in_text = app.clipboard
        await pilot.press("Y")
        entry = app.clipboard
        await pilot.press("c")
        assert app.clipboard == f"{in_text}\n\n{entry}"
        assert in_text.startswith("(Writer, 2023") and entry.startswith("Writer, J. (2023, November).")


async def test_without_any_clipboard_the_text_is_offered_by_hand(small_facts):
    app = make_app(small_facts, clipboard_mode="system")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "g", "c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CopyByHand)
        assert "no DISPLAY" in app.screen.reason
        assert app.screen.query_one("#copy-text").text == cite_claim(
            small_facts, small_facts.claims["alpha-investment"], "apa")
        assert app.clipboard == ""


async def test_copy_on_a_source_row_cites_the_source(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "c")
        assert app.clipboard == cite_source(small_facts.sources["alpha"], "apa")


async def test_markup_in_titles_reaches_screen_and_clipboard_as_typed(small_facts_path, tmp_path):
    path = tmp_path / "facts.toml"
    text = small_facts_path.read_text(encoding="utf-8")
    path.write_text(text.replace('title = "Maker EV-1"', 'title = "[red]Maker[/red] [link=https://x.example]EV-1[/link]"'),
                    encoding="utf-8")
    facts = load(path)
    app = make_app(facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "j", "j")
        assert row_texts(app, "sources-list")[2] == "[red]Maker[/red] [link=https://x.example]EV-1[/link]"
        await pilot.press("c")
        assert app.clipboard.startswith("[red]Maker[/red] [link=https://x.example]EV-1[/link]. (n.d.).")
        assert "[red]Maker[/red]" in detail_text(app)


async def test_a_deleted_fact_base_keeps_the_last_good_data(small_facts_path, tmp_path):
    path, app = watched_copy(small_facts_path, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        path.unlink()
        await _reload(app, pilot)
        assert reload_problem(app) == f"{path}: no such file; check the path"
        assert row_texts(app, "specs") == ["Body style", "Looks like", "Price"]


def _replace_with_a_fifo(path: Path) -> str:
    path.unlink()
    os.mkfifo(path)
    return f"{path}: is a FIFO (named pipe), not a regular file"


def _nest_too_deep(path: Path) -> str:
    depth = 600
    deep = "[" * depth + "]" * depth
    _write(path, path.read_text(encoding="utf-8").replace("[meta]\n", f"[meta]\ndeep = {deep}\n"))
    return f"{path}:3: TOML syntax: tables or arrays are nested too deeply to read"


@pytest.mark.timeout(30)
@pytest.mark.parametrize("break_it", [_replace_with_a_fifo, _nest_too_deep], ids=["fifo", "deep-nesting"])
async def test_a_hostile_edit_keeps_the_last_good_data_and_q_still_quits(small_facts_path, tmp_path, break_it):
    """A FIFO once blocked the reload thread (and with it quitting); deep nesting killed the app."""
    path, app = watched_copy(small_facts_path, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        said = break_it(path)
        await _reload(app, pilot)
        assert reload_problem(app).startswith(said)
        assert row_texts(app, "specs") == ["Body style", "Looks like", "Price"]
        await pilot.press("q")
    assert app.return_code == 0


async def test_dashboard_keys_rest_while_the_detail_screen_is_open(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter", "slash", "1")
        assert isinstance(app.screen, ClaimsScreen)
        await pilot.press("escape", "s")
        assert isinstance(app.screen, SourcePicker)  # not typed into a search box opened behind the screen
        assert app.query_one(TabbedContent).active == "tab-investment"


def footer_keys(screen) -> list[str]:
    return [key.description for key in screen.query("FooterKey")]


async def test_footer_shows_keys_at_once_and_is_not_rebuilt_by_focus_moves(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = list(app.screen.query("FooterKey"))
        assert [key.description for key in keys] == ["Search", "Sources", "Cite", "Edit", "Help", "Quit", "palette"]
        await pilot.press("tab", "tab", "4", "tab")
        await pilot.pause()
        assert list(app.screen.query("FooterKey")) == keys  # the same widgets: nothing was rebuilt


async def test_footer_follows_the_keys_of_the_screen_on_top(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimsScreen)
        shown = footer_keys(app.screen)
        assert "Back" in shown and "Cite" in shown
        assert "Search" not in shown and "Sources" not in shown  # dashboard keys rest here
        await pilot.press("escape")
        await pilot.pause()
        assert footer_keys(app.screen)[:2] == ["Search", "Sources"]


@pytest.mark.parametrize("size", [(30, 8), (80, 24), (120, 40), (200, 50)])
async def test_breakpoints_set_before_the_first_frame_match_textuals(small_facts, size):
    app = make_app(small_facts)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        textuals = {name for name in app.screen.classes if name.startswith("-")}
        ours = breakpoint_classes(Size(*size), app.HORIZONTAL_BREAKPOINTS, app.VERTICAL_BREAKPOINTS)
        assert textuals == {name for name, on in ours.items() if on}


async def test_the_detail_is_redrawn_only_when_its_topic_changes(small_facts, monkeypatch):
    shown = []
    real = DetailPanel.show

    def show(panel: DetailPanel, renderable) -> None:
        shown.append(renderable)
        real(panel, renderable)

    monkeypatch.setattr(DetailPanel, "show", show)
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Once at start-up: the table's first SelectionChanged, posted before its rows were set, no longer draws
        # "nothing selected" between two drawings of the first row.
        assert len(shown) == 1
        topic_id = app.active_pane.selected().topic_id
        speaking = small_facts.sources_by_topic[topic_id]
        silent = next(source for source in small_facts.sources if source not in speaking)
        drawn = app.query_one(DetailPanel).renderable
        app.set_sources(set(small_facts.sources) - {silent})
        await pilot.pause()
        assert app.query_one(DetailPanel).renderable is drawn  # that source says nothing on this topic
        app.set_sources(small_facts.sources)
        app.set_sources(set(small_facts.sources) - {next(iter(speaking))})
        await pilot.pause()
        assert app.query_one(DetailPanel).renderable is not drawn


def test_the_detail_is_drawn_once_per_width_however_often_textual_asks() -> None:
    drawn = []

    class Counted:
        def __rich_console__(self, console, options):
            drawn.append(options.max_width)
            yield Text("a claim, its grid and its relations")

    once = DrawnOnce(Group(Counted()))
    console = Console(width=80, file=io.StringIO())
    for width in (40, 40, 60, 40):
        console.render_lines(once, console.options.update_width(width))
    assert drawn == [40, 60]


async def test_the_scrollbar_follows_the_row_count_without_a_relayout():
    facts = load(bundled_facts_path())
    app = make_app(facts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        specs = table(app, "specs")
        assert len(specs.rows) + 1 > specs.scrollable_content_region.height
        assert specs.show_vertical_scrollbar
        await pilot.press("slash", *"door frames")
        await pilot.pause()
        assert len(specs.rows) == 1 and not specs.show_vertical_scrollbar
        await pilot.press("escape")
        await pilot.pause()
        assert len(specs.rows) == len(row_texts(app, "specs")) > 1
        assert specs.show_vertical_scrollbar
        assert specs.max_scroll_y == len(specs.rows) + 1 - specs.scrollable_content_region.height


def test_the_one_private_textual_call_is_still_there():
    """`FactTable` updates its scrollbars with `Widget._scroll_update`: no public call does it without a
    layout. If Textual renames or reshapes it, this names the cause before the test above shows the symptom."""
    assert list(inspect.signature(Widget._scroll_update).parameters) == ["self", "virtual_size"]


async def test_the_source_list_grows_and_shrinks_with_the_sources_in_view(small_facts):
    app = make_app(small_facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        listed = table(app, "sources-list")
        full = listed.size.height
        app.set_sources(["alpha", "beta"])
        await pilot.pause()
        assert (len(listed.rows), listed.size.height) == (2, full - 1)
        app.set_sources(small_facts.sources)
        await pilot.pause()
        assert (len(listed.rows), listed.size.height) == (3, full)
