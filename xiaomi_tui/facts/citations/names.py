"""Authors' names as each style writes them: inverted for an alphabetised list, initials for APA."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiaomi_tui.facts.citations.text import UNTITLED

if TYPE_CHECKING:
    from xiaomi_tui.facts.records import Source


def split_name(author: str) -> tuple[str | None, str]:
    """(given, family): a personal name splits at its last space; one without a space is a literal name."""
    given, _, family = " ".join(author.split()).rpartition(" ")
    return given or None, family


def inverted(author: str) -> str:
    """ "Max McDee" -> "McDee, Max", for an alphabetised list."""
    given, family = split_name(author)
    return f"{family}, {given}" if given else family


def apa_author(author: str) -> str:
    """ "Max McDee" -> "McDee, M."; hyphenated given names keep the hyphen ("J.-P.")."""
    given, family = split_name(author)
    if not given:
        return family
    initials = " ".join("-".join(f"{part[0]}." for part in word.split("-") if part) for word in given.split())
    return f"{family}, {initials}"


def voice(source: Source) -> str:
    """Who a document speaks as, for running text: the author's family name, else the publisher or title."""
    if source.author:
        return split_name(source.author)[1]
    return source.publisher or source.title or UNTITLED
