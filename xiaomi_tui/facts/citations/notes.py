"""Chicago notes-bibliography: a claim is cited by its footnote, with the paragraph, and the document by its
bibliography entry; both come together, the note first, so the two forms are never mixed in one line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiaomi_tui.facts.citations.names import authors, chicago_bibliography_names, chicago_note_names
from xiaomi_tui.facts.citations.text import (
    CHICAGO_DATE,
    end,
    format_date,
    paragraph,
    quoted_headline,
    run_on,
    sentences,
    site,
)

if TYPE_CHECKING:
    from xiaomi_tui.facts.model.records import Claim, Source


def chicago_bibliography(source: Source) -> str:
    """`McDee, Max. "Title." ArenaEV, November 4, 2023. URL.`; unsigned: the site stands first (CMOS 14.207);
    a title nobody knows is described, neither quoted nor italic (CMOS 14.86)."""
    names = authors(source)
    lead = chicago_bibliography_names(names) if names else source.publisher
    container = None if lead == source.publisher else site(source)
    return sentences(lead, quoted_headline(source, "."),
                     run_on(container, format_date(source.published, CHICAGO_DATE)), source.url)


def _original(source: Source, mark: str) -> str:
    """The note's account of a document: `Max McDee, "Title," ArenaEV, November 4, 2023`."""
    names = authors(source)
    return run_on(chicago_note_names(names) if names else None, quoted_headline(source, mark), site(source),
                  format_date(source.published, CHICAGO_DATE))


def _chicago_note(source: Source, claim: Claim) -> str:
    """`Max McDee, "Title," ArenaEV, November 4, 2023, para. 5, URL.`; unsigned notes begin with the title."""
    return end(run_on(_original(source, ","), paragraph(claim), source.url), ".")


def _together(note: str, source: Source, claim: Claim, with_statement: bool) -> str:
    """The note, then the bibliography entry; with the statement, the statement first."""
    parts = [claim.statement] if with_statement else []
    return "\n\n".join([*parts, note, chicago_bibliography(source)])


def chicago_claim(source: Source, claim: Claim, with_statement: bool) -> str:
    return _together(_chicago_note(source, claim), source, claim, with_statement)


def chicago_as_cited(primary: Source, secondary: Source, claim: Claim, with_statement: bool) -> str:
    """`Reuters, August 23, 2023, quoted in <the source's note>.` (CMOS 17 14.260), then the source's entry. The
    original's part is its full note, its address included where it has one, as citeproc-js writes it."""
    note = f"{end(run_on(_original(primary, ','), primary.url), ',')} quoted in {_chicago_note(secondary, claim)}"
    return _together(note, secondary, claim, with_statement)
