"""Where the sources agree and where they don't, per topic, over the sources in view.

Claims are grouped by identical value first, and the values are compared as a whole (`agreement.py`), never
pair by pair: a topic repeated by a thousand articles costs no more than one repeated by two, and one with a
thousand different values no more than a thousand times one.

Agreeing claims corroborate each other only if their origins speak for different organisations: otherwise
they are an echo (Lei Jun and Xiaomi are one voice; so are a party announcing its own agreement and the
counterparty it signed with). And only as the sources state it: where the second organisation is an origin we
inferred, the agreement is unconfirmed, never corroborated. Disputed and superseded claims are shown but set
aside: they neither agree nor conflict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from xiaomi_tui.facts.analysis.agreement import Backing, Comparison, compare_groups, relation_between
from xiaomi_tui.facts.analysis.compare import Relation, ValueKey, value_key
from xiaomi_tui.facts.analysis.status import ClaimStanding, Status, set_aside_standing
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.formatting import format_claim_value
from xiaomi_tui.facts.model.records import Claim, PartyKind, Rate, Topic
from xiaomi_tui.facts.wording import counted

__all__ = ["Analysis", "TopicAnalysis", "ValueGroup", "Voice", "analyse", "analyse_topic", "voices_of"]


@dataclass(frozen=True)
class Voice:
    """Whom an origin speaks for, and what it is: independence is counted by organisation. A party announcing
    its own agreement speaks, on it, with its counterparty's voice (`counted_as`)."""

    organisation: str
    organisation_name: str
    kind: PartyKind | None = None
    counterparty: str | None = None  # the organisation on the other side of the agreement it announces
    counterparty_name: str | None = None

    @property
    def counted_as(self) -> str:
        """The one voice independence is counted by."""
        return self.counterparty or self.organisation


def voices_of(facts: FactBase) -> dict[str, Voice]:
    """Per party id, the organisation it speaks for, its own kind, and the counterparty of what it announces."""
    voices = {}
    for party in facts.parties.values():
        organisation = facts.organisation_of(party.id)
        counterparty = facts.organisation_of(party.counterparty) if party.counterparty else None
        voices[party.id] = Voice(organisation.id, organisation.name, party.kind,
                                 counterparty.id if counterparty else None, counterparty.name if counterparty else None)
    return voices


def _own_voice(origin: str) -> Voice:
    """Without a fact base's parties, each origin is its own organisation."""
    return Voice(origin, origin)


_REPEATED = {
    PartyKind.OUTLET: "the same report repeated",
    PartyKind.DOCUMENT: "the same report repeated",
    PartyKind.ORGANISATION: "one announcement repeated",
    PartyKind.PERSON: "one person's word repeated",
    PartyKind.UNNAMED: "one unnamed source repeated",
}


@dataclass
class ValueGroup:
    """Claims in view that state the same value."""

    claims: list[Claim]
    topic: Topic

    @cached_property
    def text(self) -> str:
        """The value as a reader would write it; formatted only when something shows it."""
        return format_claim_value(self.claims[0], self.topic)

    @cached_property
    def origins(self) -> set[str]:
        return {claim.origin for claim in self.claims}


