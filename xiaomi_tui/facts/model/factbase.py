"""The fact base as the rest of the program reads it: validated records, indexed by id.

The loader builds one; analysis, citations, export and the UI only read it. Its plain views
(`sources`, `claims` and those built on them) are the 2023 press; later reports of how things
turned out (sources marked `outcome`) are only in the `outcome_` views, which scoring reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from xiaomi_tui.facts.model.fuzzydate import FuzzyDate
from xiaomi_tui.facts.model.records import Claim, FactFile, Party, Rate, Source, Topic

__all__ = ["FactBase", "date_order"]


def when(claim: Claim) -> FuzzyDate:
    """The date of a claim known to have one (the timeline's, a date topic's)."""
    assert claim.date is not None
    return claim.date


def date_order(claim: Claim) -> tuple[date, int, str, str, str]:
    """The timeline's order: by the last day it can be, then the narrower first, so "late 2023" follows
    "8 Nov 2023" and "2024" follows "H1 2024" (see README, design notes). Claims on one topic and date
    come together: the timeline shows them as one event."""
    date = when(claim)
    return (date.end, -date.start.toordinal(), claim.topic, claim.source, claim.id)


@dataclass
class FactBase:
    """A validated fact base with its records indexed by id."""

    data: FactFile
    path: str = "<memory>"
    warnings: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.data.meta.title

    @cached_property
    def sources(self) -> dict[str, Source]:
        """The press: what "5 of 5 sources", the source filter and every status count."""
        return {source.id: source for source in self.data.sources if not source.outcome}

    @cached_property
    def outcome_sources(self) -> dict[str, Source]:
        return {source.id: source for source in self.data.sources if source.outcome}

    @cached_property
    def parties(self) -> dict[str, Party]:
        return {party.id: party for party in self.data.parties}

    @cached_property
    def topics(self) -> dict[str, Topic]:
        return {topic.id: topic for topic in self.data.topics}

    @cached_property
    def press_claims(self) -> list[Claim]:
        """The claims of the press, in the file's order."""
        return [claim for claim in self.data.claims if claim.source in self.sources]

    @cached_property
    def claims(self) -> dict[str, Claim]:
        return {claim.id: claim for claim in self.press_claims}

    @cached_property
    def outcome_claims(self) -> dict[str, Claim]:
        return {claim.id: claim for claim in self.data.claims if claim.source in self.outcome_sources}

    @cached_property
    def claims_by_topic(self) -> dict[str, list[Claim]]:
        grouped: dict[str, list[Claim]] = {topic_id: [] for topic_id in self.topics}
        for claim in self.press_claims:
            grouped[claim.topic].append(claim)
        return grouped

    @cached_property
    def sources_by_topic(self) -> dict[str, frozenset[str]]:
        return {topic_id: frozenset(claim.source for claim in claims)
                for topic_id, claims in self.claims_by_topic.items()}

    @cached_property
    def claims_by_source(self) -> dict[str, list[Claim]]:
        grouped: dict[str, list[Claim]] = {source_id: [] for source_id in self.sources}
        for claim in self.press_claims:
            grouped[claim.source].append(claim)
        return grouped

    @cached_property
    def search_text(self) -> dict[str, str]:
        """Per claim id, the text a search looks in, casefolded: its words, id, note, source, topic, chain.

        Built on the first search, so each keystroke after it is one substring test per claim.
        """
        return {claim.id: "\n".join(filter(None, (
            claim.statement, claim.id, claim.note, self.source_name(claim.source),
            self.topics[claim.topic].label, self.chain_text(claim)))).casefold()
            for claim in self.press_claims}

    @cached_property
    def dated_claims(self) -> list[Claim]:
        """Every claim with a date, in the timeline's order (see `date_order`)."""
        return sorted((claim for claim in self.press_claims if claim.date is not None), key=date_order)

    @cached_property
    def dated_outcome_claims(self) -> list[Claim]:
        """What later reports dated, in the same order, for the timeline to merge in."""
        return sorted((claim for claim in self.outcome_claims.values() if claim.date is not None), key=date_order)

    def is_expected(self, claim: Claim) -> bool:
        """After the fact base's date, or a plan, target or estimate not yet due then: expected, not past."""
        as_of = self.data.meta.as_of.start
        assert claim.date is not None
        return claim.date.start > as_of or (claim.stance.is_forward and claim.date.end >= as_of)

    @property
    def rates(self) -> list[Rate]:
        return self.data.rates

    def chain(self, claim: Claim) -> list[Party]:
        """Origin first, then each party it passed through on its way to the source."""
        return [self.parties[party_id] for party_id in (claim.origin, *claim.via)]

    def chain_text(self, claim: Claim) -> str:
        """ "CnEVPost, citing National Business Daily, citing a person familiar with the matter (inferred)"."""
        chain = self.chain(claim)
        # A party's own report stands for it: "citing Reuters report of 23 Aug 2023", not "..., citing Reuters".
        spoken = [party for index, party in enumerate(chain)
                  if index + 1 == len(chain) or chain[index + 1].affiliation != party.id]
        names = [self.source_name(claim.source)] + [party.name for party in reversed(spoken)]
        deduped = [name for index, name in enumerate(names) if index == 0 or name != names[index - 1]]
        return ", citing ".join(deduped) + (" (inferred)" if claim.inferred else "")

    def origin_text(self, claim: Claim) -> str:
        """The origin's name, marked when it is our inference: "Reuters (inferred)"."""
        return self.parties[claim.origin].name + (" (inferred)" if claim.inferred else "")

    def organisation_of(self, party_id: str) -> Party:
        """The organisation a party speaks for, following affiliations to the end; a party without one speaks for
        itself. Lei Jun, William Lu and Xiaomi are one voice; a report speaks for its outlet."""
        return self._organisations[party_id]

    @cached_property
    def _organisations(self) -> dict[str, Party]:
        ends, _circles = follow_affiliations({party.id: party.affiliation for party in self.data.parties})
        return {party_id: self.parties[end] for party_id, end in ends.items()}  # the loader refuses circles

    def report_date(self, source_id: str) -> FuzzyDate:
        """When a later report was published: the loader requires the date of every outcome source."""
        published = self.outcome_sources[source_id].published
        assert published is not None
        return published

    def source_named(self, text: str) -> str | None:
        """The press source `text` names, by its id or by the name the panes show ("Pandaily", "pandaily"), any case."""
        wanted = text.casefold().strip()
        for source_id in self.sources:
            if wanted in (source_id.casefold(), self.source_name(source_id).casefold()):
                return source_id
        return None

    def source_name(self, source_id: str) -> str:
        """How a source is named on screen: its publisher or title; an anonymous relay by what it credits."""
        source = self.sources.get(source_id) or self.outcome_sources[source_id]
        if source.publisher is None and source.title is None and source.relays is not None:
            return f"unnamed outlet, crediting {self.organisation_of(source.relays).name}"
        return source.display_name


def follow_affiliations(affiliation: Mapping[str, str | None]) -> tuple[dict[str, str], list[list[str]]]:
    """Where each party's affiliations end (the party it speaks for: itself when it has none, or when its
    affiliation is not a known party), and the circles among them, each party visited once.

    Following each party's chain on its own took time as the square of a long chain's length.
    """
    ends: dict[str, str] = {}
    circles: list[list[str]] = []
    for start in affiliation:
        path: list[str] = []
        on_path: dict[str, int] = {}
        current = start
        while current not in ends:
            if current in on_path:  # back on this walk: the rest of it is a circle, which ends nowhere
                circle = path[on_path[current]:]
                circles.append(circle)
                ends.update(dict.fromkeys(circle, circle[0]))
                break
            on_path[current] = len(path)
            path.append(current)
            following = affiliation[current]
            if following is None or following not in affiliation:
                ends[current] = current
                break
            current = following
        end = ends[current]
        for party_id in path:
            ends.setdefault(party_id, end)
    return ends, circles
