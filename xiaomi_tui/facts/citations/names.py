"""Authors as names with family and given parts, and name lists as each style writes them.

A byline is one string ("Qiaoyi Li, Zhang Yan, Brenda Goh"): several names are separated by commas or "and".
A name written family name first (Chinese "Zhou Shuqi") is listed in the record's `family_first` and is never
turned round: "Zhou Shuqi" in MLA and Chicago (CMOS 8.15), "Zhou, S." in APA. An author that is also the
publisher is an organisation, a literal name ("Xinhua").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xiaomi_tui.facts.model.records import Source

_SEPARATORS = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")


@dataclass(frozen=True)
class Name:
    family: str
    given: str | None = None
    family_first: bool = False
    literal: bool = False

    @property
    def natural(self) -> str:
        """As the person writes it: "Max McDee", "Zhou Shuqi", "Reuters"."""
        if self.literal or not self.given:
            return self.family
        return f"{self.family} {self.given}" if self.family_first else f"{self.given} {self.family}"

    @property
    def sorted(self) -> str:
        """First in an alphabetised list: "McDee, Max"; a family-first name stays as it is."""
        if self.literal or not self.given or self.family_first:
            return self.natural
        return f"{self.family}, {self.given}"

    @property
    def apa(self) -> str:
        """ "McDee, M.", "Zhou, S."; hyphenated given names keep the hyphen ("J.-P.")."""
        if self.literal or not self.given:
            return self.family
        initials = " ".join("-".join(f"{part[0]}." for part in word.split("-") if part) for word in self.given.split())
        return f"{self.family}, {initials}"


def byline(author: str) -> list[str]:
    """The names in a byline, as written: "Qiaoyi Li, Zhang Yan and Brenda Goh" -> three."""
    return [name for name in _SEPARATORS.split(" ".join(author.split())) if name]


def authors(source: Source) -> list[Name]:
    """The byline as names; an author that is the publisher is one literal name."""
    if not source.author:
        return []
    if source.author == source.publisher:
        return [Name(source.author, literal=True)]
    names, family_first = [], set(source.family_first)
    for written in byline(source.author):
        words = written.split(" ")
        if len(words) == 1:
            names.append(Name(written, literal=True))
        elif written in family_first:
            names.append(Name(words[0], " ".join(words[1:]), family_first=True))
        else:
            names.append(Name(words[-1], " ".join(words[:-1])))
    return names


def _joined(parts: list[str], conjunction: str, serial_for_two: bool = False) -> str:
    """ "A", "A and B" (APA: "A, & B"), "A, B, and C"."""
    if len(parts) <= 1:
        return "".join(parts)
    if len(parts) == 2 and not serial_for_two:
        return f"{parts[0]} {conjunction} {parts[1]}"
    return f"{', '.join(parts[:-1])}, {conjunction} {parts[-1]}"


def apa_reference_names(names: list[Name]) -> str:
    """APA 7 §9.8: up to 20 names, an ampersand before the last: "Li, Q., Zhang, Y., & Goh, B."."""
    return _joined([name.apa for name in names[:20]], "&", serial_for_two=True)


def short_names(names: list[Name], conjunction: str) -> str:
    """In-text: "McDee"; "Li & Zhang" (APA) or "Li and Zhang" (MLA); three or more, "Li et al."."""
    families = [name.family for name in names]
    return f"{families[0]} et al." if len(families) > 2 else f" {conjunction} ".join(families)


def mla_names(names: list[Name]) -> str:
    """MLA 9: "Li, Qiaoyi, and Zhang Yan"; three or more, "Li, Qiaoyi, et al."."""
    if len(names) > 2:
        return f"{names[0].sorted}, et al."
    return _joined([names[0].sorted, *(name.natural for name in names[1:])], "and", serial_for_two=True)


def chicago_bibliography_names(names: list[Name]) -> str:
    """CMOS 14.72: the first inverted, the rest as written: "Li, Qiaoyi, Zhang Yan, and Brenda Goh"."""
    return _joined([names[0].sorted, *(name.natural for name in names[1:])], "and", serial_for_two=True)


def chicago_note_names(names: list[Name]) -> str:
    """CMOS 14.76: "Qiaoyi Li, Zhang Yan, and Brenda Goh"; four or more, the first "et al."."""
    if len(names) > 3:
        return f"{names[0].natural} et al."
    return _joined([name.natural for name in names], "and")
