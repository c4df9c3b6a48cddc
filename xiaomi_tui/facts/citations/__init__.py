"""Citations of sources and claims in APA 7, MLA 9, Chicago, BibTeX, CSL-JSON, Markdown and plain text.

Small formatters for the one kind of item we cite (a news or web article), rather than citeproc: a trial
of citeproc-py with the CSL styles cut MLA and Chicago given names to initials, put full stops outside
closing quotes and printed the title twice for unsigned items (see DESIGN.md, "Citations").

Each style follows its manual where an element is missing: no author, no title, a date known only to
the month or the year, no date at all. A few choices the manuals leave to us:

- APA asks for sentence case in the reference list; turning a headline into sentence case needs to know
  its proper nouns, so APA keeps titles as published. MLA and Chicago ask for title case, which only
  capitalises lowercase words, so English titles are title-cased there (and in APA's short titles).
- A claim is cited by paragraph, the only locator a web article has: "para." (APA, Chicago, ours),
  "par." (MLA 9), `"label": "paragraph"` in CSL-JSON.
- Text from the fact base is data: markup such as "[bold]" is kept literally, and escaped where the
  output format would read it (BibTeX, Markdown).
- A claim can also be cited "as cited in" (APA 7 §8.6; Chicago "quoted in"; MLA "qtd. in"): the origin's
  document, as known from its party, cited through the source we read. Only the source has paragraphs,
  so the locator goes with it.
- A source with neither publisher nor title cannot be found again from its citation: the claim is cited
  through the best citable link in its chain instead (the document closest to the source), and
  `Citation.note` says so. Such a document is cited as a whole, without the source's paragraph.

The package belongs to the data layer: standard library only, so the CLI can cite without Textual. Its modules:
`text` (punctuation, titles, dates), `names`, one module per family of styles (`parenthetical`: APA and MLA;
`notes`: Chicago; `data`: BibTeX and CSL-JSON; `inline`: Markdown and plain), `styles` (the registry) and
`choosing` (which document a claim's citation names).
"""

from xiaomi_tui.facts.citations.bibliography import FORMATS, bibliography, works
from xiaomi_tui.facts.citations.choosing import (
    Citation,
    Form,
    NotCitable,
    cite,
    cite_claim,
    cite_document,
    cited_work,
    document_citation,
    origin_document,
)
from xiaomi_tui.facts.citations.data import csl_citation_item, csl_item
from xiaomi_tui.facts.citations.keys import document_source, keyed
from xiaomi_tui.facts.citations.styles import STYLES, Style, UnknownStyle, cite_source

__all__ = [
    "FORMATS",
    "STYLES",
    "Citation",
    "Form",
    "NotCitable",
    "Style",
    "UnknownStyle",
    "bibliography",
    "cite",
    "cite_claim",
    "cite_document",
    "cite_source",
    "cited_work",
    "csl_citation_item",
    "csl_item",
    "document_citation",
    "document_source",
    "keyed",
    "origin_document",
    "works",
]