@dataclass(eq=False)
class TopicAnalysis:
    """One topic over the sources in view. `sources`, `origins` and `organisations` count only the claims
    that are not set aside (disputed or superseded); `claims` holds them all."""

    topic: Topic
    claims: list[Claim]
    groups: list[ValueGroup]
    rates: list[Rate]
    status: Status
    reason: str
    sources: set[str]
    origins: set[str]
    organisations: set[str] = field(default_factory=set)
    inferred: int = 0  # counted claims whose origin is our inference
    set_aside: list[Claim] = field(default_factory=list)
    standings: dict[str, ClaimStanding] = field(default_factory=dict)

    @property
    def consensus(self) -> str:
        """The value most origins back; for a split topic the spread ("a vs b"), for a list topic the items."""
        if not self.groups:
            return format_claim_value(self.set_aside[0], self.topic) if self.set_aside else "\u2014"
        if self.status in (Status.CONFLICT, Status.MINOR, Status.UNCOMPARABLE):
            separator = " vs "
        elif not self.topic.exclusive and len(self.groups) > 1:
            separator = ", "  # answers that can all hold, even when one source gives them all
        else:
            return self.ranked_groups[0].text
        return separator.join(group.text for group in self.ranked_groups[:3]) + (
            " \u2026" if len(self.groups) > 3 else "")

    @cached_property
    def ranked_groups(self) -> list[ValueGroup]:
        return sorted(self.groups, key=lambda group: (-len(group.origins), -len(group.claims)))

    @property
    def ordered_claims(self) -> list[Claim]:
        """Every claim, the best-backed value first and the ones set aside last."""
        return [claim for group in self.ranked_groups for claim in group.claims] + self.set_aside

    def related(self, claim: Claim, limit: int | None = None) -> list[tuple[Claim, Relation, str]]:
        """Every other counted claim on this topic (the first `limit`), with how it relates to `claim`; none for
        a claim set aside. Each relation is worked out here, when asked for: a topic keeps none per pair."""
        own = self._group_of.get(claim.id)
        if own is None:
            return []
        result: list[tuple[Claim, Relation, str]] = []
        claims = [group.claims for group in self.groups]
        for index, group in enumerate(self.groups):
            if limit is not None and len(result) >= limit:
                break
            relation, reason = ((Relation.AGREE, "same value") if index == own
                                else relation_between(self.topic, claims, self.rates, own, index))
            result += [(other, relation, reason) for other in group.claims if other.id != claim.id]
        return result[:limit]

    def related_count(self, claim: Claim) -> int:
        """How many claims `related` lists in all."""
        return len(self._group_of) - 1 if claim.id in self._group_of else 0

    @cached_property
    def _group_of(self) -> dict[str, int]:
        return {claim.id: index for index, group in enumerate(self.groups) for claim in group.claims}

    @property
    def counts_text(self) -> str:
        """ "1 origin, 4 sources; 3 inferred": says more than "4 sources agree" when they all quote Reuters,
        and says when the count rests on our reading of who the origin is."""
        if not self.groups and self.set_aside:
            return counted(len(self.set_aside), "claim") + ", set aside"
        parts = [counted(len(self.origins), "origin")]
        if len(self.organisations) != len(self.origins):
            parts.append(counted(len(self.organisations), "organisation"))
        parts.append(counted(len(self.sources), "source"))
        text = ", ".join(parts)
        if self.inferred:
            text += f"; {self.inferred} inferred"
        if self.set_aside:
            text += f"; {len(self.set_aside)} set aside"
        return text

    @property
    def reason_beyond_counts(self) -> str:
        """The reason, less the counts it opens with when `counts_text` stands beside it already: an echo reads
        "1 origin, 3 sources; 1 inferred" then "one announcement repeated", not the counts twice."""
        counts, said, rest = self.reason.partition(": ")
        return rest if said and self.counts_text.startswith(counts) else self.reason


def analyse_topic(topic: Topic, claims: list[Claim], rates: Iterable[Rate] = (),
                  voices: Mapping[str, Voice] | None = None) -> TopicAnalysis:
    """`voices` says whom each origin speaks for (see `voices_of`); without it every origin is independent."""
    rates = list(rates)
    voice = (lambda origin: voices.get(origin) or _own_voice(origin)) if voices is not None else _own_voice
    counted = [claim for claim in claims if not claim.set_aside]
    by_key: dict[ValueKey, ValueGroup] = {}
    for claim in counted:
        key = value_key(claim)
        group = by_key.get(key)
        if group is None:
            by_key[key] = ValueGroup([claim], topic)
        else:
            group.claims.append(claim)
    groups = list(by_key.values())
    comparison = compare_groups(topic, [group.claims for group in groups], rates)
    sources = {claim.source for claim in counted}
    origins = {claim.origin for claim in counted}
    organisations = {voice(origin).counted_as for origin in origins}
    set_aside = [claim for claim in claims if claim.set_aside]
    stated = {claim.origin for claim in counted if not claim.inferred}  # origins the sources themselves name
    status, reason = _status(comparison.found, sources, {origin: voice(origin) for origin in origins}, stated,
                             set_aside)
    analysis = TopicAnalysis(topic, claims, groups, rates, status, reason, sources, origins, organisations,
                             sum(claim.inferred for claim in counted), set_aside)
    analysis.standings = _standings(groups, comparison, voice)
    for claim in set_aside:
        analysis.standings[claim.id] = set_aside_standing(claim) or ClaimStanding.DISPUTED  # set aside: one of the two
    return analysis


