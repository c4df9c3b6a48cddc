"""Citations as data, for reference managers and pandoc: biblatex entries, CSL-JSON items, RIS records, and
pandoc's `[@key, para. 5]`. An item is a document; the paragraph is a locator given when citing it, never a
field of the item (the CSL schema has no `label` in item data, and biblatex's `note` would print in the entry).
The source's `id` is the item's key: the bibliography hands these formatters sources keyed for it, with the
proper nouns their titles keep (`case`).

"As cited in" (APA 7 \u00a78.6) names one work, the source read, with the original named before it in the
same parentheses: `[Reuters, 2023, as cited in @cnevpost2023a, para. 13]` for pandoc, a CSL citation item
with that `prefix`, `\\autocite[Reuters, 2023, as cited in][para.~13]{cnevpost2023a}` for biblatex. Only the
source is in the reference list, as APA wants; every processor then prints the comma and the order APA does.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from xiaomi_tui.facts.citations.case import nouns_of, protected
from xiaomi_tui.facts.citations.names import Name, authors
from xiaomi_tui.facts.citations.parenthetical import apa_in_text
from xiaomi_tui.facts.citations.text import (
    ISO_DATE,
    description,
    format_date,
    percent_encoded,
    short_title,
    unmarked,
)
from xiaomi_tui.facts.model.formatting import markdown_text, pandoc_text

if TYPE_CHECKING:
    from xiaomi_tui.facts.model.records import Claim, Source


def citation_key_note(source: Source) -> str:
    """Where Zotero keeps a citation key on import (a `Citation Key:` line of Extra), for those formats whose
    own key field its import translators drop."""
    return f"Citation Key: {source.id}"


def published_after_note(source: Source) -> str | None:
    """An undated work's known bound ("Published Mar 2023 or later"), as a note, for the formats with no open
    range every reader keeps: citeproc-js (Zotero, Mendeley) reads CSL's `[[2023, 3], [0]]` and `raw` `2023-03/`
    as March 2023, pandoc reads `[[2023, 3], [0, 0]]` so, Zotero's import keeps a range's start, and RIS has no
    range. Their `issued`/`DA` stay empty: cited, the work is "n.d.", as in our own text."""
    if source.published is not None or source.published_after is None:
        return None
    return f"Published {source.published_after.human()} or later"


def _notes(source: Source) -> str:
    return "\n".join(filter(None, (citation_key_note(source), published_after_note(source))))


# -- biblatex -----------------------------------------------------------------------------------

_TEX_SPECIALS = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "&": r"\&", "%": r"\%",
    "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
})
"""TeX's special characters as commands. A brace is a command too (`\\{` would still count for biber and
bibtex, and one unbalanced brace loses the whole file): braces in an entry are only ever ours, balanced."""

_LANGIDS = {"en": "english", "de": "german", "fr": "french", "es": "spanish", "it": "italian",
            "pt": "portuguese", "nl": "dutch", "ru": "russian"}
"""biblatex `langid` values (babel names) for the languages babel hyphenates; others are left out."""


def _tex(text: str) -> str:
    return text.translate(_TEX_SPECIALS)


def _braced(text: str) -> str:
    return "{" + text + "}"


def _tex_title(source: Source) -> str:
    """A title TeX-escaped, its proper nouns and acronyms braced so biblatex-apa's sentence case keeps them;
    a bracketed description is ours, not a title, and braced whole: no style changes its case."""
    if source.title:
        return protected(source.title, nouns_of(source), _tex, _braced)
    return _braced(_tex(f"[{description(source)}]"))


def _tex_name_part(text: str) -> str:
    """A part of a name: "and" in any case braced, or biber reads two names (and drops the entry)."""
    return re.sub(r"\b(and)\b", r"{\1}", _tex(text), flags=re.IGNORECASE)


def _biblatex_name(name: Name) -> str:
    """ "McDee, Max"; an organisation or a family-first name in braces, one unit biblatex never turns round."""
    if name.literal or name.family_first or not name.given:
        return _braced(_tex_name_part(name.natural))
    return f"{_tex_name_part(name.family)}, {_tex_name_part(name.given)}"


def _biblatex_date(source: Source) -> str | None:
    """The date published; when only a bound is known, biblatex's open range from it (`2023-03/`: on or after)."""
    if source.published is None and source.published_after is not None:
        return f"{format_date(source.published_after, ISO_DATE)}/"
    return format_date(source.published, ISO_DATE)


