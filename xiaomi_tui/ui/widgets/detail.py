"""Everything behind a row: each claim with its value, source, chain of attribution, and who agrees."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from xiaomi_tui.facts.analysis.status import ClaimStanding
from xiaomi_tui.facts.analysis.topics import TopicAnalysis
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.formatting import format_claim_value
from xiaomi_tui.facts.model.records import Claim
from xiaomi_tui.facts.outcomes.verdicts import describe_outcome
from xiaomi_tui.ui.view import Selection, View
from xiaomi_tui.ui.widgets.cells import RELATION_STYLES, standing_cell, standing_mark, status_cell

PANEL_CLAIMS = 6
PANEL_RELATIONS = 5
"""The side panel shows this much and says how much more there is."""
SCREEN_RELATIONS = 50
"""The claims screen shows this many of the other claims beside the highlighted one, and how many more: a cursor
move redraws them, and at 20,000 claims on a topic drawing every one took seconds per move."""


def render_selection(view: View, selection: Selection | None) -> RenderableType:
    if selection is None:
        return Text("Nothing selected.", style="dim italic")
    if selection.source_id:
        return render_source(view, selection.source_id)
    if selection.topic_id is None:
        return Text("Move the cursor to a row to see the claims behind it.", style="dim italic")
    topic = view.analysis.topics[selection.topic_id]
    parts: list[RenderableType] = [
        Text(topic.topic.label, style="bold"),
        Text.assemble(status_cell(topic.status), f"  {topic.counts_text}"),
        Text(topic.reason_beyond_counts, style="dim"),
    ]
    claims = view.claims_behind(selection)
    for claim in claims[:PANEL_CLAIMS]:
        parts += [Text(""), render_claim(view, topic, claim, PANEL_RELATIONS)]
    if len(claims) > PANEL_CLAIMS:
        parts.append(Text(f"\n\u2026 and {len(claims) - PANEL_CLAIMS} more claims: enter lists them all.", style="dim"))
    return Group(*parts)


def render_claim(view: View, topic: TopicAnalysis, claim: Claim, relations_limit: int | None = None) -> RenderableType:
    facts = view.facts
    header = Text.assemble(standing_mark(topic.standings[claim.id]), (format_claim_value(claim, topic.topic), "bold"),
                           f"  {facts.source_name(claim.source)}, para. {claim.para}")
    fields = [("chain", facts.chain_text(claim)), ("inferred", claim.basis),
              ("stance", claim.stance.value + (f"; said {claim.said.human()}" if claim.said else "")),
              ("when", claim.date.human() if claim.date else None), ("note", claim.note)]
    related = topic.related(claim, relations_limit)  # each relation worked out as drawn: only those shown
    relations = [Text.assemble(
        (relation.value, RELATION_STYLES[relation]),
        f" {facts.source_name(other.source)}: {format_claim_value(other, topic.topic)}",
        (f" ({reason})", "dim"),
    ) for other, relation, reason in related]
    more = topic.related_count(claim) - len(related)
    if more > 0:
        relations.append(Text(f"\u2026 and {more} more", style="dim"))
    return Group(header, *assessment_lines(claim, topic.standings[claim.id]), Text(claim.statement, style="italic"),
                 field_grid(fields), *relations, Text(f"id {claim.id}", style="dim"))


def assessment_lines(claim: Claim, standing: ClaimStanding) -> list[Text]:
    """Our assessment of a claim, first and marked: why it is disputed or what supersedes it, and the evidence."""
    if claim.disputed is not None:
        said, url = claim.disputed.reason, claim.disputed.url
    elif claim.superseded is not None:
        said, url = f"{claim.superseded.reason} (by {claim.superseded.by})", None
    else:
        return []
    lines = [Text.assemble(standing_cell(standing), f": {said}")]
    if url:
        lines.append(Text(f"see {url}", style="dim"))
    return lines


def render_source(view: View, source_id: str) -> RenderableType:
    source = view.facts.sources[source_id]
    tallies = view.analysis.source_tallies.get(source_id, {})
    fields = [(label, value or "unknown") for label, value in (
        ("title", source.title), ("author", source.author),
        ("published", source.published.human() if source.published else None), ("kind", source.kind),
        ("url", source.url), ("notes", source.notes), ("id", f"{source_id} (source:, --source)"))]
    # not `file`: the curator's copy, no reader's business
    counts = "  ".join(f"{count} {standing.value}" for standing, count in tallies.items()) or "not in view"
    return Group(Text(view.facts.source_name(source_id), style="bold"), field_grid(fields), Text(""), Text(counts))


def render_later_report(facts: FactBase, outcome: Claim) -> RenderableType:
    """What a later report found, and the report itself with its address: what `o` (and `c` on the timeline) cite."""
    source = facts.outcome_sources[outcome.source]
    return Group(Text.assemble(("later report: ", "dim"), (describe_outcome(facts, outcome), "bold")),
                 Text(outcome.statement, style="italic"),
                 field_grid([("source", source.display_name), ("title", source.title),
                             ("published", facts.report_date(source.id).human()), ("url", source.url),
                             ("note", outcome.note)]))


def field_grid(pairs: Sequence[tuple[str, str | None]]) -> Table:
    """Label and value columns, so a long value wraps under itself rather than under its label."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in pairs:
        if value:
            grid.add_row(label, Text(value))
    return grid


class DrawnOnce:
    """A renderable Rich draws once per width and set of options. Textual asks the detail's Static for its height,
    then for its lines, at each layout of the first frame, and each time Rich drew every claim's grid again: about
    a third of what the dashboard's first frame costs over a bare Textual app's. `options.height` is left out of the
    key: the detail's parts (text and grids) never fill a height."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._drawn: dict[tuple[object, ...], list[Segment]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (options.size, options.min_width, options.max_width, options.justify, options.overflow,
               options.no_wrap, options.highlight, options.markup, options.is_terminal, options.encoding)
        drawn = self._drawn.get(key)
        if drawn is None:
            drawn = self._drawn[key] = list(console.render(self.renderable, options))
        yield from drawn

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


class DetailPanel(VerticalScroll, can_focus=True):
    """The side panel: follows the cursor in the active pane."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    renderable: RenderableType = Text("")

    def show(self, renderable: RenderableType) -> None:
        """What the active pane makes of the row under the cursor (see `Pane.render_detail`)."""
        self.renderable = renderable
        self.query_one("#detail-body", Static).update(renderable if isinstance(renderable, Text) else DrawnOnce(renderable))
