"""The scorecard for scripts and reports: every scored claim with its verdict and reasons, and the track records.

JSON is one object: `as_of` (the scoring date), `scores` (a list of objects with `claim`, `verdict`
with spaces as hyphens, `reason`, `outcomes` as outcome claim ids, and `steps`, `topic`, `source`,
`origin`, `statement`), and `track_records` with `origins`, `organisations` and `sources`, each a
list of `{id, name, counts, total}` (organisations add `members`, the ids of the voices counted in them);
`outcome_sources` maps each later report's id to its url.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from xiaomi_tui.facts.export import markdown_table
from xiaomi_tui.facts.formatting import format_claim_value
from xiaomi_tui.facts.scoring import Score, Scorecard, TrackRecord, Verdict

__all__ = ["FORMATS", "render"]

FORMATS = ("text", "json", "markdown")
WIDTH = 100


def render(card: Scorecard, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(_document(card), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return _markdown(card)
    if fmt == "text":
        return _text(card)
    raise ValueError(f"unknown scorecard format {fmt!r}")


def _heading(card: Scorecard) -> str:
    facts = card.facts
    known = sum(1 for source_id in facts.outcome_sources if facts.report_date(source_id).end <= card.as_of)
    return (f"Scorecard as of {card.as_of.day} {card.as_of:%b %Y}: {len(card.scores)} claims of the press, "
            f"scored with the {known} of {len(facts.outcome_sources)} later reports published by then")


def _said(card: Scorecard, item: Score) -> str:
    """ "Mass-production start: Dec 2023"."""
    topic = card.facts.topics[item.claim.topic]
    return f"{topic.label}: {format_claim_value(item.claim, topic)}"


def _who(card: Scorecard, item: Score) -> str:
    facts = card.facts
    return f"{facts.origin_text(item.claim)}, in {facts.source_name(item.claim.source)}"


def _track_groups(card: Scorecard) -> list[tuple[str, list[TrackRecord]]]:
    return [("origins", card.by_origin()), ("organisations", card.by_organisation()), ("sources", card.by_source())]


def _record_name(card: Scorecard, record: TrackRecord) -> str:
    """ "Xiaomi (Xiaomi, Lei Jun, William Lu)": an organisation names the voices counted in it."""
    names = [card.facts.parties[member].name for member in record.members]
    return record.name + (f" ({', '.join(names)})" if names else "")


def _text(card: Scorecard) -> str:
    lines = [_heading(card), ""]
    for item in card.scores:
        verdict = f"{item.verdict.symbol} {item.verdict.value}"
        lines.append(f"{verdict:<15}{_said(card, item)}")
        lines.append(f"{'':15}{_who(card, item)} [{item.claim.id}]")
        lines += textwrap.wrap(item.reason, WIDTH, initial_indent=" " * 15, subsequent_indent=" " * 17)
    for group, records in _track_groups(card):
        lines += ["", f"Track records by {group.removesuffix('s')}"]
        for record in records:
            lines.append(f"  {_record_name(card, record):<58} {record.summary}")
    return "\n".join(lines) + "\n"


def _document(card: Scorecard) -> dict[str, Any]:
    facts = card.facts
    return {
        "as_of": card.as_of.isoformat(),
        "scores": [{
            "claim": item.claim.id,
            "verdict": item.verdict.slug,
            "reason": item.reason,
            "outcomes": [outcome.id for outcome in item.outcomes],
            "steps": list(item.steps),
            "topic": item.claim.topic,
            "source": item.claim.source,
            "origin": item.claim.origin,
            "statement": item.claim.statement,
        } for item in card.scores],
        "track_records": {group: [{
            "id": record.key,
            "name": record.name,
            "counts": {verdict.slug: count for verdict, count in record.counts.items()},
            "total": record.total,
            **({"members": list(record.members)} if group == "organisations" else {}),
        } for record in records] for group, records in _track_groups(card)},
        "outcome_sources": {source.id: source.url for source in facts.outcome_sources.values()},
    }


def _markdown(card: Scorecard) -> str:
    parts = [f"## {_heading(card)}\n",
             markdown_table(("verdict", "claim", "who", "reason", "outcomes", "id"), (
                 (f"{item.verdict.symbol} {item.verdict.value}", _said(card, item), _who(card, item), item.reason,
                  ", ".join(outcome.id for outcome in item.outcomes), item.claim.id) for item in card.scores))]
    for group, records in _track_groups(card):
        parts.append(f"## Track records by {group.removesuffix('s')}\n")
        parts.append(markdown_table(("who", *(verdict.value for verdict in Verdict), "total"), (
            (_record_name(card, record), *record.counts.values(), record.total) for record in records)))
    return "\n".join(parts)
