"""What an edit of the fact base changed, for the reader: claims added, removed or edited, and every topic
whose status or consensus moved, and every forecast whose verdict moved, over the same sources in view.

The point of reloading is to see this: "2 claims changed; Body style: agree → conflict".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from xiaomi_tui.facts.analysis.topics import Analysis
from xiaomi_tui.facts.outcomes.verdicts import Verdict
from xiaomi_tui.facts.wording import counted

__all__ = ["Changes", "Move", "compare_analyses"]

ARROW = "\u2192"


@dataclass(frozen=True)
class Move:
    """One reading that moved: a topic's status or consensus, or a forecast's verdict."""

    subject: str  # the topic's label, with the source for a verdict
    what: str  # "status", "consensus" or "verdict"
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.subject}: {self.before} {ARROW} {self.after}"


@dataclass(frozen=True)
class Changes:
    added: tuple[str, ...] = ()  # claim ids
    removed: tuple[str, ...] = ()
    edited: tuple[str, ...] = ()
    moves: tuple[Move, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.edited or self.moves)

    def summary(self, shown: int = 2) -> str:
        """One line: the claims counted, then the first moves of status or verdict ("Body style: agree → conflict")."""
        if not self:
            return "No claim, status or verdict changed."
        parts = [f"{counted(len(ids), 'claim')} {verb}" for ids, verb in
                 ((self.added, "added"), (self.removed, "removed"), (self.edited, "changed")) if ids]
        readings = [move for move in self.moves if move.what != "consensus"] or list(self.moves)
        parts += [str(move) for move in readings[:shown]]
        if len(readings) > shown:
            parts.append(f"{len(readings) - shown} more (palette: What changed)")
        return "; ".join(parts)

    def lines(self) -> list[str]:
        """Everything, one line each: for the palette's "What changed"."""
        if not self:
            return [self.summary()]
        return ([f"{move.what}: {move}" for move in self.moves]
                + [f"added: {claim_id}" for claim_id in self.added]
                + [f"removed: {claim_id}" for claim_id in self.removed]
                + [f"changed: {claim_id}" for claim_id in self.edited])


def compare_analyses(before: Analysis, after: Analysis,
                     verdict_before: Callable[[str], Verdict | None] | None = None,
                     verdict_after: Callable[[str], Verdict | None] | None = None) -> Changes:
    """What moved from `before` to `after` (two fact bases, each analysed over the sources in view).

    Verdicts are compared when both lookups are given; a claim edited in place keeps its id and counts as changed.
    """
    old, new = before.facts.claims, after.facts.claims
    moves: list[Move] = []
    for topic_id, found in after.topics.items():
        previous = before.topics.get(topic_id)
        if previous is None or not (previous.claims or found.claims):
            continue
        label = found.topic.label
        if previous.status != found.status:
            moves.append(Move(label, "status", previous.status.value, found.status.value))
        if previous.consensus != found.consensus:
            moves.append(Move(label, "consensus", previous.consensus, found.consensus))
    if verdict_before is not None and verdict_after is not None:
        seen: set[str] = set()
        for claim_id in (claim_id for claim_id in new if claim_id in old):
            was, now = verdict_before(claim_id), verdict_after(claim_id)
            if was != now:
                claim = new[claim_id]
                move = Move(f"{after.facts.topics[claim.topic].label} ({after.facts.source_name(claim.source)})",
                            "verdict", was.value if was else "not scored", now.value if now else "not scored")
                if str(move) not in seen:
                    seen.add(str(move))
                    moves.append(move)
    return Changes(
        added=tuple(claim_id for claim_id in new if claim_id not in old),
        removed=tuple(claim_id for claim_id in old if claim_id not in new),
        edited=tuple(claim_id for claim_id in new if claim_id in old and old[claim_id] != new[claim_id]),
        moves=tuple(moves),
    )
