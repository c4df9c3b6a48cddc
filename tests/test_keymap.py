"""Keys a user remaps in settings.json, and the theme kept between runs: footer, help and palette follow."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.command import CommandPalette

from xiaomi_tui.settings import Settings, settings_path
from xiaomi_tui.ui.app import PANES, XiaomiApp
from xiaomi_tui.ui.keys import check_keymap, scopes
from xiaomi_tui.ui.screens.as_of import AsOfDialog
from xiaomi_tui.ui.screens.changes import ChangesScreen
from xiaomi_tui.ui.screens.chart import ChartScreen
from xiaomi_tui.ui.screens.claims import ClaimsScreen
from xiaomi_tui.ui.screens.editor import DiffScreen, EditorScreen
from xiaomi_tui.ui.screens.help import HelpScreen
from xiaomi_tui.ui.screens.pickers import CopyByHand, OptionPicker, SourcePicker
from xiaomi_tui.ui.widgets.chart import ForecastChart
from xiaomi_tui.ui.widgets.checklist import Checklist
from xiaomi_tui.ui.widgets.fact_table import FactTable
from xiaomi_tui.ui.widgets.footer import SteadyFooter
from xiaomi_tui.ui.widgets.search import SearchBox

SIZE = (120, 40)


def write_settings(content: object) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content))


def footer_keys(app: XiaomiApp) -> dict[str, str]:
    """What the footer shows: each key's label, as drawn."""
    footer = app.screen.query_one(SteadyFooter)
    return {key.key_display: key.description for key in footer.query("FooterKey")}


def test_every_binding_of_every_screen_has_an_id_and_no_two_share_one():
    classes = (XiaomiApp, FactTable, SourcePicker, Checklist, OptionPicker, CopyByHand, ClaimsScreen, HelpScreen,
               ChangesScreen, AsOfDialog, EditorScreen, DiffScreen,
               ChartScreen, ForecastChart, SearchBox)
    # The cite keys are one set of bindings that the dashboard and the claims screen share (one id, one remap).
    every = [binding for cls in classes for binding in cls.BINDINGS]
    bindings = list({id(binding): binding for binding in every if isinstance(binding, Binding)}.values())
    assert len(bindings) == len({id(binding) for binding in every})
    ids = [binding.id for binding in bindings]
    assert None not in ids
    assert [binding_id for binding_id, count in Counter(ids).items() if count > 1] == []
    assert sorted(ids) == sorted({binding.id for scope in scopes(PANES) for binding in scope})  # the check sees all


@pytest.mark.parametrize(("keymap", "problem"), [
    ({"cite.copyy": "x"}, "keymap: no key has the id 'cite.copyy' (did you mean cite.copy?)"),
    ({"cite.copy": "j"}, "keymap: j would be both cite.copy and table.down"),
    ({"cite.copy": "ctrl+p"}, "keymap: ctrl+p would be both Textual and cite.copy"),
    ({"cite.copy": "x y"}, "keymap: cite.copy: 'x y' is not a key"),
    ({"cite.copy": ""}, "keymap: cite.copy: '' is not a key"),
    ({"cite.copy": "?"}, "keymap: question_mark would be both cite.copy and help"),
])
def test_a_keymap_that_cannot_work_is_refused_with_one_line(keymap, problem):
    assert check_keymap(keymap, scopes(PANES)) == problem


def test_a_keymap_may_name_the_keys_of_every_screen_and_widget():
    """The "Score as of..." dialog's escape and the source checklist's space were defined outside keys.py."""
    assert check_keymap({"as-of.cancel": "ctrl+g", "picker.tick": "x"}, scopes(PANES)) is None
    assert check_keymap({"picker.tick": "a"}, scopes(PANES)) == "keymap: a would be both picker.all and picker.tick"


def test_keys_may_trade_places_and_a_screen_may_reuse_a_dashboard_key():
    assert check_keymap({"cite.copy": "a", "sources.all": "c", "picker.all": "c"}, scopes(PANES)) is None


