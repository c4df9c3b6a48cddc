"""Table cells and labels as Rich `Text`: fact-base strings are never parsed as markup.

Every status pairs its colour with a symbol and a word, so nothing rests on colour alone. Colours follow
meaning: red only for a conflict, yellow for what needs a second look (a gap, a dispute), green and cyan for
support, and no colour for a single source, which is thin support, not a fault.
"""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text

from xiaomi_tui.facts.analysis.compare import Relation
from xiaomi_tui.facts.analysis.status import ClaimStanding, Status
from xiaomi_tui.facts.analysis.topics import TopicAnalysis
from xiaomi_tui.facts.model.formatting import format_claim_value
from xiaomi_tui.facts.outcomes.verdicts import Verdict

STATUS_STYLES = {
    Status.CONFLICT: "bold red",
    Status.UNCOMPARABLE: "yellow",
    Status.MINOR: "yellow",
    Status.AGREE: "green",
    Status.UNCONFIRMED: "cyan",
    Status.ECHO: "cyan",
    Status.VARIOUS: "blue",
    Status.SINGLE: "",
    Status.DISPUTED: "bold yellow",
    Status.SUPERSEDED: "dim",
    Status.NONE: "dim",
}

STANDING_STYLES = {standing: STATUS_STYLES[standing.status] for standing in ClaimStanding}

VERDICT_STYLES = {
    Verdict.HELD: "green",
    Verdict.BEATEN: "bold green",
    Verdict.PARTLY: "yellow",
    Verdict.FELL_SHORT: "yellow",
    Verdict.MISSED: "bold red",
    Verdict.PENDING: "cyan",
    Verdict.NOT_SCORABLE: "dim",
}

PAST, EXPECTED, LATER = "\u25c6", "\u25c7", "\u21b3"  # ◆ ◇ ↳: ● is a verdict, held
"""The timeline's marks: what happened by the fact base's date, what was still expected, what a later report found."""

RELATION_STYLES = {
    Relation.AGREE: "green",
    Relation.REFINE: "green",
    Relation.MINOR: "yellow",
    Relation.CONFLICT: "bold red",
    Relation.INCOMPARABLE: "yellow",
    Relation.DIFFER: "blue",
}


def plain(value: object, style: str = "") -> Text:
    """Any fact-base text as literal text: "[bold]" stays "[bold]"."""
    return Text(str(value), style=style, no_wrap=True, overflow="ellipsis")


def status_cell(status: Status) -> Text:
    return Text(status.mark, style=STATUS_STYLES[status], no_wrap=True)


def consensus_cell(topic: TopicAnalysis) -> Text:
    """The value most origins back, in bold when the sources do not dispute it; then any value we set aside,
    marked with its standing, so a disputed claim shows on the row as well as in the detail."""
    undisputed = topic.status in (Status.AGREE, Status.UNCONFIRMED, Status.ECHO, Status.SINGLE)
    cell = plain(topic.consensus, "bold" if undisputed else "")
    if topic.groups:
        for claim in topic.set_aside:
            value = format_claim_value(claim, topic.topic)
            cell.append_text(Text.assemble("  ", standing_cell(topic.standings[claim.id]), f": {value}"))
    return cell


def standing_cell(standing: ClaimStanding) -> Text:
    return Text(standing.mark, style=STANDING_STYLES[standing], no_wrap=True)


def standing_mark(standing: ClaimStanding) -> Text:
    """The symbol alone, where the value it marks follows."""
    return Text(f"{standing.symbol} ", style=STANDING_STYLES[standing])


def verdict_cell(verdict: Verdict) -> Text:
    return Text(f"{verdict.symbol} {verdict.value}", style=VERDICT_STYLES[verdict], no_wrap=True)


@lru_cache(maxsize=512)
def count_cell(number: int) -> Text:
    """One shared `Text` per count: the tables copy a cell before they cut or pad it, nothing else changes it."""
    return Text(str(number), justify="right", style="" if number else "dim")