def bibtex(source: Source) -> str:
    """A biblatex entry with what is known; values TeX-escaped, titles case-protected, the URL (verbatim) only
    percent-encodes braces and backslashes.

    Every document is `@online` when it has an address (Zotero's BibTeX import: a web page; it has no type for
    a news article or a blog post), else `@misc`. The site is `organization`, the one field of biblatex's data
    model for `@online` that names it: biblatex-apa prints it; biblatex-mla reads a site only from fields that
    data model refuses, so the README gives MLA users the one-line source map that hands it over."""
    short = short_title(source.title) if source.title else None
    fields = {
        "author": " and ".join(map(_biblatex_name, authors(source))) or None,
        "title": _tex_title(source),
        "shorttitle": protected(short, nouns_of(source), _tex, _braced) if short and short != source.title else None,
        "organization": source.publisher and _tex(source.publisher),
        "date": _biblatex_date(source),
        "url": source.url and percent_encoded(source.url, "{}\\"),
        "langid": _LANGIDS.get(source.language.split("-")[0]),
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
    return f"@{'online' if source.url else 'misc'}{{{source.id},\n{body}\n}}"


def _postnote(claim: Claim) -> str:
    return f"[para.~{claim.para}]" if claim.para else ""


def _drafted_tex(command: str, claim: Claim, with_statement: bool) -> str:
    return f"{_tex(claim.statement.removesuffix('.'))} {command}." if with_statement else command


def bibtex_claim(source: Source, claim: Claim, with_statement: bool) -> str:
    """The entry, then the command that cites it at the paragraph (after our statement when asked for)."""
    command = f"\\autocite{_postnote(claim)}{{{source.id}}}"
    return f"{bibtex(source)}\n\n{_drafted_tex(command, claim, with_statement)}"


def bibtex_as_cited(primary: Source, secondary: Source, claim: Claim, with_statement: bool) -> str:
    """The source's entry, then `\\autocite[Reuters, 2023, as cited in][para.~17]{source}` (biblatex-apa's
    prenote and postnote: one work cited, the original named before it)."""
    prenote = "{" + _tex(as_cited_prefix(primary)) + "}"  # braced: a bracketed description would end it
    command = f"\\autocite[{prenote}]{_postnote(claim) or '[]'}{{{secondary.id}}}"
    return f"{bibtex(secondary)}\n\n{_drafted_tex(command, claim, with_statement)}"


def as_cited_prefix(primary: Source) -> str:
    """The original as APA names it in the text, before the cited source: `Reuters, 2023, as cited in`; a title
    APA italicizes is plain here (a prefix is text to every processor)."""
    return f"{unmarked(apa_in_text(primary))}, as cited in"


# -- CSL-JSON -----------------------------------------------------------------------------------

_CSL_TYPES = {"news": "article-newspaper", "blog": "post-weblog"}

_CSL_TAG = re.compile(r"<(?=/?(?:b|i|sup|sub|sc|span)\b)", re.IGNORECASE)
"""The start of a tag of CSL's rich text (`<b>`, `<i>`, `<sup>`, `<sub>`, `<sc>`, `<span ...>`), which citeproc-js and
pandoc format; CSL has no escape for it (both print `&lt;` and `&#60;` as written)."""

ZERO_WIDTH_NON_JOINER = "\u200c"
"""Invisible, and one of the format characters every payload of ours may carry (`rules.HARMLESS_FORMAT`)."""


CSL_CITATION_SCHEMA = "https://resource.citationstyles.org/schema/v1.0/input/json/csl-citation.json"


def _csl_text(text: str) -> str:
    """Text shown as written: a tag of CSL's rich text in our text is broken by an invisible zero-width
    non-joiner after its `<`, so no processor reads it as markup (our own `nocase` spans are added after this)."""
    return _CSL_TAG.sub("<" + ZERO_WIDTH_NON_JOINER, text)


def _nocase(text: str) -> str:
    return f'<span class="nocase">{text}</span>'


def _csl_cased(text: str, source: Source) -> str:
    """Text with its proper nouns and acronyms in `nocase` spans: neither title case nor sentence case
    changes them. Neighbouring words share one span ("Lei Jun", not two), as Zotero shows it in a title."""
    spanned = protected(_csl_text(text), nouns_of(source), str, _nocase)
    return spanned.replace('</span> <span class="nocase">', " ")


def _csl_title(source: Source) -> str:
    """The title; a bracketed description is ours, not a title, and kept as written."""
    return _csl_cased(source.title, source) if source.title else _nocase(_csl_text(f"[{description(source)}]"))


def _csl_name(name: Name) -> dict[str, str | bool]:
    """A literal name for an organisation; a family-first name keeps its order (`static-ordering`)."""
    if name.literal or not name.given:
        return {"literal": _csl_text(name.natural)}
    return ({"family": _csl_text(name.family), "given": _csl_text(name.given)}
            | ({"static-ordering": True} if name.family_first else {}))


def csl_item(source: Source) -> dict[str, Any]:
    """A CSL-JSON item with only the known variables, valid against the CSL schema; a title nobody knows is
    the bracketed description, as APA prints it. The key is also in `note` as Zotero's `Citation Key:` line, and
    a date known only as a bound is a line of its own there (`published_after_note`), not `issued`."""
    short = short_title(source.title) if source.title else None
    item = {
        "id": source.id,
        "type": _CSL_TYPES.get(source.kind, "webpage"),
        "title": _csl_title(source),
        "title-short": _csl_cased(short, source) if short and short != source.title else None,
        "container-title": source.publisher and _nocase(_csl_text(source.publisher)),  # a name, kept as written
        "author": [_csl_name(name) for name in authors(source)] or None,
        "issued": {"date-parts": [source.published.csl_date_parts()]} if source.published else None,
        "URL": source.url,
        "language": source.language or None,  # a document known from a party may not say
        "note": _notes(source),
    }
    return {key: value for key, value in item.items() if value is not None}


def csl_citation_item(source: Source, claim: Claim) -> dict[str, Any]:
    """The cite-time part: which item, at which paragraph (a CSL citation-item)."""
    return {"id": source.id} | ({"locator": str(claim.para), "label": "paragraph"} if claim.para else {})


def csl_reference(source: Source) -> str:
    """A document alone: the CSL-JSON array of its one item (what Zotero and pandoc import)."""
    return json.dumps([csl_item(source)], indent=2, ensure_ascii=False)


def csl_claim(source: Source, claim: Claim, with_statement: bool) -> str:
    """CSL-JSON is data: the cited document's item; the paragraph and our statement are no part of it (the
    paragraph is in `csl-citation`)."""
    return csl_reference(source)


def csl_as_cited(primary: Source, secondary: Source, claim: Claim, with_statement: bool) -> str:
    """Only the source read is in the reference list (APA 7 \u00a78.6)."""
    return csl_reference(secondary)


def _csl_citation(item: dict[str, Any], source: Source, citation_id: str) -> str:
    """A citeproc-js citation object, as Zotero keeps one in a Word field: the item's data inside it."""
    return json.dumps({"schema": CSL_CITATION_SCHEMA, "citationID": citation_id, "properties": {"noteIndex": 0},
                       "citationItems": [item | {"itemData": csl_item(source)}]}, indent=2, ensure_ascii=False)


def csl_citation_reference(source: Source) -> str:
    return _csl_citation({"id": source.id}, source, source.id)


def csl_citation_claim(source: Source, claim: Claim, with_statement: bool) -> str:
    """The claim's citation at its paragraph; data carries no statement of ours."""
    return _csl_citation(csl_citation_item(source, claim), source, claim.id)


def csl_citation_as_cited(primary: Source, secondary: Source, claim: Claim, with_statement: bool) -> str:
    """One item, the source read, with the original named in its `prefix`."""
    item = csl_citation_item(secondary, claim) | {"prefix": _csl_text(as_cited_prefix(primary)) + " "}
    return _csl_citation(item, secondary, claim.id)


# -- pandoc -------------------------------------------------------------------------------------


def pandoc_reference(source: Source) -> str:
    return f"[@{source.id}]"


def _drafted(citation: str, claim: Claim, with_statement: bool) -> str:
    """The statement escaped as pandoc's Markdown: its words, never a citation, maths or raw TeX of its own."""
    return f"{pandoc_text(claim.statement.removesuffix('.'))} {citation}." if with_statement else citation


def _locator(claim: Claim) -> str:
    return f", para. {claim.para}" if claim.para else ""


def pandoc_claim(source: Source, claim: Claim, with_statement: bool) -> str:
    """`[@cnevpost2023a, para. 18]`, for a Markdown draft with the bibliography export beside it."""
    return _drafted(f"[@{source.id}{_locator(claim)}]", claim, with_statement)


def pandoc_as_cited(primary: Source, secondary: Source, claim: Claim, with_statement: bool) -> str:
    """`[Reuters, 2023, as cited in @cnevpost2023a, para. 13]`: the original in the citation's prefix."""
    prefix = markdown_text(as_cited_prefix(primary), "\\`*_[]<@;")
    return _drafted(f"[{prefix} @{secondary.id}{_locator(claim)}]", claim, with_statement)


# -- RIS ----------------------------------------------------------------------------------------

_RIS_TYPES = {"news": "NEWS", "blog": "BLOG"}


def ris(source: Source) -> str:
    """One RIS record (Zotero, EndNote and Mendeley import it): tags of two letters, `ER` closing it."""
    names = authors(source)
    lines: list[tuple[str, str | None]] = [("TY", _RIS_TYPES.get(source.kind, "ELEC")), ("ID", source.id)]
    lines += [("AU", name.natural if name.literal or name.family_first or not name.given
               else f"{name.family}, {name.given}") for name in names]
    lines += [("TI", source.title or f"[{description(source)}]"), ("T2", source.publisher)]
    if source.published:
        parts = source.published.csl_date_parts()
        lines += [("PY", str(parts[0])), ("DA", "/".join(f"{part:02d}" for part in parts) + "/" * (4 - len(parts)))]
    lines += [("UR", source.url), ("LA", source.language or None), ("M2", citation_key_note(source)),
              ("N1", published_after_note(source)), ("ER", "")]
    return "\n".join(f"{tag}  - {value}" for tag, value in lines if value is not None)