async def test_a_keymap_moves_a_key_and_footer_help_and_palette_follow(small_facts):
    write_settings({"keymap": {"cite.copy": "x", "search": "f"}})
    app = XiaomiApp(small_facts, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = footer_keys(app)
        assert (shown.get("x"), shown.get("f")) == ("Cite", "Search")
        assert "c" not in shown and "/" not in shown
        await pilot.press("c")
        assert app.clipboard == ""  # c does nothing now
        await pilot.press("x")
        assert "Maker" in app.clipboard
        await pilot.press("question_mark")
        help_text = app.screen.query_one("Markdown").source
        assert "| `x` | Copy the citation of the selected claim |" in help_text
        assert "| `f` | Search: filter every pane's rows by text and by is:, source:, origin: |" in help_text
        await pilot.press("escape", "ctrl+p", *"citation of the selected")
        await pilot.pause(0.3)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        hits = [str(option.prompt) for option in palette.query_one("CommandList").options]
        assert any("Cite (x)" in hit for hit in hits), hits


@pytest.mark.parametrize("keymap", [{"cite.copy": "j"}, ["cite.copy", "x"], {"cite.copy": 3}])
async def test_a_bad_keymap_gives_one_warning_and_the_default_keys(small_facts, keymap):
    write_settings({"citation_style": "mla", "keymap": keymap})
    app = XiaomiApp(small_facts, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        warnings = [notice.message for notice in app._notifications]
        assert len(warnings) == 1 and warnings[0].endswith("using the default keys")
        assert "\n" not in warnings[0]
        assert app.settings.citation_style == "mla"  # the rest of the file still counts
        assert footer_keys(app).get("c") == "Cite"
        await pilot.press("j")
        assert app.query_one("#specs-table", FactTable).cursor_row == 1


async def test_the_theme_picked_in_the_palette_is_there_after_a_restart(small_facts):
    app = XiaomiApp(small_facts, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme != "nord"
        await pilot.press("ctrl+p", *"theme")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press(*"nord")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"
    assert json.loads(settings_path().read_text())["theme"] == "nord"
    again = XiaomiApp(small_facts, watch=False)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"
        assert not again._notifications


async def test_an_unknown_theme_gives_a_warning_and_the_default(small_facts):
    write_settings({"theme": "no-such-theme\u001b]0;x"})
    app = XiaomiApp(small_facts, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == XiaomiApp(small_facts, watch=False).theme
        assert [notice.message for notice in app._notifications] == [
            "settings: no theme is called 'no-such-theme\\x1b]0;x'; using the default theme"]


def test_saving_keeps_the_keymap_and_whatever_else_the_user_wrote():
    write_settings({"keymap": {"cite.copy": "x"}, "note": "mine"})
    settings, _ = Settings.load()
    assert settings.choose("citation_style", "chicago") is None
    assert json.loads(settings_path().read_text()) == {
        "keymap": {"cite.copy": "x"}, "note": "mine", "citation_style": "chicago"}


def test_the_readme_names_every_binding_id():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Settings: keys and theme"):]
    section = " ".join(section[:section.index("\n### ")].split())
    missing = [binding.id for scope in scopes(PANES) for binding in scope if f"`{binding.id}`" not in section]
    assert missing == []


def test_a_theme_or_keymap_of_the_wrong_type_is_named_in_one_line_and_the_rest_counts():
    write_settings({"citation_style": "mla", "theme": 3, "keymap": ["x"]})
    settings, problems = Settings.load()
    assert (settings.citation_style, settings.theme, settings.keymap) == ("mla", None, {})
    assert problems == [
        f"settings file {settings_path()} has a theme that is not a string; using the default theme; it has a keymap "
        "that is not an object of binding ids to keys (\"cite.copy\": \"x\"); using the default keys"]


@pytest.mark.parametrize("binding_id", ["quit", "quit.now", "help.close", "cite.copy"])
def test_a_keymap_names_only_keys_textual_parses_so_quit_and_help_always_have_one(binding_id: str) -> None:
    assert check_keymap({binding_id: "zzzz"}, scopes(PANES)) == f"keymap: {binding_id}: 'zzzz' is not a key"
    assert check_keymap({binding_id: "ctrl+zzzz"}, scopes(PANES)) == f"keymap: {binding_id}: 'ctrl+zzzz' is not a key"
    assert check_keymap({binding_id: "hyper+f13"}, scopes(PANES)) is None
