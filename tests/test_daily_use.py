"""Issue 32: what a newcomer tripped on in daily use, each driven as a person (or a fast typist) would."""

from __future__ import annotations

import io

import pytest
from helpers import SIZE, cell_texts, make_app
from textual import events
from textual.widgets import TabbedContent

from xiaomi_tui.facts.load.loader import bundled_facts_path, load
from xiaomi_tui.ui.view import citation_for
from xiaomi_tui.ui.widgets.fact_table import FactTable
from xiaomi_tui.ui.widgets.search import SearchBox

# -- keys typed ahead ---------------------------------------------------------------------------


def typed_at_once(app, text: str) -> None:
    """Keys as a terminal delivers a fast typist's burst: all queued before the first is handled (Pilot's
    `press` waits for each)."""
    for character in text:
        key = {"/": "slash", "\r": "enter"}.get(character, character)
        app.post_message(events.Key(key, None if character == "\r" else character))


@pytest.mark.parametrize("after", ["", "i"])
async def test_keys_typed_after_a_pane_switch_follow_it(after: str) -> None:
    """From Investment, `5/` then `is:missed⏎`: the search kept its words (the pane's table took the focus back
    from it, so `i` cited, `s` opened the picker and the rest ticked sources away), and a key after enter
    acts on the pane (it was typed into the search)."""
    app = make_app(load(bundled_facts_path()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        typed_at_once(app, "5/")
        await pilot.pause()
        typed_at_once(app, "is:missed\r" + after)
        await pilot.pause()
        await pilot.pause()

        assert app.query_one(TabbedContent).active == "tab-outcomes"
        assert app.query_one(SearchBox).value == "is:missed"
        assert app.screen is app.screen_stack[0] and len(app.view.sources) == len(app.facts.sources)
        assert app.screen.focused is app.query_one("#outcomes-table")
        cited = app.citations.last
        if after:  # the claim of the missed forecast in view, not a row of the pane left behind
            wanted = citation_for(app.view, app.active_pane.selected(), app.settings.citation_style, "as-cited")
            assert wanted is not None and cited == wanted.text
        else:
            assert cited is None


# -- one word per mark --------------------------------------------------------------------------


def test_values_never_borrow_a_mark() -> None:
    """`≈` is "minor"; a value given roughly says "about" ("≈ ≈ USD 1.37 bn" read as a status twice)."""
    from xiaomi_tui.facts.analysis.status import Status
    from xiaomi_tui.facts.model.formatting import format_claim_value
    from xiaomi_tui.facts.outcomes.verdicts import Verdict

    facts = load(bundled_facts_path())
    marks = {status.symbol for status in Status if status is not Status.NONE} | {verdict.symbol for verdict in Verdict}
    values = {format_claim_value(claim, facts.topics[claim.topic]) for claim in facts.data.claims}
    assert "about USD 1.37 bn" in values and "below about RMB 250,000" in values
    assert [value for value in values if set(value.split()) & marks] == []


# -- sorting a tree ------------------------------------------------------------------------------


async def test_sorting_the_track_record_keeps_each_voice_under_its_organisation() -> None:
    """`5`, `tab`, `S`: "Lei Jun" landed under "Jiemian"."""
    app = make_app(load(bundled_facts_path()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "tab", "S")
        records = app.query_one("#outcomes-records", FactTable)
        names = [cell_texts(records, index)[0] for index in range(len(records.rows))]
        families: dict[str, list[str]] = {}
        head = ""
        for name in names:
            if name.startswith("  "):
                families[head].append(name.strip())
            else:
                head = name
                families[head] = []
        assert "Lei Jun" in families["Xiaomi"]
        assert all(voices == sorted(voices, key=str.casefold) for voices in families.values())
        assert list(families) == sorted(families, key=str.casefold)


# -- the Outcomes pane's words --------------------------------------------------------------------


def test_a_voice_of_an_organisation_says_whom_it_speaks_for() -> None:
    """A member row's detail read "speaking for it:" followed by nothing."""
    from rich.console import Console

    from xiaomi_tui.facts.outcomes.verdicts import score
    from xiaomi_tui.ui.panes.outcomes import OutcomesPane
    from xiaomi_tui.ui.render.detail import render_track_record

    card = score(load(bundled_facts_path()))
    console = Console(width=200, file=io.StringIO())
    console.print(render_track_record(card, "lei-jun"))
    console.print(render_track_record(card, "xiaomi"))
    text = console.file.getvalue()
    assert "speaks for Xiaomi" in text and "speaking for it: Lei Jun" in text
    assert "speaking for it: \n" not in text
    # "Said" is a date everywhere else: here the column holds what was forecast.
    assert [column.label for column in OutcomesPane.SCORE_COLUMNS][2] == "Forecast"


# -- which fact base is open ---------------------------------------------------------------------


async def test_the_header_names_the_fact_base_and_says_when_it_is_the_bundled_copy(
        small_facts_path, tmp_path, monkeypatch) -> None:
    """Editing the repository's facts.toml changed nothing (the app opens the installed copy), and nothing on
    screen said which file was open."""
    bundled = make_app(load(bundled_facts_path()))
    async with bundled.run_test(size=SIZE):
        assert bundled.sub_title == "bundled copy"
        assert "bundled&#160;copy" in bundled.export_screenshot()
    monkeypatch.chdir(small_facts_path.parent.parent)
    own = make_app(load(small_facts_path))
    async with own.run_test(size=SIZE):
        assert own.sub_title == "fixtures/small.toml"


# -- counts in view -------------------------------------------------------------------------------


async def test_each_table_counts_its_rows_and_each_tab_the_searchs_hits() -> None:
    """At 80x24 Outcomes showed 5 of 33 forecasts and nothing said so; tabs carried no hit counts."""
    from helpers import table

    from xiaomi_tui.ui.app import HITS_DELAY
    from xiaomi_tui.ui.panes.base import Pane

    app = make_app(load(bundled_facts_path()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        forecasts = len(app.view.scorecard.scores)
        assert table(app, "outcomes").border_subtitle == f"{forecasts} of {forecasts} forecasts \u00b7 as of today"
        await pilot.press("slash", *"is:missed", "enter")
        await pilot.pause(HITS_DELAY + 0.2)
        missed = len(table(app, "outcomes").rows)
        assert 0 < missed < forecasts
        assert table(app, "outcomes").border_subtitle.startswith(f"{missed} of {forecasts} forecasts")
        tabs = app.query_one(TabbedContent)
        assert str(tabs.get_tab("tab-outcomes").label) == f"Outcomes {missed}"
        assert str(tabs.get_tab("tab-specs").label) == f"Specs {app.query_one('#specs', Pane).hits(app.view)}"
        await pilot.press("escape")
        await pilot.pause(HITS_DELAY + 0.2)
        assert str(tabs.get_tab("tab-outcomes").label) == "Outcomes"


# -- small terminals ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=["60x20", "80x24"])
async def test_every_table_keeps_rows_on_a_small_terminal(size) -> None:
    """At 60x20 the Sources pane's list and the Outcomes pane's track record showed no row at all: the detail
    panel goes first."""
    app = make_app(load(bundled_facts_path()))
    async with app.run_test(size=size) as pilot:
        for key in "123456":
            await pilot.press(key)
            await pilot.pause()
            for shown in app.active_pane.query(FactTable):
                if shown.display and shown.rows:
                    assert shown.scrollable_content_region.height - 1 >= min(2, len(shown.rows)), (key, shown.id)


async def test_v_says_why_in_full_at_80_columns() -> None:
    """`v` cut its own explanation ("…which never c" at 80 columns)."""
    from textual.widgets import Label

    app = make_app(load(bundled_facts_path()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        title = app.screen.query_one("#picker-title", Label)
        assert title.region.right <= app.screen.query_one("#picker").content_region.right  # not drawn past the box
        drawn = " ".join(title.render_line(y).text.strip() for y in range(title.size.height))
        assert " ".join(drawn.split()) == " ".join(f"Copy by hand: {app.citations.last_detail}".split())


# -- the source picker and the Sources pane ----------------------------------------------------------


async def test_escape_in_the_source_picker_puts_the_ticks_back_and_enter_keeps_them() -> None:
    from xiaomi_tui.ui.screens.pickers import SourcePicker

    app = make_app(load(bundled_facts_path()))
    async with app.run_test(size=SIZE) as pilot:
        every = app.view.sources
        await pilot.press("s", "space", "j", "space")
        assert isinstance(app.screen, SourcePicker) and len(app.view.sources) == len(every) - 2  # the panes follow
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0] and app.view.sources == every
        await pilot.press("s", "space", "enter")
        await pilot.pause()
        assert len(app.view.sources) == len(every) - 1


async def test_enter_on_a_source_narrows_every_pane_to_its_claims() -> None:
    """Enter on the Sources pane did nothing."""
    from helpers import table

    app = make_app(load(bundled_facts_path()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "j", "enter")
        await pilot.pause()
        source_id = table(app, "sources-list").selection.source_id
        assert source_id is not None and app.query_one(SearchBox).value == f"source:{source_id}"
        assert app.view.search.sources == {source_id} and len(table(app, "sources-list").rows) == 1


async def test_help_lists_each_keys_id_each_sources_id_and_where_settings_are_kept() -> None:
    """decor-dreams.com's id (`unknown-outlet`) was shown nowhere, nor the keymap's ids, nor the settings file."""
    from textual.widgets import Markdown

    from xiaomi_tui.settings import settings_path

    app = make_app(load(bundled_facts_path()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        text = app.screen.query_one(Markdown).source
        assert "| `unknown-outlet` | decor-dreams.com |" in text
        assert "| `c` | Copy the citation of the selected claim | `cite.copy` |" in text
        assert str(settings_path()) in text


def test_the_source_detail_shows_its_id() -> None:
    from rich.console import Console

    from xiaomi_tui.ui.render.detail import render_source
    from xiaomi_tui.ui.view import View

    console = Console(width=120, file=io.StringIO())
    console.print(render_source(View.of(load(bundled_facts_path())), "unknown-outlet"))
    assert "id unknown-outlet (source:, --source)" in " ".join(console.file.getvalue().split())


# -- what users of VisiData, lazygit and k9s reach for ------------------------------------------------


async def test_w_copies_the_underlined_cell_and_shift_w_the_row() -> None:
    from helpers import table

    app = make_app(load(bundled_facts_path()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.clipboard == "Body style"
        assert any(note.message.startswith("Copied (the Topic cell): ") for note in app._notifications)
        await pilot.press("greater_than_sign", "greater_than_sign", "w")  # the first > underlines the first column
        await app.workers.wait_for_complete()
        assert app.clipboard == "sedan"
        await pilot.press("W")
        await app.workers.wait_for_complete()
        assert app.clipboard == " | ".join(cell.plain for cell in table(app, "specs").rows[0].texts())


async def test_u_opens_the_web_page_of_the_rows_source(monkeypatch) -> None:
    opened: list[str] = []
    app = make_app(load(bundled_facts_path()))
    monkeypatch.setattr(app, "open_url", lambda url, **options: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "u")
        assert opened == [app.facts.sources["cnevpost"].url]
        await pilot.press("1", "u")  # a topic: its first claim's source
        assert len(opened) == 2 and opened[1].startswith("https://")


async def test_the_search_completes_a_qualifiers_value_and_remembers_earlier_searches() -> None:
    from xiaomi_tui.facts.analysis.query import qualifier_values
    from xiaomi_tui.ui.widgets.search import QualifierValues

    facts = load(bundled_facts_path())
    suggest = QualifierValues(lambda: qualifier_values(facts)).get_suggestion
    assert await suggest("price is:con") == "price is:conflict"
    assert await suggest("source:PAN") == "source:pandaily"
    assert await suggest("origin:lei") == "origin:lei-jun"
    assert await suggest("is:conflict") is None and await suggest("is") is None

    app = make_app(facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"is:mis")
        await pilot.pause(0.2)  # the suggestion is worked out in a worker of its own
        await pilot.press("right", "enter", "slash", "ctrl+u", *"door", "enter")
        search = app.query_one(SearchBox)
        assert search.history.searches == ["is:missed", "door"]
        await pilot.press("slash", "ctrl+u", "up")
        assert search.value == "door"
        await pilot.press("up", "up")
        assert search.value == "is:missed"
        await pilot.press("down", "down")
        assert search.value == ""


async def test_the_focused_table_has_a_border_of_its_own_lines() -> None:
    """Focus was a colour only (round $accent beside round $panel): nothing showed it without colour."""
    app = make_app(load(bundled_facts_path()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        focused, other = app.query_one("#outcomes-table"), app.query_one("#outcomes-records")
        assert focused.has_focus and focused.styles.border_top[0] != other.styles.border_top[0]
