"""Chicago notes-bibliography: the bibliography entry for a document, the footnote for a claim in it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiaomi_tui.facts.citations.names import inverted
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
    from xiaomi_tui.facts.records import Claim, Source


def chicago_bibliography(source: Source) -> str:
    """`McDee, Max. "Title." ArenaEV, November 4, 2023. URL.`; unsigned: the site stands first (CMOS 14.207)."""
    lead = inverted(source.author) if source.author else source.publisher
    title = quoted_headline(source, ".")
    container = None if lead == source.publisher else site(source)
    return sentences(lead, title, run_on(container, format_date(source.published, CHICAGO_DATE)), source.url)


def _chicago_note(source: Source, claim: Claim) -> str:
    """`Max McDee, "Title," ArenaEV, November 4, 2023, para. 5, URL.`; unsigned notes begin with the title."""
    title = quoted_headline(source, ",")
    date = format_date(source.published, CHICAGO_DATE)
    return end(run_on(source.author, title, site(source), date, paragraph(claim), source.url), ".")


def chicago_claim(source: Source, claim: Claim, with_statement: bool) -> str:
    """The footnote; with the statement, the statement then the footnote in a paragraph of its own."""
    note = _chicago_note(source, claim)
    return f"{claim.statement}\n\n{note}" if with_statement else note


def chicago_as_cited(primary: Source, secondary: Source, claim: Claim, with_statement: bool) -> str:
    """`Reuters, August 23, 2023, quoted in <the source's note>.` (CMOS 14.260)."""
    title = quoted_headline(primary, ",") if primary.title else None
    original = run_on(primary.author, title, site(primary), format_date(primary.published, CHICAGO_DATE))
    note = f"{end(original, ',')} quoted in {_chicago_note(secondary, claim)}"
    return f"{claim.statement}\n\n{note}" if with_statement else note
