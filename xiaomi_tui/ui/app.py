"""The dashboard: the panes over one fact base, a detail panel, a source filter and citations."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.signal import Signal
from textual.timer import Timer
from textual.widgets import Header, Input, Static, TabbedContent, TabPane

from xiaomi_tui.facts.analysis.changes import Changes, compare_analyses
from xiaomi_tui.facts.analysis.query import qualifier_values
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.wording import day_text
from xiaomi_tui.search_history import SearchHistory
from xiaomi_tui.settings import ReadOnly, Settings
from xiaomi_tui.ui.citing import CitationFlow, style_previews
from xiaomi_tui.ui.commands import SourceCommands
from xiaomi_tui.ui.editing import EditFlow, edit_commands
from xiaomi_tui.ui.exporting import export_commands, report_delivery
from xiaomi_tui.ui.keys import (
    DASHBOARD_ACTIONS,
    DIFF_KEYS,
    EDITOR_KEYS,
    KEYS,
    NOT_IN_PALETTE,
    SEARCH_KEYS,
    TABLE_KEYS,
    keys_in_force,
    pane_keys,
    scopes,
)
from xiaomi_tui.ui.lifeline import Lifeline
from xiaomi_tui.ui.panes.base import Pane
from xiaomi_tui.ui.panes.investment import InvestmentPane
from xiaomi_tui.ui.panes.outcomes import OutcomesPane
from xiaomi_tui.ui.panes.sources import SourcesPane
from xiaomi_tui.ui.panes.specs import CompanyPane, SpecsPane
from xiaomi_tui.ui.panes.timeline import TimelinePane
from xiaomi_tui.ui.preferences import chosen_keymap, chosen_theme
from xiaomi_tui.ui.reloading import FactBaseBroken, FactBaseReloaded, LiveReload
from xiaomi_tui.ui.signals import exit_on_signals
from xiaomi_tui.ui.view import Selection, View
from xiaomi_tui.ui.widgets.banner import ReloadBanner
from xiaomi_tui.ui.widgets.detail import DetailPanel
from xiaomi_tui.ui.widgets.fact_table import FactTable
from xiaomi_tui.ui.widgets.footer import SteadyFooter
from xiaomi_tui.ui.widgets.search import SearchBox

if TYPE_CHECKING:
    from xiaomi_tui.facts.citations import Form
    from xiaomi_tui.facts.edit import Planned
    from xiaomi_tui.ui.screens.citing import CitingScreen
    from xiaomi_tui.ui.screens.editor import Form as EditorForm
    from xiaomi_tui.ui.screens.pickers import SourcePicker
    from xiaomi_tui.ui.view import Part

PANES = (("specs", "Specs", SpecsPane), ("timeline", "Timeline", TimelinePane),
         ("investment", "Investment", InvestmentPane), ("sources", "Sources", SourcesPane),
         ("outcomes", "Outcomes", OutcomesPane), ("company", "Company", CompanyPane))

HITS_DELAY = 0.25
"""Seconds of no typing before the tabs count the search's hits."""

MIN_SIZE = (40, 10)
"""Below this the tables cannot show a row; the app says so instead of drawing a jumble."""


def breakpoint_classes(size: Size, horizontal: list[tuple[int, str]],
                       vertical: list[tuple[int, str]]) -> dict[str, bool]:
    """The classes Textual gives the screen on its first Resize, which comes after the first styling.

    Set in `compose`, they spare restyling every widget (and a second layout) at start-up.
    """
    classes = {name: False for _, name in horizontal + vertical}
    for value, points in ((size.width, horizontal), (size.height, vertical)):
        reached = [name for threshold, name in points if value >= threshold]
        if reached:
            classes[reached[-1]] = True
    return classes


