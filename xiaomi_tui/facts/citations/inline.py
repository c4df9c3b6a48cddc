"""Markdown and plain text: the reference on one line, with the paragraph, after our statement when asked."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from xiaomi_tui.facts.citations.text import cited, description, paragraph, percent_encoded, run_on
from xiaomi_tui.facts.model.formatting import markdown_text

if TYPE_CHECKING:
    from xiaomi_tui.facts.model.records import Claim, Source


def markdown(source: Source, locator: str | None = None) -> str:
    """`[ArenaEV — Title](URL), 4 Nov 2023, para. 5`; without a URL the text is not a link."""
    text = markdown_text(" \u2014 ".join(filter(None, [source.publisher, source.title]))
                         or f"[{description(source)}]")
    link = f"[{text}]({percent_encoded(source.url, '()')})" if source.url else text
    return run_on(link, source.published.human() if source.published else None, locator)


def plain(source: Source, locator: str | None = None) -> str:
    """`ArenaEV, "Title", 4 Nov 2023, para. 5, URL`, dates as people say them ("H1 2024")."""
    title = f'"{source.title}"' if source.title else None
    name = source.publisher or (None if title else f"[{description(source)}]")
    return run_on(name, title, source.published.human() if source.published else None, locator, source.url)


def inline(
    render: Callable[[Source, str | None], str], escape: Callable[[str], str] = str
) -> Callable[[Source, Claim, bool], str]:
    """A claim: the reference with the paragraph, after our statement when asked for."""
    def cite(source: Source, claim: Claim, with_statement: bool) -> str:
        citation = render(source, paragraph(claim))
        return cited(escape(claim.statement), citation) if with_statement else citation
    return cite


def inline_as_cited(
    render: Callable[[Source, str | None], str], escape: Callable[[str], str] = str
) -> Callable[[Source, Source, Claim, bool], str]:
    """`<origin>, as cited in <source>, para. 13`."""
    def cite(primary: Source, secondary: Source, claim: Claim, with_statement: bool) -> str:
        origin = run_on(primary.author, render(primary, None))
        citation = f"{origin}, as cited in {render(secondary, paragraph(claim))}"
        return cited(escape(claim.statement), citation) if with_statement else citation
    return cite
