"""A pane is one tab: one or more fact tables rebuilt from the current `View`; what panes share.

What a pane's tables show is a pure function of the view, beside its widget in each pane's module
(`specs_tables(view)`, `timeline_tables(view)`...): tested without an app, and kept once per view in the fact
base's memo (`FactBaseMemo.kept`), so a source toggled off and on again shows at once. The widget only
composes its tables, fills them, and says what the detail panel shows for a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import islice
from typing import Any

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical

from xiaomi_tui.facts.analysis.topics import TopicAnalysis
from xiaomi_tui.facts.outcomes.verdicts import Score
from xiaomi_tui.ui.render.detail import render_selection
from xiaomi_tui.ui.view import Selection, View, row_holding
from xiaomi_tui.ui.widgets.columns import MEASURED_ROWS, Column, widest_cells
from xiaomi_tui.ui.widgets.fact_table import FactTable
from xiaomi_tui.ui.widgets.table_rows import Row


def topics_shown(view: View, pane: str) -> list[TopicAnalysis]:
    """The topics of one pane that have claims in view and match the search."""
    return [topic for topic in view.analysis.topics.values()
            if topic.topic.pane == pane and topic.claims
            and view.row_matches((topic.topic.label, topic.consensus), topic.claims)]


NO_CLAIMS_YET = ("No claims yet: n adds the first (after a source, party and topic: xiaomi-tui --facts FILE "
                 "source add, party add, topic add; see the README, Keeping the fact base).")


def empty_sentence(view: View, what: str) -> str:
    """Why a table is empty, in one sentence: "No claims match 'xyz' in the 3 sources in view."."""
    if not view.facts.claims:  # a story just begun (`xiaomi-tui new`)
        return NO_CLAIMS_YET
    count = len(view.sources)
    if not count:
        return "No sources in view: s chooses some, a brings them all back."
    sources = f"the {count} sources" if count > 1 else "the one source"
    query = "".join(character for character in view.query.strip() if character.isprintable())
    if query:
        return f"No {what} match \u2018{query}\u2019 in {sources} in view."
    return f"No {what} in {sources} in view."


@dataclass(frozen=True)
class Shown:
    """What one table of a pane shows: its rows, the sentence when there are none, new columns if they change,
    where the cursor starts, and what the rows are ("12 of 40 topics")."""

    rows: list[Row]
    empty: str
    columns: list[Column] | None = None
    home: int = 0
    noun: str = "topics"

    @cached_property
    def widest_cells(self) -> list[int]:
        """The widest cell of each column over the first rows, which size the columns: measured once per table
        made, and the memo keeps the tables per view, so a source toggled off and on again measures nothing."""
        return widest_cells(row.texts() for row in islice(self.rows, MEASURED_ROWS))


class Pane(Vertical):
    """Subclasses give `COLUMNS` (or compose several tables) and `tables(view)`, which calls their module's
    pure function."""

    COLUMNS: list[Column] = []

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.view: View | None = None
        """The view the tables show: the pane is stale, and is filled again when next shown, when this is not
        the app's."""

    def compose(self) -> ComposeResult:
        yield FactTable(self.COLUMNS, id=f"{self.id}-table")

    def tables(self, view: View) -> list[Shown]:
        """What each of the pane's tables shows, in compose order."""
        raise NotImplementedError

    def render_detail(self, view: View, selection: Selection | None) -> RenderableType:
        """What the detail panel shows for a row of this pane: by default the claims behind it; for an empty
        table the sentence the table shows."""
        table = self.current_table
        if selection is None and not table.rows:
            return Text(table.empty_text, style="italic")
        return render_selection(view, selection)

    def show_view(self, view: View) -> None:
        """Fill the tables from `view`, and on each table's lower border say how many of how many rows it
        shows: "5 of 33 forecasts"."""
        self.view = view
        totals = [len(shown.rows) for shown in self.kept_tables(view.unfiltered)]
        for table, shown, total in zip(self.query(FactTable), self.kept_tables(view), totals):
            table.show_rows(shown.rows, shown.empty, shown.columns, home=shown.home, widest=shown.widest_cells)
            table.border_subtitle = f"{len(shown.rows)} of {total} {shown.noun}"

    def hits(self, view: View) -> int:
        """How many rows the search leaves in the pane's first table: the count on its tab."""
        return len(self.kept_tables(view)[0].rows)

    def kept_tables(self, view: View) -> list[Shown]:
        """`tables(view)`, made once per analysis, search and later reports shown, in the memo of the view's fact
        base, which a reload replaces whole: a source toggled off and on again shows at once."""
        return view.memo.kept(str(self.id), (view.analysis, view.query, view.later_reports), lambda: self.tables(view))

    def claims_shown(self, view: View) -> list[str]:
        """The ids of the claims behind the rows of the table in use, in its order: what "Export view" writes.
        A row of one claim (a forecast) stands for that claim; a topic or a timeline event for its claims in view."""
        shown: dict[str, None] = {}
        for selection in self.current_table.selections():
            if selection.claim_id and not selection.event:
                shown[selection.claim_id] = None
            elif selection.topic_id:
                shown.update(dict.fromkeys(claim.id for claim in view.claims_behind(selection)))
        return list(shown)

    @property
    def current_table(self) -> FactTable:
        """The focused table if it is one of this pane's, else the pane's first: the detail follows it."""
        focused = self.screen.focused
        if isinstance(focused, FactTable) and focused in self.query(FactTable):
            return focused
        return self.query(FactTable).first()

    def selected(self) -> Selection | None:
        """The row under the cursor of the table the detail follows."""
        return self.current_table.selection

    def select_forecast(self, item: Score | None) -> None:
        """The cursor goes to the row that holds `item` (the forecast the chart closed on), as k9s returns you to
        what you were looking at; where no row holds it (filtered out), or with none, it stays."""
        table = self.current_table
        index = None if item is None else row_holding(table.selections(), item, table.cursor_row)
        if index is not None:
            table.move_cursor(index)

    def focus_table(self) -> None:
        """At once: `focus()` waits behind the keys already typed, and would take the focus back from a search
        opened by one of them (`5/is:missed` typed fast ticked sources away in the picker `s` opened)."""
        self.screen.set_focus(self.query(FactTable).first())
