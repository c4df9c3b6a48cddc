"""Which document a claim's citation names: its source, its origin's document as cited in the source, or that
document alone; and, for a source that cannot be found from its citation, the document it credits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from xiaomi_tui.facts.citations.case import cased, proper_nouns
from xiaomi_tui.facts.citations.keys import document_source, keyed
from xiaomi_tui.facts.citations.styles import Style, style
from xiaomi_tui.facts.citations.text import html, unmarked

if TYPE_CHECKING:
    from xiaomi_tui.facts.model.factbase import FactBase
    from xiaomi_tui.facts.model.records import Claim, Party, Source

Form = Literal["claim", "as-cited", "origin"]
"""What to cite: the claim in its source, its origin's document as cited in the source, or that document alone."""


class NotCitable(ValueError):
    """The claim's origin has no document known well enough to cite; the message says whose origin."""


@dataclass(frozen=True)
class Citation:
    """The text to paste, and a note when something other than what was asked for is cited, and why; for a
    style with italics, the same as HTML (`<i>`, curly quotes, a paragraph per block), for a rich-text paste."""

    text: str
    note: str | None = None
    html: str | None = field(default=None, compare=False)  # the same text, dressed: equal as text

    def apart(self) -> tuple[Citation, Citation] | None:
        """The in-text citation (or the note) and the reference entry, each to copy alone, as Zotero copies a
        citation or a bibliography; None where they do not come as two (a data style, a document alone)."""
        if self.html is None or "\n\n" not in self.text:
            return None
        lead, entry = self.text.rsplit("\n\n", 1)
        paragraphs = self.html.removeprefix("<p>").removesuffix("</p>").split("</p><p>")
        return (Citation(lead, html="".join(f"<p>{part}</p>" for part in paragraphs[:-1])),
                Citation(entry, html=f"<p>{paragraphs[-1]}</p>"))


def _rendered(chosen: Style, render: Callable[[Style], str], note: str | None = None) -> Citation:
    """`render` applied to the style: plain, and as HTML where the style has italics."""
    if chosen.rich is None:
        return Citation(render(chosen), note)
    marked = render(chosen.rich)
    return Citation(unmarked(marked), note, html(marked))


def origin_document(facts: FactBase, claim: Claim) -> Party:
    """The first citable document from the origin outward: the origin itself, or the report that carried it."""
    document = next((party for party in facts.chain(claim) if party.citable), None)
    if document is None:
        raise NotCitable(f"the origin of {claim.id!r}, {facts.origin_text(claim)}, has no document known to cite")
    return document


def _stand_in(facts: FactBase, claim: Claim) -> Party | None:
    """For a source that cannot be found from its citation (no publisher, no title): the citable document
    closest to it in the chain, which is what a reader can look up."""
    source = facts.sources[claim.source]
    if source.publisher or source.title:
        return None
    return next((party for party in reversed(facts.chain(claim)) if party.citable), None)


def cited_work(facts: FactBase, claim: Claim) -> Source:
    """What a claim's citation names: its source, or the document standing in for a source nobody can find."""
    stand_in = _stand_in(facts, claim)
    return facts.sources[claim.source] if stand_in is None else document_source(stand_in)


def _as_cited(facts: FactBase, source: Source) -> Source:
    """The document as its citation names it: under its bibliography key, with the proper nouns its titles keep."""
    return cased(keyed(facts, source), proper_nouns(facts))


def document_citation(facts: FactBase, source: Source, key: str) -> Citation:
    """A source or document of this fact base cited on its own, under its bibliography key."""
    document = _as_cited(facts, source)
    return _rendered(style(key), lambda chosen: chosen.reference(document))


def cite_document(facts: FactBase, source: Source, key: str) -> str:
    return document_citation(facts, source, key).text


def cite(facts: FactBase, claim: Claim, key: str, form: Form = "claim", with_statement: bool = False) -> Citation:
    """A claim cited in one of three forms (see `Form`); raises `NotCitable` when the origin has no document.
    Documents are cited under their bibliography keys, the same as in the exports."""
    chosen = style(key)
    if form == "origin":
        return document_citation(facts, document_source(origin_document(facts, claim)), key)
    stand_in = _stand_in(facts, claim)
    source = _as_cited(facts, cited_work(facts, claim))
    note = None if stand_in is None else (
        f"source {claim.source!r} names no publisher or title, so this cites what it credits, "
        f"{stand_in.name}, as a whole (the paragraph numbers are the source's)")
    if form == "as-cited":
        document = origin_document(facts, claim)
        if stand_in is None or document.id != stand_in.id:
            primary = _as_cited(facts, document_source(document))
            cited_claim = claim if stand_in is None else replace(claim, para=None)
            return _rendered(chosen, lambda style: style.as_cited(primary, source, cited_claim, with_statement), note)
        # Otherwise the origin's document is the very one cited below: "as cited in" itself adds nothing.
    # A stand-in is cited whole: the claim's paragraph is the source's, not the stand-in's.
    cited_claim = claim if stand_in is None else replace(claim, para=None)
    return _rendered(chosen, lambda style: style.claim(source, cited_claim, with_statement), note)


def cite_claim(facts: FactBase, claim: Claim, key: str, with_statement: bool = False) -> str:
    """A claim's source cited at the claim's paragraph, as one pasteable text.

    - APA, MLA: `<reference> (para. 5)`; with the statement, `<statement> (McDee, 2023, para. 5).`,
      a blank line, then the reference.
    - Chicago: the full footnote with `para. 5`; with the statement, the statement, a blank line, the note.
    - BibTeX: the entry with `note = {para. 5}`, and the statement as `annotation`.
    - CSL-JSON: the item (id = the claim's id) with `locator` and `label`, and the statement as `note`.
    - Markdown, plain: `<reference>, para. 5`; with the statement, `<statement> (<that>).`
    """
    return cite(facts, claim, key, with_statement=with_statement).text
