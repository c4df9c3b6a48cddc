"""APA 7 and MLA 9: a reference-list entry, and an in-text citation in parentheses that carries the locator."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from xiaomi_tui.facts.citations.names import Name, apa_reference_names, authors, mla_names, short_names
from xiaomi_tui.facts.citations.text import (
    APA_DATE,
    MINOR_WORDS_APA,
    MINOR_WORDS_MLA_CHICAGO,
    MLA_DATE,
    YEAR_DATE,
    cited,
    description,
    format_date,
    headline,
    italic,
    paragraph,
    quoted,
    quoted_headline,
    run_on,
    sentences,
    short_title,
    site,
    title_case,
)

if TYPE_CHECKING:
    from xiaomi_tui.facts.model.records import Claim, Source


# -- APA 7 --------------------------------------------------------------------------------------


def _stands_alone(source: Source) -> bool:
    """APA 7 §9.19: a work that stands alone has its title in italics, a part of a greater whole (an article on a
    site, a blog post) has the site in italics instead. A page cited with no site (none known, or the site is its
    author) is a webpage, which stands alone (§10.16); a blog post stays part of its blog, named or not."""
    return bool(source.title) and site(source) is None and source.kind != "blog"


def apa_reference(source: Source) -> str:
    """`McDee, M. (2023, November 4). Title. ArenaEV. URL`. Unsigned, the title takes the author's place; a title
    nobody knows is described in square brackets (APA 7 §9.29): `[Report on ...]. (2023). CnEVPost. URL`; a
    page with no site has its title in italics (`_stands_alone`)."""
    names = authors(source)
    title = source.title or f"[{description(source)}]"
    if _stands_alone(source):
        title = italic(title)
    lead, rest = (apa_reference_names(names), title) if names else (title, None)
    entry = sentences(lead, f"({format_date(source.published, APA_DATE)})", rest, site(source))
    return " ".join(filter(None, [entry, source.url]))


def apa_in_text(source: Source) -> str:
    """`McDee, 2023`; unsigned: a few words of the title in title case, quoted, `"Xiaomi EV-1," n.d.`, or in
    italics where the entry italicizes it (APA 7 §8.14); with no title either, the bracketed description in title
    case, without quotes: `([Report on the Launch], 2023)`."""
    names = authors(source)
    if names:
        name = short_names(names, "&")
    elif source.title:
        short = short_title(headline(source, MINOR_WORDS_APA))
        name = italic(short) if _stands_alone(source) else quoted(short, ",")
    else:
        name = f"[{title_case(description(source), MINOR_WORDS_APA)}]"  # APA's table of missing elements
    return run_on(name, format_date(source.published, YEAR_DATE))


def _apa_as_cited_in_text(primary: Source, secondary: Source, locator: str | None) -> str:
    """`Reuters, 2023, as cited in CnEVPost, 2023, para. 13` (APA 7 §8.6)."""
    return run_on(f"{apa_in_text(primary)}, as cited in {apa_in_text(secondary)}", locator)


# -- MLA 9 --------------------------------------------------------------------------------------


def _mla_authors(source: Source) -> list[Name]:
    """An organisation that also publishes is no author in MLA: the work is listed by its title."""
    return [] if source.author == source.publisher else authors(source)


def mla_reference(source: Source) -> str:
    """`McDee, Max. "Title." ArenaEV, 4 Nov. 2023, m.arenaev.com/...`: no scheme in the URL, no date if unknown;
    a title nobody knows is described, neither quoted nor italic (MLA 9)."""
    names = _mla_authors(source)
    title = quoted_headline(source, ".")
    url = source.url.partition("://")[2] if source.url else None
    return sentences(mla_names(names) if names else None, title,
                     run_on(source.publisher and italic(source.publisher), format_date(source.published, MLA_DATE), url))


def _mla_in_text(source: Source, mark: str = ",") -> str:
    """`McDee`; unsigned, the short title in quotes (closing the comma before a locator inside them), or the
    description's first words."""
    names = _mla_authors(source)
    if names:
        return short_names(names, "and")
    if source.title:
        return quoted(short_title(headline(source, MINOR_WORDS_MLA_CHICAGO)), mark)
    return short_title(description(source))


def _mla_as_cited_in_text(primary: Source, secondary: Source, locator: str | None) -> str:
    """`Reuters qtd. in "Xiaomi Electric Sedan," par. 11`: the original as MLA names it, then "qtd. in"."""
    return f"{_mla_in_text(primary, mark='')} qtd. in {run_on(_mla_in_text(secondary), locator)}"


# -- the two forms of a claim's citation --------------------------------------------------------


def _parenthetical(
    reference: Callable[[Source], str], in_text: Callable[[Source], str], label: str
) -> Callable[[Source, Claim, bool], str]:
    """APA and MLA: the in-text citation with the locator (after our statement when asked for), a blank line,
    then the reference entry, which never carries a locator."""
    def cite(source: Source, claim: Claim, with_statement: bool) -> str:
        citation = run_on(in_text(source), paragraph(claim, label))
        lead = cited(claim.statement, citation) if with_statement else f"({citation})"
        return f"{lead}\n\n{reference(source)}"
    return cite


def _parenthetical_as_cited(
    reference: Callable[[Source], str], in_text: Callable[[Source, Source, str | None], str], label: str
) -> Callable[[Source, Source, Claim, bool], str]:
    """APA and MLA: the in-text citation naming both, then the reference entry of the source read (only it)."""
    def cite(primary: Source, secondary: Source, claim: Claim, with_statement: bool) -> str:
        citation = in_text(primary, secondary, paragraph(claim, label))
        lead = cited(claim.statement, citation) if with_statement else f"({citation})"
        return f"{lead}\n\n{reference(secondary)}"
    return cite


apa_claim = _parenthetical(apa_reference, apa_in_text, "para.")
apa_as_cited = _parenthetical_as_cited(apa_reference, _apa_as_cited_in_text, "para.")
mla_claim = _parenthetical(mla_reference, _mla_in_text, "par.")
mla_as_cited = _parenthetical_as_cited(mla_reference, _mla_as_cited_in_text, "par.")
