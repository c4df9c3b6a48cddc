"""Search text with qualifiers, as GitHub's search has them: `is:conflict source:pandaily price`.

`is:WORD` takes any word of the one vocabulary the panes show (a topic's status, a claim's standing, a
forecast's verdict, an origin's basis), spelt with hyphens for spaces (`is:fell-short`); the words are
read from their enums, so a renamed status is searched by its new name. `source:ID` (or its name, as the
panes show it) keeps rows with a claim from that source, `origin:NAME` rows with a claim whose origin (or its
organisation) bears that name or id; a party's whole name (`origin:"National Business Daily"`) finds what its id
(`origin:nbd`) finds. A value with spaces is quoted (`origin:"lei jun"`). Qualifiers of one kind widen
(`source:a source:b`), different kinds and the free text narrow.
A qualifier that cannot be used is left out of the filter and named in `problems`, never a silent empty pane.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import get_args, get_type_hints

from xiaomi_tui.facts.analysis.status import ClaimStanding, Status
from xiaomi_tui.facts.analysis.topics import Analysis
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.records import Claim
from xiaomi_tui.facts.outcomes.verdicts import Verdict
from xiaomi_tui.facts.wording import did_you_mean

__all__ = ["QUALIFIERS", "Query", "claim_words", "is_words", "parse_query", "qualifier_typed", "qualifier_values",
           "word"]

QUALIFIERS = {
    "is": "a status, a verdict or an origin basis",
    "source": "a source's id or name",
    "origin": "the name or id of a claim's origin or of its organisation",
}
"""Each qualifier and what it takes, for the help screen and for the message about an unknown one."""

_TOKEN = re.compile(r'(?P<key>[A-Za-z]+):(?P<value>"[^"]*"?|\S*)|(?P<text>\S+)')


def word(member: Enum) -> str:
    """How a word of the vocabulary is typed after `is:`: "fell short" is `fell-short`."""
    return str(member.value).replace(" ", "-")


_VERDICT_WORDS = frozenset(word(verdict) for verdict in Verdict)


def _basis_words() -> tuple[str, ...]:
    """The origin bases a claim can have, read from the record's own type ("stated", "inferred")."""
    return get_args(get_type_hints(Claim)["origin_basis"])


def is_words() -> dict[str, tuple[str, ...]]:
    """Every word `is:` takes, by what it describes: the help lists them so. A topic's status and a claim's
    standing share their words (one vocabulary), so they are one list; a word only one of them has still counts."""
    statuses = [word(status) for status in Status if status is not Status.NONE]
    return {
        "status (a topic's or a claim's)": tuple(dict.fromkeys(statuses + [word(each) for each in ClaimStanding])),
        "forecast verdict": tuple(word(verdict) for verdict in Verdict),
        "origin basis": _basis_words(),
    }


@dataclass(frozen=True)
class Query:
    """A parsed search: free text, then what each qualifier asks for; empty sets ask for nothing."""

    text: str = ""
    words: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    origins: frozenset[str] = frozenset()  # party ids
    problems: tuple[str, ...] = field(default=())

    @property
    def qualified(self) -> bool:
        return bool(self.words or self.sources or self.origins)

    @property
    def wants_verdict(self) -> bool:
        return any(name in _VERDICT_WORDS for name in self.words)

    def accepts_claims(self, claims: Iterable[Claim], words_of: Callable[[Claim], Collection[str]]) -> bool:
        """Whether a row standing for `claims` passes the qualifiers (not the free text): every `is:` word
        must be among its claims' words, and a source or an origin asked for must be some claim's."""
        claims = list(claims)
        if self.sources and not any(claim.source in self.sources for claim in claims):
            return False
        if self.origins and not any(claim.origin in self.origins for claim in claims):
            return False
        if self.words:
            found: set[str] = set()
            for claim in claims:
                found.update(words_of(claim))
            return self.words <= found
        return True


def claim_words(analysis: Analysis, verdict_of: Callable[[str], Verdict | None] | None = None
                ) -> Callable[[Claim], set[str]]:
    """The words a claim answers to: its standing, its topic's status, its origin's basis and, when
    `verdict_of` is given (scoring costs, so only when a verdict is asked for), its forecast's verdict."""
    def words_of(claim: Claim) -> set[str]:
        found: set[str] = {claim.origin_basis}
        standing = analysis.standings.get(claim.id)
        if standing is not None:
            found.add(word(standing))
        topic = analysis.topics.get(claim.topic)
        if topic is not None:
            found.add(word(topic.status))
        verdict = verdict_of(claim.id) if verdict_of is not None else None
        if verdict is not None:
            found.add(word(verdict))
        return found

    return words_of


