"""Table cells and labels as Rich `Text`: fact-base strings are never parsed as markup.

Every status pairs its colour with a symbol and a word, so nothing rests on colour alone.
"""

from __future__ import annotations

from rich.text import Text

from xiaomi_tui.facts.compare import ClaimStanding, Relation, Status

STATUS_STYLES = {
    Status.CONFLICT: "bold red",
    Status.UNCOMPARABLE: "yellow",
    Status.MINOR: "yellow",
    Status.AGREE: "green",
    Status.ECHO: "cyan",
    Status.VARIOUS: "blue",
    Status.SINGLE: "magenta",
    Status.NONE: "dim",
}

STANDING_LOOK = {
    ClaimStanding.CONFLICT: ("\u2717", "bold red"),
    ClaimStanding.CORROBORATED: ("\u2713", "green"),
    ClaimStanding.ECHOED: ("\u21bb", "cyan"),
    ClaimStanding.UNIQUE: ("\u2022", "magenta"),
}

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
    return Text(f"{status.symbol} {status.value}", style=STATUS_STYLES[status], no_wrap=True)


def standing_cell(standing: ClaimStanding) -> Text:
    symbol, style = STANDING_LOOK[standing]
    return Text(f"{symbol} {standing.value}", style=style, no_wrap=True)


def count_cell(number: int) -> Text:
    return Text(str(number), justify="right", style="" if number else "dim")
