"""What the detail panel and the claims screen show, as Rich renderables drawn from a view: everything behind a
row (each claim with its value, source, chain of attribution and who agrees), a source, a later report, a scored
forecast and a track record. Kept apart from the widgets that show them, and free of Textual.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from xiaomi_tui.facts.analysis.status import ClaimStanding, why_set_aside
from xiaomi_tui.facts.analysis.topics import TopicAnalysis
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.formatting import format_claim_value
from xiaomi_tui.facts.model.records import Claim
from xiaomi_tui.facts.outcomes.verdicts import Score, Scorecard, describe_outcome
from xiaomi_tui.ui.render.cells import RELATION_STYLES, standing_cell, standing_mark, status_cell, verdict_cell
from xiaomi_tui.ui.view import Selection, View

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
    said = why_set_aside(claim)
    if said is None:
        return []
    lines = [Text.assemble(standing_cell(standing), f": {said}")]
    if claim.disputed is not None and claim.disputed.url:
        lines.append(Text(f"see {claim.disputed.url}", style="dim"))
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


def render_score(facts: FactBase, item: Score) -> RenderableType:
    """The forecast, each step of the reasoning, and each outcome with its source: what `c` and `o` cite."""
    claim = item.claim
    topic = facts.topics[claim.topic]
    parts: list[RenderableType] = [
        Text.assemble(verdict_cell(item.verdict), "  ", (topic.label, "bold")),
        Text(claim.statement, style="italic"),
        field_grid([("said", format_claim_value(claim, topic)), ("chain", facts.chain_text(claim)),
                    ("disputed", why_set_aside(claim) if claim.disputed else None),
                    ("see", claim.disputed.url if claim.disputed else None),
                    ("superseded", why_set_aside(claim) if claim.superseded else None),
                    ("carried by", ", ".join(f"{facts.source_name(appearance.source)} ({appearance.id})"
                                             for appearance in item.forecast.claims)),
                    ("forecast", item.forecast.id)]),
        Text(""),
        Text("Why", style="bold"),
        *(Text(f"\u2022 {step}") for step in item.steps),
    ]
    for outcome in item.outcomes:
        parts += [Text(""), render_later_report(facts, outcome)]
    parts += [Text(""), Text("c cites the forecast; o cites the later report.", style="dim")]
    return Group(*parts)


def render_track_record(card: Scorecard, party_id: str) -> RenderableType:
    """A voice's (or an organisation's) record in words, then each of its forecasts."""
    facts = card.facts
    record = next(record for records in (card.by_organisation(), card.by_origin()) for record in records
                  if record.key == party_id)
    voices = {party_id, *record.members}
    parts: list[RenderableType] = [Text(record.name, style="bold"), Text(record.summary)]
    others = [member for member in record.members if member != record.key]
    organisation = facts.organisation_of(party_id)
    if others:
        parts.append(Text("speaking for it: " + ", ".join(facts.parties[member].name for member in record.members),
                          style="dim"))
    elif organisation.id != party_id:  # a voice of an organisation (its record has no members of its own)
        parts.append(Text(f"speaks for {organisation.name}", style="dim"))
    parts.append(Text(""))
    for item in card.scores:
        if item.forecast.origin in voices:
            topic = facts.topics[item.claim.topic]
            parts.append(Text.assemble(verdict_cell(item.verdict), "  ", topic.label, ": ",
                                       (format_claim_value(item.claim, topic), "bold")))
    return Group(*parts)
