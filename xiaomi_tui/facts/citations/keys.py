"""Bibliography keys, stable and unique across the fact base, the same in every export and citation.

The first author's family name (else the publisher, else the id) and the year, as reference managers make
them (`mcdee2023`); documents that would share one get `a`, `b`... in the fact base's order (`cnevpost2023a`,
`cnevpost2023b`): sources first, then document parties.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

from xiaomi_tui.facts.citations.names import authors
from xiaomi_tui.facts.model.records import Party, Source

if TYPE_CHECKING:
    from xiaomi_tui.facts.model.factbase import FactBase


def document_source(party: Party) -> Source:
    """A document party as a source to cite, with only what is known of it."""
    return Source(id=party.id, publisher=party.publisher, title=party.title, author=party.author,
                  published=party.published, url=party.url, language=party.language or "",
                  description=party.description, family_first=party.family_first)


def _ascii_key(text: str | None) -> str:
    """Lowercase ASCII letters and digits only: "Müller" -> "muller", "小米" -> ""."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(char for char in folded if char.isalnum())


def _stem(source: Source) -> str:
    names = authors(source)
    family = names[0].family if names else None
    stem = next(key for key in map(_ascii_key, (family, source.publisher, source.id)) if key)
    return stem + (str(source.published.start.year) if source.published else "nd")


def _keys(facts: FactBase) -> dict[str, str]:
    documents = [*facts.data.sources, *(document_source(party) for party in facts.data.parties if party.citable)]
    by_stem: dict[str, list[str]] = defaultdict(list)
    for document in documents:
        by_stem[_stem(document)].append(document.id)
    keys = {}
    for stem, ids in by_stem.items():
        for index, document_id in enumerate(ids):
            keys[document_id] = stem if len(ids) == 1 else f"{stem}{_suffix(index)}"
    return keys


def _suffix(index: int) -> str:
    """a ... z, then aa, ab ...: as many as needed."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < 26 else _suffix(index // 26 - 1) + letters[index % 26]


_built: list[tuple[FactBase, dict[str, str]]] = []
"""The keys of the last fact base asked about: an export keys every item, and each key needs them all."""


def keyed(facts: FactBase, source: Source) -> Source:
    """The document with its bibliography key as its id, which is what the data formatters cite it by."""
    last = _built[-1] if _built else None
    if last is None or last[0] is not facts:
        last = (facts, _keys(facts))
        _built[:] = [last]
    return replace(source, id=last[1][source.id])
