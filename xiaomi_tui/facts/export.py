"""Every claim in view as JSON, CSV or a Markdown table, for spreadsheets and drafts."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from xiaomi_tui.facts.compare import analyse
from xiaomi_tui.facts.formatting import format_claim_value
from xiaomi_tui.facts.model import FactBase

__all__ = ["export"]

COLUMNS = ("id", "topic", "source", "value", "stance", "date", "para", "standing", "chain", "statement")


def export(facts: FactBase, sources: Iterable[str] | None, fmt: str) -> str:
    rows = list(_rows(facts, sources))
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue()
    if fmt == "markdown":
        def cell(value: object) -> str:
            return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

        lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
        lines += ["| " + " | ".join(cell(row[column]) for column in COLUMNS) + " |" for row in rows]
        return "\n".join(lines) + "\n"
    raise ValueError(f"unknown export format {fmt!r}")


def _rows(facts: FactBase, sources: Iterable[str] | None):
    analysis = analyse(facts, sources)
    for claim in analysis.claims():
        topic = facts.topics[claim.topic]
        yield {
            "id": claim.id,
            "topic": topic.label,
            "source": claim.source,
            "value": format_claim_value(claim, topic),
            "stance": claim.stance.value,
            "date": claim.date.human() if claim.date else "",
            "para": claim.para,
            "standing": analysis.standings[claim.id].value,
            "chain": facts.chain_text(claim),
            "statement": claim.statement,
        }