def _status(found: dict[Relation, str], sources: set[str], by_origin: dict[str, Voice], stated: set[str],
            set_aside: list[Claim]) -> tuple[Status, str]:
    if not sources:
        if set_aside:
            dispute = next((claim.disputed for claim in set_aside if claim.disputed is not None), None)
            if dispute is not None:
                return Status.DISPUTED, f"set aside as disputed: {dispute.reason}"
            superseded = next(claim.superseded for claim in set_aside if claim.superseded is not None)
            return Status.SUPERSEDED, f"set aside as superseded: {superseded.reason}"
        return Status.NONE, "no claims in view"
    for relation, status in ((Relation.CONFLICT, Status.CONFLICT), (Relation.INCOMPARABLE, Status.UNCOMPARABLE),
                             (Relation.MINOR, Status.MINOR)):
        if relation in found:
            return status, found[relation]
    if len(sources) == 1:
        return Status.SINGLE, "only one source carries it"
    if Relation.DIFFER in found:
        return Status.VARIOUS, "different answers that can all hold"
    voices = list(by_origin.values())
    organisations = {voice.counted_as for voice in voices}
    if len(voices) == 1:
        kind = voices[0].kind
        repeated = _REPEATED.get(kind, "one origin repeated") if kind else "one origin repeated"
        return Status.ECHO, f"1 origin, {len(sources)} sources: {repeated}"
    if len(organisations) == 1:
        return Status.ECHO, f"{len(voices)} origins, 1 organisation: {_one_voice(voices)}"
    independent = "independent " if len({by_origin[origin].counted_as for origin in stated}) > 1 else ""
    agree = (f"{len(organisations)} {independent}organisations agree ({len(voices)} origins)"
             if len(organisations) < len(voices) else f"{len(voices)} {independent}origins agree")
    if independent:
        return Status.AGREE, agree
    inferred = len(voices) - len(stated)  # at least one: the second voice is our inference
    if inferred == len(voices):
        return Status.UNCONFIRMED, f"{agree}; {'both' if inferred == 2 else f'all {inferred}'} inferred"
    return Status.UNCONFIRMED, f"{agree}; {inferred} inferred"


def _one_voice(voices: list[Voice]) -> str:
    """Why several origins are one organisation: "Xiaomi confirming itself", and where a party announced its own
    agreement, with whom ("Xiaomi confirming itself, with Beijing E-Town as its counterparty")."""
    counterparty = next((voice for voice in voices if voice.counterparty), None)
    if counterparty is None:
        return f"{voices[0].organisation_name} confirming itself"
    return (f"{counterparty.counterparty_name} confirming itself, with {counterparty.organisation_name} "
            "as its counterparty")


def _standings(groups: list[ValueGroup], comparison: Comparison, voice: Callable[[str], Voice]
               ) -> dict[str, ClaimStanding]:
    """A value in conflict (or a minor discrepancy) with another stands so; else each claim is corroborated,
    echoed or unique among the organisations and sources that back its value (see `agreement.Backing`)."""
    standings: dict[str, ClaimStanding] = {}
    backings: dict[object, Backing] = {}
    for index, group in enumerate(groups):
        worst = comparison.worst[index]
        if worst is not None:
            standing = ClaimStanding.CONFLICT if worst is Relation.CONFLICT else ClaimStanding.MINOR
            standings.update(dict.fromkeys((claim.id for claim in group.claims), standing))
            continue
        key = comparison.backers[index]
        backing = backings.get(key)
        if backing is None:
            backing = backings[key] = Backing.of([(voice(claim.origin).counted_as, claim.source, not claim.inferred)
                                                  for member in comparison.members(key)
                                                  for claim in groups[member].claims])
        for claim in group.claims:
            standings[claim.id] = backing.standing(claim.source, voice(claim.origin).counted_as, claim.inferred)
    return standings


# -- the whole fact base over a selection of sources ---------------------------------------------


@dataclass(eq=False)
class Analysis:
    """Every topic analysed over the sources in view, with per-source tallies for the Sources pane."""

    facts: FactBase
    sources: frozenset[str]
    topics: dict[str, TopicAnalysis]

    @cached_property
    def standings(self) -> dict[str, ClaimStanding]:
        merged: dict[str, ClaimStanding] = {}
        for topic in self.topics.values():
            merged.update(topic.standings)
        return merged

    @cached_property
    def source_tallies(self) -> dict[str, dict[ClaimStanding, int]]:
        tallies = {source_id: {standing: 0 for standing in ClaimStanding} for source_id in self.sources}
        claims = self.facts.claims
        for claim_id, standing in self.standings.items():
            tallies[claims[claim_id].source][standing] += 1
        return tallies

    def claims(self) -> list[Claim]:
        return [claim for topic in self.topics.values() for claim in topic.claims]


def analyse(facts: FactBase, sources: Iterable[str] | None = None,
            memo: dict[tuple[str, frozenset[str]], TopicAnalysis] | None = None) -> Analysis:
    """Analyse every topic over `sources` (all when None).

    With a `memo`, a topic is analysed again only if the sources in view that speak to it have
    changed: toggling one source redoes the topics it has claims on, not all of them.
    """
    in_view = frozenset(facts.sources if sources is None else sources)
    memo = {} if memo is None else memo
    voices = voices_of(facts)
    topics = {}
    for topic_id, topic in facts.topics.items():
        key = (topic_id, facts.sources_by_topic[topic_id] & in_view)
        analysis = memo.get(key)
        if analysis is None:
            claims = [claim for claim in facts.claims_by_topic[topic_id] if claim.source in in_view]
            analysis = memo[key] = analyse_topic(topic, claims, facts.rates, voices)
        topics[topic_id] = analysis
    return Analysis(facts, in_view, topics)
