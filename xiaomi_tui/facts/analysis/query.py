"""Search text with qualifiers, as GitHub's search has them: `is:conflict source:pandaily price`.

`is:WORD` takes any word of the one vocabulary the panes show (a topic's status, a claim's standing, a
forecast's verdict, an origin's basis), spelt with hyphens for spaces (`is:fell-short`); the words are
read from their enums, so a renamed status is searched by its new name. `source:ID` (or its name, as the
panes show it) keeps rows with a claim from that source, `origin:NAME` rows with a claim whose origin (or its
organisation) bears that name or id. Qualifiers of one kind widen (`source:a source:b`), different kinds and
the free text narrow.
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

__all__ = ["QUALIFIERS", "Query", "claim_words", "is_words", "parse_query", "word"]

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


def parse_query(text: str, facts: FactBase) -> Query:
    """Split `text` into free text and qualifiers, checking each qualifier against the fact base."""
    known_words = {name for names in is_words().values() for name in names}
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
        needle = match.group("value").strip('"').casefold().strip()
        if key not in QUALIFIERS:
            free.append(match.group(0))
            problems.append(f"{key}: is not a qualifier ({', '.join(f'{name}:' for name in QUALIFIERS)}); "
                            "searched as text")
        elif not needle:
            problems.append(f"{key}: needs {QUALIFIERS[key]}")
        elif key == "is":
            if needle in known_words:
                words.add(needle)
            else:
                problems.append(f"is:{needle} is unknown{_did_you_mean(needle, known_words, 'is:')}")
        elif key == "source":
            source_id = facts.source_named(needle)
            if source_id is not None:
                sources.add(source_id)
            else:
                problems.append(f"source:{needle} is unknown{_did_you_mean(needle, facts.sources, 'source:')}")
        else:
            found = _origins_named(facts, needle)
            origins.update(found)
            if not found:
                problems.append(f"no origin is called {needle!r}")
    return Query(" ".join(free).casefold().strip(), frozenset(words), frozenset(sources), frozenset(origins),
                 tuple(problems))


def _origins_named(facts: FactBase, needle: str) -> set[str]:
    """The parties whose name or id holds `needle`, or whose organisation's does."""
    def named(party_id: str) -> bool:
        party = facts.parties[party_id]
        return needle in party.name.casefold() or needle in party.id.casefold()

    return {party_id for party_id in facts.parties
            if named(party_id) or named(facts.organisation_of(party_id).id)}


def _did_you_mean(needle: str, known: Iterable[str], prefix: str) -> str:
    hint = did_you_mean(needle, known, shown=lambda name: prefix + name)
    return f" ({hint})" if hint else ""