def qualifier_values(facts: FactBase) -> dict[str, list[str]]:
    """The words each qualifier takes, for the search box to complete: `is:` the vocabulary, `source:` the
    sources' ids then their names as the panes show them, `origin:` the parties' ids then their names (but a
    name with a double quote, which no quoting can hold)."""
    def quotable(names: Iterable[str]) -> list[str]:
        return sorted(name for name in names if '"' not in name)

    return {"is": sorted({name for names in is_words().values() for name in names}),
            "source": sorted(facts.sources) + quotable(map(facts.source_name, facts.sources)),
            "origin": sorted(facts.parties) + quotable(party.name for party in facts.parties.values())}


def qualifier_typed(text: str) -> tuple[str, str] | None:
    """The qualifier being typed at the end of `text`, as the search reads it: its name and its value so far,
    an open quote and all (`origin:"Lei J` is ("origin", '"Lei J')); None when the text ends otherwise."""
    tokens = list(_TOKEN.finditer(text))
    last = tokens[-1] if tokens else None
    if last is None or last.end() != len(text) or last.group("key") is None:
        return None
    return last.group("key"), last.group("value")


def parse_query(text: str, facts: FactBase) -> Query:
    """Split `text` into free text and qualifiers, checking each qualifier against the fact base. A search is
    parsed again at every keystroke with its other qualifiers unchanged: each is looked up once per fact base."""
    lookup = _lookup(facts)
    free: list[str] = []
    words: set[str] = set()
    sources: set[str] = set()
    origins: set[str] = set()
    problems: list[str] = []
    for match in _TOKEN.finditer(text):
        key = match.group("key")
        if key is None:
            free.append(match.group("text"))
            continue
        key = key.casefold()
        if key not in QUALIFIERS:
            free.append(match.group(0))
        found, problem = lookup.qualifier(key, match.group("value").strip('"').casefold().strip())
        {"is": words, "source": sources, "origin": origins}.get(key, set()).update(found)
        if problem:
            problems.append(problem)
    return Query(" ".join(free).casefold().strip(), frozenset(words), frozenset(sources), frozenset(origins),
                 tuple(problems))


class _Lookup:
    """Each qualifier of a fact base looked up once: what it finds and what is wrong with it. Party names are
    kept as one text per party (its name and id, and its organisation's), searched in one pass per needle."""

    def __init__(self, facts: FactBase) -> None:
        self.facts = facts
        self.known_words = frozenset(name for names in is_words().values() for name in names)
        self.party_texts = [(party.id, "\0".join((party.name, party.id, organisation.name, organisation.id)).casefold())
                            for party in facts.parties.values()
                            for organisation in (facts.organisation_of(party.id),)]
        self.named: dict[str, list[str]] = {}  # a party's whole name, casefolded: the ids of the parties so named
        for party in facts.parties.values():
            self.named.setdefault(party.name.casefold(), []).append(party.id.casefold())
        self.found: dict[tuple[str, str], tuple[frozenset[str], str | None]] = {}

    def qualifier(self, key: str, needle: str) -> tuple[frozenset[str], str | None]:
        found = self.found.get((key, needle))
        if found is None:
            if len(self.found) >= _LOOKUPS_KEPT:
                self.found.clear()
            found = self.found[(key, needle)] = self._look_up(key, needle)
        return found

    def _look_up(self, key: str, needle: str) -> tuple[frozenset[str], str | None]:
        if key not in QUALIFIERS:
            return frozenset(), (f"{key}: is not a qualifier ({', '.join(f'{name}:' for name in QUALIFIERS)}); "
                                 "searched as text")
        if not needle:
            return frozenset(), f"{key}: needs {QUALIFIERS[key]}"
        if key == "is":
            if needle in self.known_words:
                return frozenset([needle]), None
            return frozenset(), f"is:{needle} is unknown{_did_you_mean(needle, self.known_words, 'is:')}"
        if key == "source":
            source_id = self.facts.source_named(needle)
            if source_id is not None:
                return frozenset([source_id]), None
            return frozenset(), f"source:{needle} is unknown{_did_you_mean(needle, self.facts.sources, 'source:')}"
        needles = self.named.get(needle, [needle])  # a party's whole name finds what its id finds
        origins = frozenset(party_id for party_id, text in self.party_texts
                            if any(each in text and "\0" not in each for each in needles))
        return origins, None if origins else f"no origin is called {needle!r}"


_LOOKUPS_KEPT = 4096
"""Qualifiers remembered per fact base: far more than a search has, few enough to cost nothing."""

_lookups: list[_Lookup] = []
"""The lookup of the fact base last searched (the app searches one at a time)."""


def _lookup(facts: FactBase) -> _Lookup:
    last = _lookups[-1] if _lookups else None
    if last is None or last.facts is not facts:
        last = _Lookup(facts)
        _lookups[:] = [last]
    return last


def _did_you_mean(needle: str, known: Iterable[str], prefix: str) -> str:
    hint = did_you_mean(needle, known, shown=lambda name: prefix + name)
    return f" ({hint})" if hint else ""
