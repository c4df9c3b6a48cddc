"""APA 7 and MLA 9: a reference-list entry, and an in-text citation in parentheses that carries the locator."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from xiaomi_tui.facts.citations.names import apa_author, inverted, split_name, voice
from xiaomi_tui.facts.citations.text import (
    APA_DATE,
    MINOR_WORDS_APA,
    MINOR_WORDS_MLA_CHICAGO,
    MLA_DATE,
    UNTITLED,
    YEAR_DATE,
    cited,
    format_date,
    headline,
    quoted,
    quoted_headline,
    run_on,
    sentences,
    short_title,
    site,
)

if TYPE_CHECKING:
    from xiaomi_tui.facts.records import Claim, Source


# -- APA 7 --------------------------------------------------------------------------------------


def apa_reference(source: Source) -> str:
    """`McDee, M. (2023, November 4). Title. ArenaEV. URL`; unsigned: the title takes the author's place."""
    title = source.title or f"[{UNTITLED}]"
    if source.author:
        lead, rest = apa_author(source.author), title
    elif source.title or not source.publisher:
        lead, rest = title, None
    else:  # no byline and no headline: the site stands as group author
        lead, rest = source.publisher, title
    container = None if lead == source.publisher else site(source)
    entry = sentences(lead, f"({format_date(source.published, APA_DATE)})", rest, container)
    return " ".join(filter(None, [entry, source.url]))


def _apa_in_text(source: Source) -> str:
    """`McDee, 2023`; unsigned: a few words of the title in quotes and title case, `"Xiaomi EV-1," n.d.`."""
    if source.author:
        name = split_name(source.author)[1]
    elif source.title:
        name = quoted(short_title(headline(source, MINOR_WORDS_APA)), ",")
    else:
        name = source.publisher or f"[{UNTITLED}]"
    return run_on(name, format_date(source.published, YEAR_DATE))


def _apa_as_cited_in_text(primary: Source, secondary: Source, locator: str) -> str:
    """`Reuters, 2023, as cited in CnEVPost, 2023, para. 13` (APA 7 §8.6)."""
    return f"{_apa_in_text(primary)}, as cited in {_apa_in_text(secondary)}, {locator}"


# -- MLA 9 --------------------------------------------------------------------------------------


def mla_reference(source: Source) -> str:
    """`McDee, Max. "Title." ArenaEV, 4 Nov. 2023, m.arenaev.com/...`: no scheme in the URL, no date if unknown."""
    author = inverted(source.author) if source.author and source.author != source.publisher else None
    title = quoted_headline(source, ".")
    url = source.url.partition("://")[2] if source.url else None
    return sentences(author, title, run_on(source.publisher, format_date(source.published, MLA_DATE), url))


def _mla_in_text(source: Source) -> str:
    """`McDee`; an organisation that also publishes is no author, so the work goes by its short title."""
    if source.author and source.author != source.publisher:
        return split_name(source.author)[1]
    if source.title:
        return quoted(short_title(headline(source, MINOR_WORDS_MLA_CHICAGO)), ",")
    return UNTITLED


def _mla_as_cited_in_text(primary: Source, secondary: Source, locator: str) -> str:
    """`Reuters qtd. in "Xiaomi Electric Sedan," par. 11`: MLA names the original before "qtd. in"."""
    return f"{voice(primary)} qtd. in {run_on(_mla_in_text(secondary), locator)}"


# -- the two forms of a claim's citation --------------------------------------------------------


def _parenthetical(
    reference: Callable[[Source], str], in_text: Callable[[Source], str], label: str
) -> Callable[[Source, Claim, bool], str]:
    """APA and MLA: the entry with its locator, or our statement cited in the text above the entry."""
    def cite(source: Source, claim: Claim, with_statement: bool) -> str:
        entry = reference(source)
        locator = f"{label} {claim.para}"
        if with_statement:
            return f"{cited(claim.statement, run_on(in_text(source), locator))}\n\n{entry}"
        return f"{entry} ({locator})"
    return cite


def _parenthetical_as_cited(
    reference: Callable[[Source], str], in_text: Callable[[Source, Source, str], str], label: str
) -> Callable[[Source, Source, Claim, bool], str]:
    """APA and MLA: the in-text citation naming both, then the reference entry of the source read (only it)."""
    def cite(primary: Source, secondary: Source, claim: Claim, with_statement: bool) -> str:
        citation = in_text(primary, secondary, f"{label} {claim.para}")
        lead = cited(claim.statement, citation) if with_statement else f"({citation})"
        return f"{lead}\n\n{reference(secondary)}"
    return cite


apa_claim = _parenthetical(apa_reference, _apa_in_text, "para.")
apa_as_cited = _parenthetical_as_cited(apa_reference, _apa_as_cited_in_text, "para.")
mla_claim = _parenthetical(mla_reference, _mla_in_text, "par.")
mla_as_cited = _parenthetical_as_cited(mla_reference, _mla_as_cited_in_text, "par.")
