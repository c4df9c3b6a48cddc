"""The one vocabulary of the comparison: a topic's status and a claim's standing, each a mark and a word.

Meaning never rests on colour alone, so every status has a symbol; a claim's standing shares the symbol
and the word of the topic status it corresponds to, so each mark is called one thing on every pane, in
help, in exports and in `check`. "corroborated", not "agree": echoes agree too, and what ✓ asserts is that
independent organisations back the value, as the sources themselves state who speaks. Where that independence
needs an origin we inferred, the agreement is "unconfirmed" (≟): an inference can make a claim weaker, never
stronger.
"""

from __future__ import annotations

from enum import Enum

from xiaomi_tui.facts.model.records import Claim

__all__ = ["ClaimStanding", "Status", "assessment", "set_aside_standing"]


class Status(str, Enum):
    """A topic's verdict, each with a symbol so that meaning never rests on colour alone."""

    CONFLICT = "conflict"
    UNCOMPARABLE = "not comparable"
    MINOR = "minor"
    AGREE = "corroborated"
    UNCONFIRMED = "unconfirmed"  # organisations agree, but only through an origin we inferred
    ECHO = "echo"
    VARIOUS = "various"
    SINGLE = "single"
    DISPUTED = "disputed"  # every claim in view is set aside, one at least disputed
    SUPERSEDED = "superseded"  # every claim in view is superseded by another
    NONE = "none"

    @property
    def symbol(self) -> str:
        return _STATUS_SYMBOLS[self]

    @property
    def mark(self) -> str:
        """Symbol and word together, as every pane and the help write a status."""
        return f"{self.symbol} {self.value}"


_STATUS_SYMBOLS = {
    Status.CONFLICT: "\u2717",  # ✗
    Status.UNCOMPARABLE: "?",
    Status.MINOR: "\u2248",  # ≈
    Status.AGREE: "\u2713",  # ✓
    Status.UNCONFIRMED: "\u225f",  # ≟: the same value, its independence our inference
    Status.ECHO: "\u21bb",  # ↻
    Status.VARIOUS: "\u2237",  # ∷
    Status.SINGLE: "\u2022",  # •
    Status.DISPUTED: "\u2020",  # †
    Status.SUPERSEDED: "\u00bb",  # »
    Status.NONE: " ",
}


class ClaimStanding(str, Enum):
    """How one claim stands among the others in view: the topic status that shares its mark, and its word."""

    CONFLICT = Status.CONFLICT.value
    MINOR = Status.MINOR.value  # nearly the figure another source gives: the topic's ≈ shows on the claim too
    CORROBORATED = Status.AGREE.value
    UNCONFIRMED = Status.UNCONFIRMED.value  # another organisation backs it, but one of the two origins is inferred
    ECHOED = Status.ECHO.value
    UNIQUE = Status.SINGLE.value
    DISPUTED = Status.DISPUTED.value
    SUPERSEDED = Status.SUPERSEDED.value

    @property
    def status(self) -> Status:
        return Status(self.value)

    @property
    def symbol(self) -> str:
        return self.status.symbol

    @property
    def mark(self) -> str:
        return self.status.mark




def set_aside_standing(claim: Claim) -> ClaimStanding | None:
    """Our assessment of a claim, if we have one: it then stands apart from the comparison."""
    if claim.disputed is not None:
        return ClaimStanding.DISPUTED
    if claim.superseded is not None:
        return ClaimStanding.SUPERSEDED
    return None


def why_set_aside(claim: Claim) -> str | None:
    """Why we set a claim aside, in the one wording every view uses: the dispute's reason, or the reason it is
    superseded and by which claim ("a later figure (by alpha-capacity)"); None when we do not."""
    if claim.disputed is not None:
        return claim.disputed.reason
    if claim.superseded is not None:
        return f"{claim.superseded.reason} (by {claim.superseded.by})"
    return None


def assessment(claim: Claim) -> str | None:
    """Our assessment of a claim in words, with its mark, for a warning: "† disputed: Xiaomi never bought ..."."""
    standing, why = set_aside_standing(claim), why_set_aside(claim)
    return f"{standing.mark}: {why}" if standing is not None and why is not None else None