def opened_label(path: str) -> str:
    """Which fact base the header names: "bundled copy" (the installed facts.toml), else its path, short."""
    from pathlib import Path

    from xiaomi_tui.facts.load.loader import bundled_facts_path
    from xiaomi_tui.io.files import shown

    opened = Path(path)
    if not opened.is_absolute() and not opened.exists():  # a fact base made in memory (tests)
        return shown(path)
    opened = opened.resolve()
    if opened == bundled_facts_path().resolve():
        return "bundled copy"
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        if opened.is_relative_to(base):
            return shown(prefix + str(opened.relative_to(base)))
    return shown(opened)


class XiaomiApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "xiaomi-tui"
    HORIZONTAL_BREAKPOINTS = [(0, "-cramped-width"), (MIN_SIZE[0], "-narrow"), (160, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-cramped-height"), (MIN_SIZE[1], "-tiny"), (18, "-short"), (24, "-medium"),
                            (34, "-tall")]
    COMMANDS = App.COMMANDS | {SourceCommands}
    NOTIFICATION_TIMEOUT = 6

    BINDINGS = [*pane_keys(PANES), *KEYS]

    def __init__(self, facts: FactBase, sources: list[str] | None = None, clipboard_mode: str = "auto",
                 watch: bool = True, keep_in_cache: Callable[[], None] | None = None, articles: Path | None = None):
        """`keep_in_cache` writes a freshly validated fact base to the cache: done after the first frame;
        `articles` is the folder of the press articles, shown beside the claim editor."""
        super().__init__()
        self._keep_in_cache = keep_in_cache
        self.clipboard_mode = clipboard_mode
        self.settings, problems = Settings.load()
        self.keymap, keymap_problem = chosen_keymap(self.settings, scopes(PANES))
        self.set_keymap(self.keymap)  # before the first frame: the footer never shows the default keys first
        theme, theme_problem = chosen_theme(self.settings, self.available_themes)
        if theme is not None:
            self.theme = theme
        self._setting_problems = [problem for problem in (*problems, keymap_problem, theme_problem) if problem]
        self.view = View.of(facts, sources)
        """The one source of truth: the fact base, its analyses and scorecard, the sources and search in view."""
        self.view_changed: Signal[View] = Signal(self, "view-changed")
        """Published with each new view: the screens over the dashboard redraw from it."""
        self._hits_timer: Timer | None = None
        self._detail_shown: tuple[object, ...] | None = None
        self.citations = CitationFlow(self, lambda: self.view, self.settings, clipboard_mode)
        if articles is None and self.settings.articles is not None:
            articles = Path(self.settings.articles).expanduser()
        self.editing = EditFlow(self, lambda: self.view, articles)
        self.live_reload = LiveReload(self, facts.path) if watch else None
        self._lifeline: Lifeline | None = None
        self.changes: Changes | None = None  # what the last reload changed

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.screen.update_classes(
            breakpoint_classes(self.size, self.HORIZONTAL_BREAKPOINTS, self.VERTICAL_BREAKPOINTS), update=False)
        yield Header()
        yield ReloadBanner(id="banner")
        yield Static(f"The terminal is too small: xiaomi-tui needs {MIN_SIZE[0]}x{MIN_SIZE[1]}. "
                     "Enlarge it, or press q to quit.", id="too-small")
        with Horizontal(id="body"):
            with TabbedContent(id="panes"):
                for pane_id, label, pane_class in PANES:
                    with TabPane(label, id=f"tab-{pane_id}"):
                        yield pane_class(id=pane_id)
            yield DetailPanel(id="detail")
        yield SearchBox(self._leave_search, lambda: qualifier_values(self.facts), id="search")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.title = self.facts.title
        self.sub_title = opened_label(self.facts.path)
        self.set_view(self.view)
        self.query_one("#specs-table", FactTable).focus()
        for problem in self._setting_problems:
            self.notify(problem, title="Settings", severity="warning", markup=False)
        if self.live_reload is not None:
            self.live_reload.start()
        if self._keep_in_cache is not None:
            self.call_after_refresh(self.run_worker, self._keep_in_cache, thread=True, group="cache")
        if not self.is_headless:  # a test's app exits inside the test runner: never cut that short
            self._lifeline = Lifeline(served=self.is_web)
            self._lifeline.start()
        if self.is_web:
            self.settings.store = ReadOnly()  # a visitor's choices stay in this tab, not in the server user's file
        else:  # in a browser tab the web driver and the lifeline end the app (see ui/lifeline.py)
            exit_on_signals(self)
            self._recall_searches()  # a visitor's searches neither see the server user's nor join them

    def _recall_searches(self) -> None:
        """The searches kept from earlier runs, for `up` in the search box."""
        history, problem = SearchHistory.load()
        self.query_one(SearchBox).history = history
        if problem:
            self.notify(problem, title="Search history", severity="warning", markup=False)

    def on_exit_app(self) -> None:
        """An exit can hang, in a closing terminal or a browser tab (see ui/lifeline.py): from here on it has a
        deadline."""
        if self._lifeline is not None:
            self._lifeline.exit_began(self.return_code or 0)

    # -- the view ---------------------------------------------------------------------------

    @property
    def facts(self) -> FactBase:
        return self.view.facts

    @property
    def active_pane(self) -> Pane:
        active = self.query_one(TabbedContent).active.removeprefix("tab-")
        return self.query_one(f"#{active}", Pane)

    def set_view(self, view: View) -> None:
        """Show a new view: rebuild the visible pane now, the others when they are next shown."""
        self.view = view
        self._refresh_active()
        self.view_changed.publish(view)
        if self._hits_timer is not None:
            self._hits_timer.stop()
        # Once typing pauses: every pane's rows are built to count them, which a keystroke should not wait for.
        # The tabs' own timer: it ends with them, never firing into a dashboard being torn down.
        self._hits_timer = self.query_one(TabbedContent).set_timer(HITS_DELAY, self._count_hits)

    def _count_hits(self) -> None:
        """Each tab says how many rows the search leaves it ("Specs 3"); no search, no count."""
        tabs = self.query_one(TabbedContent)
        for pane_id, label, _ in PANES:
            hits = self.query_one(f"#{pane_id}", Pane).hits(self.view) if self.view.query else None
            tabs.get_tab(f"tab-{pane_id}").label = label if hits is None else f"{label} {hits}"

    def set_sources(self, sources: Iterable[str]) -> None:
        wanted = frozenset(sources)
        if wanted != self.view.sources:
            self.set_view(self.view.with_sources(wanted))

    def _refresh_active(self) -> None:
        pane = self.active_pane
        if pane.view is not self.view:  # stale: it was last filled from another view
            pane.show_view(self.view)
        # On the pane, not in the header: a header change costs a layout, and two frames, on every toggle.
        # Content, not a string: the search text would be parsed as markup ("[/x]" crashed the app).
        pane.query(FactTable).first().border_title = Content(self.view.filter_label)
        self._show_detail(pane.selected())

    def _show_detail(self, selection: Selection | None) -> None:
        """Redraw the detail panel only when what it shows has changed: it is the costliest widget."""
        pane = self.active_pane
        key = (pane.id, self.view.detail_key(selection))
        if key != self._detail_shown:
            self._detail_shown = key
            self.query_one(DetailPanel).show(pane.render_detail(self.view, selection))

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._refresh_active()

    def on_fact_table_selection_changed(self, event: FactTable.SelectionChanged) -> None:
        if not self.screen_stack or not self.screen_stack[0].query(TabbedContent):
            return  # a table's last message, delivered while the app closes and its tabs are already gone
        if event.table is self.active_pane.current_table:
            # What the table selects now, not when it posted: a message from before its rows were set (None) would
            # redraw the panel twice at start-up, away from the first row and back.
            self._show_detail(event.table.selection)

    def on_fact_table_copy(self, event: FactTable.Copy) -> None:
        self.citations.copy_text(event.text, event.what)

    def on_fact_table_open_url(self, event: FactTable.OpenUrl) -> None:
        """`u`: the web page of the row's source (a source's own; a claim's or a topic's first claim's source)."""
        selection, facts = event.selection, self.facts
        source_id = selection.source_id
        if source_id is None and selection.claim_id in facts.claims:
            source_id = facts.claims[selection.claim_id].source
        if source_id is None:
            source_id = next((claim.source for claim in self.view.claims_behind(selection)), None)
        source = facts.sources.get(source_id or "")
        if source is None or not source.url:
            named = f"{facts.source_name(source.id)} gives" if source else "This row has"
            self.notify(f"{named} no web page to open.", severity="warning", markup=False)
            return
        self.open_url(source.url)
        self.notify(f"Opening {source.url}", timeout=3, markup=False)

    def on_fact_table_opened(self, event: FactTable.Opened) -> None:
        from xiaomi_tui.ui.screens.claims import ClaimsScreen

        if event.selection.topic_id:
            self.push_screen(ClaimsScreen(event.selection))
        elif event.selection.source_id:
            self._search_source(event.selection.source_id)

    def _search_source(self, source_id: str) -> None:
        """Enter on a source (the Sources pane's list): every pane narrows to its claims, by `source:ID` added to
        the search, which escape clears (enter did nothing there)."""
        search = self.query_one(SearchBox)
        wanted = f"source:{source_id}"
        if wanted not in search.value.split():
            search.value = f"{search.value} {wanted}".strip()
        search.add_class("-open")
        self._search_for(search.value)
        self.notify(f"Every pane shows {self.facts.source_name(source_id)}'s claims ({wanted}); escape clears.",
                    timeout=4, markup=False)

    # -- actions ----------------------------------------------------------------------------

    @property
    def cramped(self) -> bool:
        """Below the minimum size the panes are hidden behind a message (see app.tcss)."""
        return self.size.width < MIN_SIZE[0] or self.size.height < MIN_SIZE[1]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Pane, search and filter keys act on the dashboard: off (and out of the footer) elsewhere.
        Below the minimum size only quitting acts: every other key would act on panes nobody can see."""
        if self.cramped:
            return action == "quit"
        if action in ("edit_claim", "new_claim"):  # on the dashboard and screens that select a claim, not dialogs
            return not self.editing.over_a_dialog()
        return not (action in DASHBOARD_ACTIONS and len(self.screen_stack) > 1)

    def action_show_pane(self, pane_id: str) -> None:
        """The pane's rows are there before the next key: typed ahead, it acts on them, not on the last pane's."""
        self.query_one(TabbedContent).active = f"tab-{pane_id}"
        self._refresh_active()
        self.query_one(f"#{pane_id}", Pane).focus_table()

    def action_search(self) -> None:
        self.query_one(SearchBox).open()

    def on_key(self, event: events.Key) -> None:
        self.query_one(SearchBox).take_typed_ahead(event)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search" and event.value == event.input.value:  # else a later keystroke's is coming
            self._search_for(event.value)

    def _search_for(self, text: str) -> None:
        if text != self.view.query:
            self.set_view(replace(self.view, query=text))
        self.query_one(SearchBox).show_problems(self.view.search.problems)

    def _leave_search(self) -> None:
        """Enter or escape: the rows follow the search's last word and the pane takes the keys at once, since
        the keys typed after it act on them before the search box's Changed messages arrive."""
        self._search_for(self.query_one(SearchBox).value)
        self.active_pane.focus_table()

    def action_clear_search(self) -> None:
        if self.query_one(SearchBox).close():
            self._leave_search()

    def action_pick_sources(self) -> None:
        from xiaomi_tui.ui.screens.pickers import SourcePicker

        self.push_screen(SourcePicker())

    def action_all_sources(self) -> None:
        self.set_sources(self.facts.sources)
        self.notify(f"All {len(self.facts.sources)} sources in view.")

    def action_toggle_later_reports(self) -> None:
        shown = not self.view.later_reports
        self.set_view(replace(self.view, later_reports=shown))
        self.notify(f"Later reports {'shown on' if shown else 'hidden from'} the timeline.", timeout=3)

    def action_show_chart(self) -> None:
        from xiaomi_tui.ui.screens.chart import ChartScreen

        pane = self.active_pane
        self.push_screen(ChartScreen(pane.selected()), pane.select_forecast)  # back on the highlighted one

    def action_toggle_detail(self) -> None:
        self.query_one(DetailPanel).toggle_class("-hidden")

    def action_score_as_of(self) -> None:
        from xiaomi_tui.ui.screens.as_of import AsOfDialog

        self.push_screen(AsOfDialog(self.view.memo.as_of), self._score_as_of)

    def _score_as_of(self, day: date | bool | None) -> None:
        """Rescore (None: as of today), show the Outcomes pane, and say with how many later reports."""
        if day is False:
            return
        self.action_show_pane("outcomes")
        self.set_view(self.view.scored_as_of(day if isinstance(day, date) else None))  # the pane and is:WORD follow
        card = self.view.scorecard
        self.notify(f"Scored as of {day_text(card.as_of)}, with {len(card.known_reports)} of "
                    f"{len(self.view.facts.outcome_sources)} later reports.", timeout=4, markup=False)

    def action_help(self) -> None:
        from xiaomi_tui.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen(keys_in_force([*self.BINDINGS, *TABLE_KEYS, *SEARCH_KEYS, *EDITOR_KEYS, *DIFF_KEYS],
                                                  self.keymap),
                                    [(source_id, self.facts.source_name(source_id)) for source_id in self.facts.sources]))

    def watch_theme(self, theme: str) -> None:
        """A theme picked in the palette is kept for the next run (in a browser tab, for this tab only)."""
        if theme != self.settings.theme and self.is_running:
            problem = self.settings.choose("theme", theme)
            if problem:
                self.notify(problem, title="Settings", severity="warning", markup=False)

    def on_source_picker_changed(self, message: SourcePicker.Changed) -> None:
        self.set_sources(message.sources)

    # -- citations and live reload, each in a module of its own -----------------------------

    def action_copy_citation(self, form: Form = "claim", part: Part | None = None) -> None:
        self.citations.copy(self.active_pane.selected(), form, part)

    def action_cite_outcome(self) -> None:
        self.citations.copy_outcome(self.active_pane.selected())

    def on_citing_screen_cite(self, message: CitingScreen.Cite) -> None:
        """A screen's cite keys: what is selected in it, not on the pane below."""
        if message.form is None:
            self._pick_style(message.selection)
        else:
            self.citations.copy(message.selection, message.form, message.part)

    def action_edit_claim(self) -> None:
        self.editing.edit(self.active_pane.selected())

    def action_new_claim(self) -> None:
        self.editing.new(self.active_pane.selected())

    def open_editor(self, form: EditorForm, facts: FactBase, saved: Callable[[Planned | None], None]) -> None:
        """The record editor, for the edit flow: `saved` hears the edit it wrote, or None."""
        from xiaomi_tui.ui.screens.editor import EditorScreen

        self.push_screen(EditorScreen(form, facts), saved)

    def pick_one(self, title: str, labels: Mapping[str, str], chosen: Callable[[str | None], None]) -> None:
        """One of `labels` (by key), for the edit flow's Edit source…, topic…, party…, claim…; None on escape."""
        from xiaomi_tui.ui.screens.pickers import OptionPicker

        self.push_screen(OptionPicker(title, labels, filtered=True), chosen)

    def action_view_citation(self) -> None:
        self.citations.show_last()

    def copy_to_clipboard(self, text: str) -> None:
        """Every OSC 52 payload, ours or a widget's, without the characters a terminal would act on."""
        from xiaomi_tui.io.clipboard import pasteable

        super().copy_to_clipboard(pasteable(text))

    def offer_html(self, text: str, html: str) -> None:
        """In a browser tab, the HTML of the citation the next OSC 52 carries, for the page to put beside it on the
        browser's clipboard: a meta message beside the terminal's output, which the server forwards to the page
        (textual.js ignores it; the page's own script takes it). Elsewhere nothing: OSC 52 stays plain."""
        from textual.drivers.web_driver import WebDriver

        from xiaomi_tui.io.clipboard import RICH_COPY, pasteable

        if isinstance(self._driver, WebDriver):
            self._driver.write_meta({"type": RICH_COPY, "text": pasteable(text), "html": pasteable(html)})

    def action_pick_style(self) -> None:
        self._pick_style(self.active_pane.selected())

    def _pick_style(self, selection: Selection | None) -> None:
        """The style picker, previewing the selected claim in every style."""
        from xiaomi_tui.facts.citations import STYLES
        from xiaomi_tui.ui.screens.pickers import OptionPicker

        labels = {key: style.label for key, style in STYLES.items()}
        self.push_screen(OptionPicker("Citation style for c", labels, self.settings.citation_style,
                                      style_previews(self.view, selection), "Select a claim to preview its citation."),
                         self.citations.choose_style)

    def show_by_hand(self, text: str, reason: str) -> None:
        """When no clipboard could be reached (or on `v`): the citation, selectable, to copy by hand."""
        from xiaomi_tui.ui.screens.pickers import CopyByHand

        self.push_screen(CopyByHand(text, reason))

    def on_fact_base_reloaded(self, message: FactBaseReloaded) -> None:
        """Swap in the new fact base, keeping pane, cursor, search and the sources that still exist."""
        before = self.view
        self.title = message.facts.title
        self.query_one(ReloadBanner).clear()
        self.set_view(self.view.reloaded(message.facts))
        self.changes = compare_analyses(before.analysis, self.view.analysis, before.memo.verdict_of,
                                        self.view.memo.verdict_of)
        self.notify(f"Fact base reloaded: {self.changes.summary()}", timeout=8, markup=False)

    def action_what_changed(self) -> None:
        from xiaomi_tui.ui.screens.changes import ChangesScreen

        if self.changes is None:
            self.notify("The fact base has not been reloaded since the dashboard started.", timeout=4)
        else:
            self.push_screen(ChangesScreen("What the last reload changed", self.changes.lines()))

    def on_fact_base_broken(self, message: FactBaseBroken) -> None:
        """Keep showing the last good data; say what is wrong and where."""
        self.query_one(ReloadBanner).show_problem(message.error)

    # -- command palette --------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own, every key of the dashboard (its tooltip as the title, the key as help), the exports."""
        yield from super().get_system_commands(screen)
        for binding in keys_in_force(self.BINDINGS, self.keymap):
            if binding.id not in NOT_IN_PALETTE:
                yield SystemCommand(binding.tooltip, f"{binding.description} ({self.get_key_display(binding)})",
                                    partial(self._run_on, screen, binding.action))
        yield SystemCommand("What changed", "Every status, consensus and verdict the last reload moved; claims added "
                            "or removed", self.action_what_changed)
        yield SystemCommand("Undo last edit", "Put the fact base back as it was before the last edit saved here",
                            self.editing.undo)
        yield from edit_commands(self.editing)
        yield SystemCommand("Score as of...", "Rescore the Outcomes pane with the later reports published by a day",
                            self.action_score_as_of)
        yield from export_commands(self)

    async def _run_on(self, screen: Screen[Any], action: str) -> None:
        """A palette command acts on the screen it was opened over when that screen has the action (the detail
        screen's cite keys cite its highlighted claim), else on the app."""
        if not await self.run_action(action, screen):
            await self.run_action(action)

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        report_delivery(self, event)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        report_delivery(self, event)
