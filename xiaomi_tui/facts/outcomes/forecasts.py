"""Forecasts, not relays: which press claims are forecasts, and which claims carry the same one.

A forecast is one thing one origin said would happen: (origin, topic, value, expected date). Every
press claim that carries it, in whatever source and whenever the origin repeated it, is one of its
appearances, as ClaimReview gives one claim several `appearance`s. The origin is the party itself,
not its organisation: Lei Jun and "a source at Xiaomi" are two voices, and Xiaomi's organisation
record counts each of their forecasts. Two values (Dec 2023, H1 2024) are two forecasts.

Only forecasts are scored: a plan, target, estimate or rumour about something later than when it
was said (the claim's `said`, else its source's date, else the fact base's). Opinions, reports of
what had happened or was going on (a plan a source tells only after its date, whoever made it when,
among them), and plans already due on the day they were said are left out, each with why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.formatting import format_claim_value
from xiaomi_tui.facts.model.fuzzydate import FuzzyDate
from xiaomi_tui.facts.model.records import Claim, Stance, TopicKind

__all__ = ["Forecast", "LeftOut", "find_forecasts", "left_out"]


class LeftOut(str, Enum):
    """Why a press claim is not a forecast, so the scorecard can say how many it left out and why."""

    OPINION = "opinion"
    PAST = "report of the past or present"
    DUE = "already due when said"

    @property
    def slug(self) -> str:
        return {LeftOut.OPINION: "opinion", LeftOut.PAST: "past", LeftOut.DUE: "due"}[self]


@dataclass(frozen=True)
class Forecast:
    """One origin's forecast and the press claims that carry it, in the fact base's order."""

    id: str
    claims: tuple[Claim, ...]

    @property
    def claim(self) -> Claim:
        """The first appearance: every appearance says the same thing, by the same origin."""
        return self.claims[0]

    @property
    def origin(self) -> str:
        return self.claim.origin

    @property
    def topic(self) -> str:
        return self.claim.topic

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources that carried it, each once."""
        return tuple(dict.fromkeys(claim.source for claim in self.claims))


def said_when(facts: FactBase, claim: Claim) -> FuzzyDate:
    """When the origin said it, as precisely as known: its `said`, else its source's date, else the fact base's."""
    return claim.said or facts.sources[claim.source].published or facts.data.meta.as_of


def left_out(facts: FactBase, claim: Claim) -> LeftOut | None:
    """None for a forecast; else why the claim is not one."""
    if claim.stance is Stance.OPINION or facts.topics[claim.topic].opinion:
        return LeftOut.OPINION
    if claim.stance is Stance.REPORTED:
        return LeftOut.PAST
    if claim.date is None:  # an undated plan looks ahead; an undated rumour tells what is going on
        return None if claim.stance.is_forward else LeftOut.PAST
    if claim.date.end <= said_when(facts, claim).end:  # due by the last day it can have been said
        # "already due when said" needs a day it was said: a plan told only after its date, by an origin whose
        # day is unknown, is the source's report of a past plan
        return LeftOut.DUE if claim.stance.is_forward and claim.said is not None else LeftOut.PAST
    return None


def value_text(facts: FactBase, claim: Claim) -> str:
    """What was forecast, as text: the value, and the date when the topic is not itself a date."""
    topic = facts.topics[claim.topic]
    text = format_claim_value(claim, topic)
    if topic.kind is not TopicKind.DATE and claim.date is not None:
        text = f"{text} ({claim.date.human()})"
    return text


def find_forecasts(facts: FactBase, claims: Iterable[Claim]) -> list[Forecast]:
    """The forecasts among `claims` (forecasts only), grouped by origin, topic and value, in first-seen order."""
    groups: dict[tuple[str, str, str], list[Claim]] = {}
    for claim in claims:
        groups.setdefault((claim.origin, claim.topic, value_text(facts, claim)), []).append(claim)
    forecasts, taken, tried = [], set(), dict[str, int]()
    for (origin, topic, value), members in groups.items():
        base = _slug(f"{topic} {origin} {value}")
        n = tried.get(base, 1)  # values differing only in punctuation share a slug: numbered, never probed from 1
        forecast_id = base if n == 1 else f"{base}-{n}"
        while forecast_id in taken:
            n += 1
            forecast_id = f"{base}-{n}"
        tried[base] = n
        taken.add(forecast_id)
        forecasts.append(Forecast(forecast_id, tuple(members)))
    return forecasts


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
