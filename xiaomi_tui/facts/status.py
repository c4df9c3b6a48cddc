"""The marks of the comparison: a topic's status and a claim's standing, each with one symbol.

Meaning never rests on colour alone, so every status has a symbol, and a claim's standing shares the
symbol of the topic status it corresponds to.
"""

from __future__ import annotations

from enum import Enum

from xiaomi_tui.facts.records import Claim

__all__ = ["ClaimStanding", "Status", "set_aside_standing"]


class Status(str, Enum):
    """A topic's verdict, each with a symbol so that meaning never rests on colour alone."""

    CONFLICT = "conflict"
    UNCOMPARABLE = "not comparable"
    MINOR = "minor"
    AGREE = "agree"
    ECHO = "echo"
    VARIOUS = "various"
    SINGLE = "single"
    DISPUTED = "disputed"  # every claim in view is set aside, one at least disputed
    SUPERSEDED = "superseded"  # every claim in view is superseded by another
    NONE = "none"

    @property
    def symbol(self) -> str:
        return _STATUS_SYMBOLS[self]


_STATUS_SYMBOLS = {
    Status.CONFLICT: "\u2717",  # ✗
    Status.UNCOMPARABLE: "?",
    Status.MINOR: "\u2248",  # ≈
    Status.AGREE: "\u2713",  # ✓
    Status.ECHO: "\u21bb",  # ↻
    Status.VARIOUS: "\u2237",  # ∷
    Status.SINGLE: "\u2022",  # •
    Status.DISPUTED: "\u2020",  # †
    Status.SUPERSEDED: "\u00bb",  # »
    Status.NONE: " ",
}


class ClaimStanding(str, Enum):
    """How one claim stands among the others in view; its symbol is its topic status's counterpart."""

    CONFLICT = "conflict"
    CORROBORATED = "corroborated"
    ECHOED = "echoed"
    UNIQUE = "unique"
    DISPUTED = "disputed"
    SUPERSEDED = "superseded"

    @property
    def symbol(self) -> str:
        return _STATUS_SYMBOLS[_STANDING_STATUS[self]]


_STANDING_STATUS = {
    ClaimStanding.CONFLICT: Status.CONFLICT,
    ClaimStanding.CORROBORATED: Status.AGREE,
    ClaimStanding.ECHOED: Status.ECHO,
    ClaimStanding.UNIQUE: Status.SINGLE,
    ClaimStanding.DISPUTED: Status.DISPUTED,
    ClaimStanding.SUPERSEDED: Status.SUPERSEDED,
}


def set_aside_standing(claim: Claim) -> ClaimStanding | None:
    """Our assessment of a claim, if we have one: it then stands apart from the comparison."""
    if claim.disputed is not None:
        return ClaimStanding.DISPUTED
    if claim.superseded is not None:
        return ClaimStanding.SUPERSEDED
    return None
