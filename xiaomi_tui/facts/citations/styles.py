"""The styles on offer, in the order the style picker shows them, and citing a document in one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from xiaomi_tui.facts.citations.data import (
    bibtex,
    bibtex_as_cited,
    bibtex_claim,
    csl_as_cited,
    csl_citation_as_cited,
    csl_citation_claim,
    csl_citation_reference,
    csl_claim,
    csl_reference,
    pandoc_as_cited,
    pandoc_claim,
    pandoc_reference,
)
from xiaomi_tui.facts.citations.inline import inline, inline_as_cited, markdown, plain
from xiaomi_tui.facts.citations.notes import chicago_as_cited, chicago_bibliography, chicago_claim
from xiaomi_tui.facts.citations.parenthetical import (
    apa_as_cited,
    apa_claim,
    apa_reference,
    mla_as_cited,
    mla_claim,
    mla_reference,
)
from xiaomi_tui.facts.citations.text import unmarked
from xiaomi_tui.facts.model.formatting import markdown_text
from xiaomi_tui.facts.model.records import Claim, Source


@dataclass(frozen=True)
class Style:
    """A citation style: how it cites a document, one claim in it, and a claim's origin as cited in it.
    A style with italics (APA, MLA, Chicago) also has `rich`: the same three with the italics marked (see
    `text.html`); its plain forms drop the marks."""

    key: str
    label: str
    reference: Callable[[Source], str]
    claim: Callable[[Source, Claim, bool], str]
    as_cited: Callable[[Source, Source, Claim, bool], str]
    rich: Style | None = None


def _with_italics(key: str, label: str, reference: Callable[[Source], str],
                  claim: Callable[[Source, Claim, bool], str],
                  as_cited: Callable[[Source, Source, Claim, bool], str]) -> Style:
    """A style whose formatters mark italics: its plain forms without the marks, the marked ones as `rich`."""
    return Style(key, label, lambda source: unmarked(reference(source)),
                 lambda source, cited, statement: unmarked(claim(source, cited, statement)),
                 lambda primary, source, cited, statement: unmarked(as_cited(primary, source, cited, statement)),
                 Style(key, label, reference, claim, as_cited))


STYLES: dict[str, Style] = {style.key: style for style in (
    _with_italics("apa", "APA 7", apa_reference, apa_claim, apa_as_cited),
    _with_italics("mla", "MLA 9", mla_reference, mla_claim, mla_as_cited),
    _with_italics("chicago", "Chicago (notes-bibliography)", chicago_bibliography, chicago_claim, chicago_as_cited),
    Style("bibtex", "BibTeX", bibtex, bibtex_claim, bibtex_as_cited),
    Style("csl-json", "CSL-JSON", csl_reference, csl_claim, csl_as_cited),
    Style("csl-citation", "CSL citation (citeproc-js)", csl_citation_reference, csl_citation_claim,
          csl_citation_as_cited),
    Style("pandoc", "pandoc Markdown", pandoc_reference, pandoc_claim, pandoc_as_cited),
    Style("markdown", "Markdown link", markdown, inline(markdown, markdown_text),
          inline_as_cited(markdown, markdown_text)),
    Style("plain", "Plain text", plain, inline(plain), inline_as_cited(plain)),
)}


class UnknownStyle(ValueError):
    """A style key not in STYLES; the message lists the valid ones."""

    def __init__(self, style: str):
        self.style = style
        shown = style if len(style) <= 40 else style[:40] + "..."  # repr below: escapes reach no terminal
        super().__init__(f"unknown citation style {shown!r}; choose one of {', '.join(STYLES)}")


def style(key: str) -> Style:
    try:
        return STYLES[key]
    except KeyError:
        raise UnknownStyle(key) from None


def cite_source(source: Source, key: str) -> str:
    """The reference-list entry for a document (Chicago: the bibliography entry)."""
    return style(key).reference(source)
