"""Which words of a title must keep their case when a style changes it: proper nouns and acronyms.

biblatex-apa turns titles into sentence case and citeproc's MLA and Chicago styles into title case; a word
that must not change is braced for biblatex (`{Xiaomi}`) and wrapped for CSL
(`<span class="nocase">Xiaomi</span>`). Which words those are is read from the fact base itself, not listed
by hand: every word it writes with a capital where a sentence would not start (in statements, descriptions,
names, sentence-case titles), and every word whose own shape says so: inner capitals or digits with letters
(EV, SU7, NDRC, LiDAR, H1) or a domain name (decor-dreams.com).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from xiaomi_tui.facts.citations.text import MINOR_WORDS_MLA_CHICAGO, looks_title_case
from xiaomi_tui.facts.model.records import Source

if TYPE_CHECKING:
    from xiaomi_tui.facts.model.factbase import FactBase

_WORD = re.compile(r"[^\W_][\w.\-]*[^\W_]|[^\W_]")
"""A word, with the dots and hyphens inside it ("decor-dreams.com", "EV-1", "1.5T")."""

_SENTENCE_ENDS = (".", "!", "?", ":")


@dataclass(frozen=True, slots=True, kw_only=True)
class Cased(Source):
    """A document cited in a fact base: its key as its id (see `keys`), and the words that fact base capitalises."""

    nouns: frozenset[str] = frozenset()


def cased(source: Source, nouns: frozenset[str]) -> Cased:
    """The document, with the proper nouns its titles must keep."""
    return Cased(**{item.name: getattr(source, item.name) for item in fields(Source)}, nouns=nouns)


def nouns_of(source: Source) -> frozenset[str]:
    return source.nouns if isinstance(source, Cased) else frozenset()


def _capitalised_inside(text: str, every: bool) -> Iterable[str]:
    """The words of `text` written with a capital not at a sentence's start (any capitalised word if `every`)."""
    previous_end = 0
    for match in _WORD.finditer(text):
        word = match.group()
        before = text[previous_end:match.start()].strip(" \"'\u201c\u2018([")
        starts = match.start() == 0 or not text[:match.start()].strip() or before.endswith(_SENTENCE_ENDS)
        previous_end = match.end()
        if word[0].isupper() and (every or not starts) and word.lower() not in MINOR_WORDS_MLA_CHICAGO:
            yield from (part for part in word.split("-") if part[:1].isupper())


_NOUNS: dict[int, frozenset[str]] = {}
"""`proper_nouns` of each fact base alive, by identity (a fact base is not hashable); each citation asks."""


def proper_nouns(facts: FactBase) -> frozenset[str]:
    """Every word the fact base writes capitalised inside a sentence or as part of a name; worked out once
    per fact base (a reload is a new one)."""
    key = id(facts)
    if key not in _NOUNS:
        _NOUNS[key] = _proper_nouns(facts)
        weakref.finalize(facts, _NOUNS.pop, key, None)
    return _NOUNS[key]


def _proper_nouns(facts: FactBase) -> frozenset[str]:
    data = facts.data
    names = [*(source.publisher for source in data.sources), *(source.author for source in data.sources),
             *(party.name for party in data.parties), *(party.publisher for party in data.parties),
             *(party.author for party in data.parties)]
    prose = [*(claim.statement for claim in data.claims), *(source.description for source in data.sources),
             *(party.description for party in data.parties),
             *(title for title in (*(source.title for source in data.sources),
                                   *(party.title for party in data.parties)) if title and not looks_title_case(title))]
    words = {word for name in names if name for word in _capitalised_inside(name, every=True)}
    words.update(word for text in prose if text for word in _capitalised_inside(text, every=False))
    return frozenset(words)


def keeps_case(word: str, nouns: frozenset[str]) -> bool:
    """A proper noun of the fact base, or a word whose shape says it must keep its case."""
    letters = [char for char in word if char.isalpha()]
    return (word in nouns or sum(char.isupper() for char in letters) > 1
            or (any(char.isdigit() for char in word) and any(char.isupper() for char in letters))
            or bool(re.search(r"[^\W\d_]\.[^\W\d_]", word)))


def protected(text: str, nouns: frozenset[str], escape: Callable[[str], str],
              protect: Callable[[str], str]) -> str:
    """`text` escaped for its format, each word that keeps its case protected the format's way: a hyphenated
    word whole when its shape says so ("{EV-1}", "{decor-dreams.com}"), else part by part ("{Xiaomi}-branded")."""
    def word(match: re.Match[str]) -> str:
        whole = match.group()
        if keeps_case(whole, nouns):
            return protect(escape(whole))
        return "-".join(protect(escape(part)) if part and keeps_case(part, nouns) else escape(part)
                        for part in whole.split("-"))

    out = []
    position = 0
    for match in _WORD.finditer(text):
        out += [escape(text[position:match.start()]), word(match)]
        position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)
