"""The scorecard for scripts and reports: every forecast with its verdict and reasons, and the track records.

JSON is one object:
- `as_of`: the scoring day;
- `forecasts`: one object per forecast, with `id`, `origin`, `topic`, `value` (as text), `verdict` (spaces
  as hyphens), `reason`, `steps`, `outcomes` (outcome claim ids, each a key of `outcome_claims`) and
  `claims` (the press claims that carry it; each press claim is in at most one forecast);
- `left_out`: the press claims that are not forecasts, by reason (`opinion`, `past`, `due`);
- `track_records`: `origins`, `organisations` and `sources`, each a list of `{id, name, counts, resolved,
  total}` over forecasts (organisations add `members`, the ids of the voices counted in them, always);
- `outcome_claims`: each later report's claim used as of the day, with `report`, `publisher`, `date`,
  `url`, `statement`; `outcome_sources` maps each report known by then to its url;
- `scores`: per press claim, its forecast's verdict (kept for one release; read `forecasts`).
"""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from typing import Any

from xiaomi_tui.facts.export.tables import markdown_table
from xiaomi_tui.facts.model.formatting import format_claim_value
from xiaomi_tui.facts.outcomes.forecasts import LeftOut, value_text
from xiaomi_tui.facts.outcomes.verdicts import Score, Scorecard, TrackRecord, Verdict
from xiaomi_tui.facts.wording import counted, day_text

__all__ = ["render"]

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
    appearances = sum(len(item.forecast.claims) for item in card.scores)
    resolved = sum(1 for item in card.scores if item.verdict.resolved)
    return (f"Scorecard as of {day_text(card.as_of)}: {len(card.scores)} forecasts "
            f"({appearances} press claims), {resolved} resolved, "
            f"scored with the {len(card.known_reports)} of {len(facts.outcome_sources)} later reports published by then")


def left_out_line(card: Scorecard) -> str:
    """ "Left out, not forecasts: 96 press claims (61 report of the past or present, 22 opinion, 13 already due ...)"."""
    counts = Counter(why for _, why in card.left_out)
    parts = [f"{counts[why]} {why.value}" for why in LeftOut if counts[why]]
    return f"Left out, not forecasts: {len(card.left_out)} press claims ({', '.join(parts)})"


def unresolved_line(card: Scorecard) -> str:
    counts = Counter(item.unresolved.value for item in card.scores if item.unresolved)
    parts = [f"{count} {why}" for why, count in counts.most_common()]
    total = sum(counts.values())
    return f"Unresolved: {counted(total, 'forecast')} ({', '.join(parts) or 'none'})"


def _said(card: Scorecard, item: Score) -> str:
    """ "Mass-production start: Dec 2023"."""
    topic = card.facts.topics[item.claim.topic]
    return f"{topic.label}: {format_claim_value(item.claim, topic)}"


def _who(card: Scorecard, item: Score) -> str:
    """ "Xiaomi; 4 appearances: CnEVPost, Xiaomi EV-1, ArenaEV, unnamed outlet"."""
    facts = card.facts
    names = ", ".join(facts.source_name(source) for source in item.forecast.sources)
    return f"{facts.origin_text(item.claim)}; {counted(len(item.forecast.claims), 'appearance')}: {names}"


def _track_groups(card: Scorecard) -> list[tuple[str, list[TrackRecord]]]:
    return [("origins", card.by_origin()), ("organisations", card.by_organisation()), ("sources", card.by_source())]


def _record_name(card: Scorecard, record: TrackRecord) -> str:
    """ "Xiaomi (Xiaomi, Lei Jun, William Lu)": an organisation names the voices counted in it."""
    if record.members in ((), (record.key,)):
        return record.name
    return f"{record.name} ({', '.join(card.facts.parties[member].name for member in record.members)})"


def _text(card: Scorecard) -> str:
    lines = [_heading(card), ""]
    for item in card.scores:
        verdict = f"{item.verdict.symbol} {item.verdict.value}"
        lines.append(f"{verdict:<15}{_said(card, item)}")
        lines.append(f"{'':15}{_who(card, item)} [{item.forecast.id}]")
        lines += textwrap.wrap(item.reason, WIDTH, initial_indent=" " * 15, subsequent_indent=" " * 17)
    lines += ["", unresolved_line(card), left_out_line(card)]
    for group, records in _track_groups(card):
        lines += ["", f"Track records by {group.removesuffix('s')} (forecasts)"]
        for record in records:
            lines.append(f"  {_record_name(card, record):<58} {record.summary}")
    return "\n".join(lines) + "\n"


def _document(card: Scorecard) -> dict[str, Any]:
    facts = card.facts
    reports = {source_id: facts.outcome_sources[source_id] for source_id in card.known_reports}
    outcomes = [claim for claim in facts.outcome_claims.values() if claim.source in reports]
    return {
        "as_of": card.as_of.isoformat(),
        "forecasts": [{
            "id": item.forecast.id,
            "origin": item.forecast.origin,
            "topic": item.forecast.topic,
            "value": value_text(facts, item.claim),
            "verdict": item.verdict.slug,
            "reason": item.reason,
            "steps": list(item.steps),
            "outcomes": [outcome.id for outcome in item.outcomes],
            "claims": [claim.id for claim in item.forecast.claims],
        } for item in card.scores],
        "left_out": {why.slug: [claim.id for claim, reason in card.left_out if reason is why] for why in LeftOut},
        "track_records": {group: [{
            "id": record.key,
            "name": record.name,
            "counts": {verdict.slug: count for verdict, count in record.counts.items()},
            "resolved": record.resolved,
            "total": record.total,
            **({"members": list(record.members)} if group == "organisations" else {}),
        } for record in records] for group, records in _track_groups(card)},
        "outcome_claims": {claim.id: {
            "report": claim.source,
            "publisher": reports[claim.source].publisher,
            "date": facts.report_date(claim.source).human(),
            "url": reports[claim.source].url,
            "statement": claim.statement,
        } for claim in outcomes},
        "outcome_sources": {source_id: source.url for source_id, source in reports.items()},
        "scores": [{
            "claim": claim.id,
            "forecast": item.forecast.id,
            "verdict": item.verdict.slug,
            "reason": item.reason,
            "outcomes": [outcome.id for outcome in item.outcomes],
            "topic": claim.topic,
            "source": claim.source,
            "origin": claim.origin,
            "statement": claim.statement,
        } for item in card.scores for claim in item.forecast.claims],
    }


def _markdown(card: Scorecard) -> str:
    parts = [f"## {_heading(card)}\n",
             markdown_table(("verdict", "forecast", "who", "reason", "outcomes", "id"), (
                 (f"{item.verdict.symbol} {item.verdict.value}", _said(card, item), _who(card, item), item.reason,
                  ", ".join(outcome.id for outcome in item.outcomes), item.forecast.id) for item in card.scores)),
             f"{unresolved_line(card)}. {left_out_line(card)}.\n"]
    for group, records in _track_groups(card):
        parts.append(f"## Track records by {group.removesuffix('s')}\n")
        parts.append(markdown_table(("who", *(verdict.value for verdict in Verdict), "resolved", "total"), (
            (_record_name(card, record), *record.counts.values(), record.resolved, record.total)
            for record in records)))
    return "\n".join(parts)
