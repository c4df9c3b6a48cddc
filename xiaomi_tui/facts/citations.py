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

This module belongs to the data layer: standard library only, so the CLI can cite without Textual.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

from xiaomi_tui.facts.formatting import markdown_text
from xiaomi_tui.facts.records import Source

if TYPE_CHECKING:
    from xiaomi_tui.facts.fuzzydate import FuzzyDate
    from xiaomi_tui.facts.model import FactBase
    from xiaomi_tui.facts.records import Claim, Party

__all__ = ["STYLES", "Citation", "Form", "NotCitable", "Style", "UnknownStyle", "cite", "cite_claim", "cite_source",
           "csl_item"]

_UNTITLED = "Untitled article"
"""The description APA, MLA and Chicago ask for in place of a missing title."""


# -- punctuation --------------------------------------------------------------------------------


def _end(text: str, mark: str) -> str:
    """Close `text` with `mark` unless it already ends in a stop (a title's own "?", a quoted "Title,")."""
    if text.endswith(("?", "!", mark)) or text[-2:] in ('."', ',"', '?"', '!"'):
        return text
    return text + mark


def _sentences(*parts: str | None) -> str:
    """Reference-list elements, each closed by a full stop: `Author. Title. Site.`"""
    return " ".join(_end(part, ".") for part in parts if part)


def _list(*parts: str | None) -> str:
    """Elements run on with commas, the last left open: `Site, date, URL`."""
    kept = [part for part in parts if part]
    return " ".join([_end(part, ",") for part in kept[:-1]] + kept[-1:])


def _quoted(title: str, mark: str) -> str:
    """A title in double quotes with the following comma or full stop inside them, as American styles want."""
    return f'"{_end(title, mark)}"'


def _cited(statement: str, citation: str) -> str:
    """Our statement with a parenthetical citation before its full stop."""
    return f"{statement.removesuffix('.')} ({citation})."


# -- names --------------------------------------------------------------------------------------


def _split_name(author: str) -> tuple[str | None, str]:
    """(given, family): a personal name splits at its last space; one without a space is a literal name."""
    given, _, family = " ".join(author.split()).rpartition(" ")
    return given or None, family


def _inverted(author: str) -> str:
    """ "Max McDee" -> "McDee, Max", for an alphabetised list."""
    given, family = _split_name(author)
    return f"{family}, {given}" if given else family


def _apa_author(author: str) -> str:
    """ "Max McDee" -> "McDee, M."; hyphenated given names keep the hyphen ("J.-P.")."""
    given, family = _split_name(author)
    if not given:
        return family
    initials = " ".join("-".join(f"{part[0]}." for part in word.split("-") if part) for word in given.split())
    return f"{family}, {initials}"


# -- titles -------------------------------------------------------------------------------------

_MINOR_WORDS_APA = frozenset([
    "a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "off", "on", "or", "per", "so", "the", "to", "up",
    "via", "yet",
])
"""Articles, conjunctions and short prepositions: lowercase inside a title in every style (APA stops here)."""

_MINOR_WORDS_MLA_CHICAGO = _MINOR_WORDS_APA | frozenset([
    "about", "above", "across", "against", "along", "among", "around", "behind", "below", "beneath", "beside", "between",
    "beyond", "despite", "during", "except", "from", "into", "onto", "through", "toward", "towards", "upon", "with",
    "within", "without",
])
"""MLA and Chicago also lowercase longer prepositions."""


def _title_case(title: str, minor: frozenset[str]) -> str:
    """Capitalise lowercase words except minor ones; words with capitals ("iPhone", "EV") and markup are kept."""
    words = title.split(" ")

    def capitalised(word: str, forced: bool) -> str:
        if not word[:1].islower() or any(char.isupper() for char in word):
            return word
        if not forced and word.rstrip(",;:.!?") in minor:
            return word
        return word[0].upper() + word[1:]

    cased = []
    for index, word in enumerate(words):
        forced = index in (0, len(words) - 1) or words[index - 1].endswith(":")
        parts = word.split("-")
        cased.append("-".join(capitalised(part, forced and position == 0) for position, part in enumerate(parts)))
    return " ".join(cased)


def _headline(source: Source, minor: frozenset[str]) -> str | None:
    """The title in title case; other languages have their own rules, so non-English titles stay as published."""
    if source.title is None or not source.language.startswith("en"):
        return source.title
    return _title_case(source.title, minor)


def _quoted_headline(source: Source, mark: str) -> str:
    """MLA's and Chicago's title element: quoted in title case, or described when there is none."""
    return _quoted(_headline(source, _MINOR_WORDS_MLA_CHICAGO), mark) if source.title else _UNTITLED


def _short_title(title: str) -> str:
    """The first few words of a title, for in-text citations of unsigned works: no subtitle, no dangling "to"."""
    words = title.split(":")[0].split()[:4]
    while len(words) > 1 and words[-1].lower() in _MINOR_WORDS_MLA_CHICAGO:
        words.pop()
    return " ".join(words).rstrip(",;-\u2013\u2014")


# -- dates --------------------------------------------------------------------------------------

_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_MLA_MONTHS = ("", "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


class _DateForm(NamedTuple):
    """How a style writes a year, a month and a day (fields y, m = month name, n = month number, d), and no date."""

    patterns: tuple[str, str, str]
    months: tuple[str, ...] = _MONTHS
    missing: str | None = None


_APA_DATE = _DateForm(("{y}", "{y}, {m}", "{y}, {m} {d}"), missing="n.d.")
_MLA_DATE = _DateForm(("{y}", "{m} {y}", "{d} {m} {y}"), _MLA_MONTHS)
_CHICAGO_DATE = _DateForm(("{y}", "{m} {y}", "{m} {d}, {y}"), missing="n.d.")
_ISO_DATE = _DateForm(("{y}", "{y}-{n:02d}", "{y}-{n:02d}-{d:02d}"))
_YEAR_DATE = _DateForm(("{y}",) * 3, missing="n.d.")
"""Author-date in-text citations give the year alone: (McDee, 2023)."""


def _format_date(published: FuzzyDate | None, form: _DateForm) -> str | None:
    """As precise as the date is known: a half, a quarter or "early 2024" is cited as its year."""
    if published is None:
        return form.missing
    parts = published.csl_date_parts()
    year, month, day = [*parts, 0, 0][:3]
    return form.patterns[len(parts) - 1].format(y=year, m=form.months[month], n=month, d=day)


# -- shared elements ----------------------------------------------------------------------------


def _site(source: Source) -> str | None:
    """The publisher as container, left out when it is also the author (a news agency's own story)."""
    return source.publisher if source.publisher != source.author else None


def _percent_encoded(url: str, characters: str) -> str:
    """The same URL with characters the output format would read escaped the way URLs escape them."""
    return "".join(f"%{ord(char):02X}" if char in characters else char for char in url)


def _paragraph(claim: Claim) -> str:
    return f"para. {claim.para}"


# -- APA 7 --------------------------------------------------------------------------------------


def _apa_reference(source: Source) -> str:
    """`McDee, M. (2023, November 4). Title. ArenaEV. URL`; unsigned: the title takes the author's place."""
    title = source.title or f"[{_UNTITLED}]"
    if source.author:
        lead, rest = _apa_author(source.author), title
    elif source.title or not source.publisher:
        lead, rest = title, None
    else:  # no byline and no headline: the site stands as group author
        lead, rest = source.publisher, title
    site = None if lead == source.publisher else _site(source)
    entry = _sentences(lead, f"({_format_date(source.published, _APA_DATE)})", rest, site)
    return " ".join(filter(None, [entry, source.url]))


def _apa_in_text(source: Source) -> str:
    """`McDee, 2023`; unsigned: a few words of the title in quotes and title case, `"Xiaomi EV-1," n.d.`."""
    if source.author:
        name = _split_name(source.author)[1]
    elif source.title:
        name = _quoted(_short_title(_headline(source, _MINOR_WORDS_APA)), ",")
    else:
        name = source.publisher or f"[{_UNTITLED}]"
    return _list(name, _format_date(source.published, _YEAR_DATE))


# -- MLA 9 --------------------------------------------------------------------------------------


def _mla_reference(source: Source) -> str:
    """`McDee, Max. "Title." ArenaEV, 4 Nov. 2023, m.arenaev.com/...`: no scheme in the URL, no date if unknown."""
    author = _inverted(source.author) if source.author and source.author != source.publisher else None
    title = _quoted_headline(source, ".")
    url = source.url.partition("://")[2] if source.url else None
    return _sentences(author, title, _list(source.publisher, _format_date(source.published, _MLA_DATE), url))


def _mla_in_text(source: Source) -> str:
    """`McDee`; an organisation that also publishes is no author, so the work goes by its short title."""
    if source.author and source.author != source.publisher:
        return _split_name(source.author)[1]
    if source.title:
        return _quoted(_short_title(_headline(source, _MINOR_WORDS_MLA_CHICAGO)), ",")
    return _UNTITLED


# -- Chicago notes-bibliography -----------------------------------------------------------------


def _chicago_bibliography(source: Source) -> str:
    """`McDee, Max. "Title." ArenaEV, November 4, 2023. URL.`; unsigned: the site stands first (CMOS 14.207)."""
    lead = _inverted(source.author) if source.author else source.publisher
    title = _quoted_headline(source, ".")
    site = None if lead == source.publisher else _site(source)
    return _sentences(lead, title, _list(site, _format_date(source.published, _CHICAGO_DATE)), source.url)


def _chicago_note(source: Source, claim: Claim) -> str:
    """`Max McDee, "Title," ArenaEV, November 4, 2023, para. 5, URL.`; unsigned notes begin with the title."""
    title = _quoted_headline(source, ",")
    date = _format_date(source.published, _CHICAGO_DATE)
    return _end(_list(source.author, title, _site(source), date, _paragraph(claim), source.url), ".")


def _chicago_claim(source: Source, claim: Claim, with_statement: bool) -> str:
    """The footnote; with the statement, the statement then the footnote in a paragraph of its own."""
    note = _chicago_note(source, claim)
    return f"{claim.statement}\n\n{note}" if with_statement else note


# -- BibTeX (biblatex) --------------------------------------------------------------------------

_TEX_SPECIALS = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
    "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
})

_LANGIDS = {"en": "english", "de": "german", "fr": "french", "es": "spanish", "it": "italian",
            "pt": "portuguese", "nl": "dutch", "ru": "russian"}
"""biblatex `langid` values (babel names) for the languages babel hyphenates; others are left out."""


def _ascii_key(text: str | None) -> str:
    """Lowercase ASCII letters and digits only: "Müller" -> "muller", "小米" -> ""."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(char for char in folded if char.isalnum())


def _bibtex_key(source: Source) -> str:
    """`mcdee2023`: the author's family name, else the publisher, else the source id, then the year."""
    family = _split_name(source.author)[1] if source.author else None
    stem = next(key for key in map(_ascii_key, (family, source.publisher, source.id)) if key)
    return stem + (str(source.published.start.year) if source.published else "")


def _bibtex(source: Source, extra: dict[str, str] | None = None) -> str:
    """An `@online` entry; values are TeX-escaped, the URL (a verbatim field) only percent-encodes braces."""
    fields = {
        "author": _inverted(source.author) if source.author else None,
        "title": source.title,
        "organization": source.publisher,
        "date": _format_date(source.published, _ISO_DATE),
        "url": source.url and _percent_encoded(source.url, "{}\\"),
        "langid": _LANGIDS.get(source.language.split("-")[0]),
        **(extra or {}),
    }
    body = ",\n".join(
        f"  {name} = {{{value if name == 'url' else value.translate(_TEX_SPECIALS)}}}"
        for name, value in fields.items() if value
    )
    return f"@online{{{_bibtex_key(source)},\n{body}\n}}"


def _bibtex_claim(source: Source, claim: Claim, with_statement: bool) -> str:
    """The source's entry with the paragraph as `note` and our statement as `annotation`."""
    extra = {"note": _paragraph(claim)}
    if with_statement:
        extra["annotation"] = claim.statement
    return _bibtex(source, extra)


# -- CSL-JSON -----------------------------------------------------------------------------------

_CSL_TYPES = {"news": "article-newspaper", "blog": "post-weblog"}


def csl_item(source: Source, claim: Claim | None = None) -> dict:
    """A CSL-JSON item with only the known variables; a claim's item carries its id and paragraph locator."""
    author = None
    if source.author:
        given, family = _split_name(source.author)
        author = [{"family": family, "given": given} if given else {"literal": family}]
    item = {
        "id": claim.id if claim else source.id,
        "type": _CSL_TYPES.get(source.kind, "webpage"),
        "title": source.title,
        "container-title": source.publisher,
        "author": author,
        "issued": {"date-parts": [source.published.csl_date_parts()]} if source.published else None,
        "URL": source.url,
        "language": source.language or None,  # a document known from a party may not say
    }
    if claim:
        item.update({"locator": str(claim.para), "label": "paragraph"})
    return {key: value for key, value in item.items() if value is not None}


def _csl_json(item: dict) -> str:
    """An array of one item: the shape Zotero and pandoc import."""
    return json.dumps([item], indent=2, ensure_ascii=False)


def _csl_reference(source: Source) -> str:
    return _csl_json(csl_item(source))


def _csl_claim(source: Source, claim: Claim, with_statement: bool) -> str:
    item = csl_item(source, claim)
    if with_statement:
        item["note"] = claim.statement
    return _csl_json(item)


# -- Markdown and plain -------------------------------------------------------------------------

def _markdown(source: Source, locator: str | None = None) -> str:
    """`[ArenaEV — Title](URL), 4 Nov 2023, para. 5`; without a URL the text is not a link."""
    text = markdown_text(" \u2014 ".join(filter(None, [source.publisher, source.title])) or source.id)
    link = f"[{text}]({_percent_encoded(source.url, '()')})" if source.url else text
    return _list(link, source.published and source.published.human(), locator)


def _plain(source: Source, locator: str | None = None) -> str:
    """`ArenaEV, "Title", 4 Nov 2023, para. 5, URL`, dates as people say them ("H1 2024")."""
    title = f'"{source.title}"' if source.title else None
    name = source.publisher or (None if title else source.id)
    return _list(name, title, source.published and source.published.human(), locator, source.url)


# -- "as cited in": the origin's document through the source ---------------------------------------


def _voice(source: Source) -> str:
    """Who a document speaks as, for running text: the author's family name, else the publisher or title."""
    if source.author:
        return _split_name(source.author)[1]
    return source.publisher or source.title or _UNTITLED


def _parenthetical_as_cited(
    reference: Callable[[Source], str], in_text: Callable[[Source, Source, str], str], label: str
) -> Callable[[Source, Source, Claim, bool], str]:
    """APA and MLA: the in-text citation naming both, then the reference entry of the source read (only it)."""
    def cite(primary: Source, secondary: Source, claim: Claim, with_statement: bool) -> str:
        citation = in_text(primary, secondary, f"{label} {claim.para}")
        lead = _cited(claim.statement, citation) if with_statement else f"({citation})"
        return f"{lead}\n\n{reference(secondary)}"
    return cite


def _apa_as_cited_in_text(primary: Source, secondary: Source, locator: str) -> str:
    """`Reuters, 2023, as cited in CnEVPost, 2023, para. 13` (APA 7 §8.6)."""
    return f"{_apa_in_text(primary)}, as cited in {_apa_in_text(secondary)}, {locator}"


def _mla_as_cited_in_text(primary: Source, secondary: Source, locator: str) -> str:
    """`Reuters qtd. in "Xiaomi Electric Sedan," par. 11`: MLA names the original before "qtd. in"."""
    return f"{_voice(primary)} qtd. in {_list(_mla_in_text(secondary), locator)}"


def _chicago_as_cited(primary: Source, secondary: Source, claim: Claim, with_statement: bool) -> str:
    """`Reuters, August 23, 2023, quoted in <the source's note>.` (CMOS 14.260)."""
    title = _quoted_headline(primary, ",") if primary.title else None
    original = _list(primary.author, title, _site(primary), _format_date(primary.published, _CHICAGO_DATE))
    note = f"{_end(original, ',')} quoted in {_chicago_note(secondary, claim)}"
    return f"{claim.statement}\n\n{note}" if with_statement else note


def _bibtex_as_cited(primary: Source, secondary: Source, claim: Claim, with_statement: bool) -> str:
    """Both entries: the origin's, noting where it was cited, then the source's with the paragraph."""
    origin = _bibtex(primary, {"note": f"Cited in {_bibtex_key(secondary)}, {_paragraph(claim)}"})
    return f"{origin}\n\n{_bibtex_claim(secondary, claim, with_statement)}"


def _csl_as_cited(primary: Source, secondary: Source, claim: Claim, with_statement: bool) -> str:
    """Both items: the origin's, noting the item it was cited in, then the source's with its locator."""
    cited_in = csl_item(secondary, claim)
    if with_statement:
        cited_in["note"] = claim.statement
    origin = csl_item(primary) | {"note": f"Cited in {cited_in['id']}, {_paragraph(claim)}"}
    return json.dumps([origin, cited_in], indent=2, ensure_ascii=False)


def _inline_as_cited(
    render: Callable[[Source, str | None], str], escape: Callable[[str], str] = str
) -> Callable[[Source, Source, Claim, bool], str]:
    """Markdown and plain: `<origin>, as cited in <source>, para. 13`."""
    def cite(primary: Source, secondary: Source, claim: Claim, with_statement: bool) -> str:
        origin = _list(primary.author, render(primary, None))
        citation = f"{origin}, as cited in {render(secondary, _paragraph(claim))}"
        return _cited(escape(claim.statement), citation) if with_statement else citation
    return cite


# -- styles -------------------------------------------------------------------------------------


def _parenthetical(
    reference: Callable[[Source], str], in_text: Callable[[Source], str], label: str
) -> Callable[[Source, Claim, bool], str]:
    """APA and MLA: the entry with its locator, or our statement cited in the text above the entry."""
    def cite(source: Source, claim: Claim, with_statement: bool) -> str:
        entry = reference(source)
        locator = f"{label} {claim.para}"
        if with_statement:
            return f"{_cited(claim.statement, _list(in_text(source), locator))}\n\n{entry}"
        return f"{entry} ({locator})"
    return cite


def _inline(
    render: Callable[[Source, str | None], str], escape: Callable[[str], str] = str
) -> Callable[[Source, Claim, bool], str]:
    """Markdown and plain: the reference with the paragraph, after our statement when asked for."""
    def cite(source: Source, claim: Claim, with_statement: bool) -> str:
        citation = render(source, _paragraph(claim))
        return _cited(escape(claim.statement), citation) if with_statement else citation
    return cite


@dataclass(frozen=True)
class Style:
    """A citation style: how it cites a document, one claim in it, and a claim's origin as cited in it."""

    key: str
    label: str
    reference: Callable[[Source], str]
    claim: Callable[[Source, Claim, bool], str]
    as_cited: Callable[[Source, Source, Claim, bool], str]


STYLES: dict[str, Style] = {style.key: style for style in (
    Style("apa", "APA 7", _apa_reference, _parenthetical(_apa_reference, _apa_in_text, "para."),
          _parenthetical_as_cited(_apa_reference, _apa_as_cited_in_text, "para.")),
    Style("mla", "MLA 9", _mla_reference, _parenthetical(_mla_reference, _mla_in_text, "par."),
          _parenthetical_as_cited(_mla_reference, _mla_as_cited_in_text, "par.")),
    Style("chicago", "Chicago (notes-bibliography)", _chicago_bibliography, _chicago_claim, _chicago_as_cited),
    Style("bibtex", "BibTeX", _bibtex, _bibtex_claim, _bibtex_as_cited),
    Style("csl-json", "CSL-JSON", _csl_reference, _csl_claim, _csl_as_cited),
    Style("markdown", "Markdown link", _markdown, _inline(_markdown, markdown_text),
          _inline_as_cited(_markdown, markdown_text)),
    Style("plain", "Plain text", _plain, _inline(_plain), _inline_as_cited(_plain)),
)}


class UnknownStyle(ValueError):
    """A style key not in STYLES; the message lists the valid ones."""

    def __init__(self, style: str):
        self.style = style
        super().__init__(f"unknown citation style {style!r}; choose one of {', '.join(STYLES)}")


def _style(key: str) -> Style:
    try:
        return STYLES[key]
    except KeyError:
        raise UnknownStyle(key) from None


def cite_source(source: Source, style: str) -> str:
    """The reference-list entry for a document (Chicago: the bibliography entry)."""
    return _style(style).reference(source)


Form = Literal["claim", "as-cited", "origin"]
"""What to cite: the claim in its source, its origin's document as cited in the source, or that document alone."""


class NotCitable(ValueError):
    """The claim's origin has no document known well enough to cite; the message says whose origin."""


@dataclass(frozen=True)
class Citation:
    """The text to paste, and a note when something other than what was asked for is cited, and why."""

    text: str
    note: str | None = None


def document_source(party: Party) -> Source:
    """A document party as a source to cite, with only what is known of it."""
    return Source(id=party.id, publisher=party.publisher, title=party.title, author=party.author,
                  published=party.published, url=party.url, language=party.language or "")


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


def cite(facts: FactBase, claim: Claim, style: str, form: Form = "claim", with_statement: bool = False) -> Citation:
    """A claim cited in one of three forms (see `Form`); raises `NotCitable` when the origin has no document."""
    chosen = _style(style)
    if form == "origin":
        return Citation(chosen.reference(document_source(origin_document(facts, claim))))
    stand_in = _stand_in(facts, claim)
    source = facts.sources[claim.source] if stand_in is None else document_source(stand_in)
    note = None if stand_in is None else (
        f"source {claim.source!r} names no publisher or title, so this cites what it credits, "
        f"{stand_in.name}, as a whole (the paragraph numbers are the source's)")
    if form == "as-cited":
        document = origin_document(facts, claim)
        if stand_in is None or document.id != stand_in.id:
            return Citation(chosen.as_cited(document_source(document), source, claim, with_statement), note)
        # Otherwise the origin's document is the very one cited below: "as cited in" itself adds nothing.
    if stand_in is None:
        return Citation(chosen.claim(source, claim, with_statement))
    entry = chosen.reference(source)
    return Citation(f"{claim.statement}\n\n{entry}" if with_statement else entry, note)


def cite_claim(facts: FactBase, claim: Claim, style: str, with_statement: bool = False) -> str:
    """A claim's source cited at the claim's paragraph, as one pasteable text.

    - APA, MLA: `<reference> (para. 5)`; with the statement, `<statement> (McDee, 2023, para. 5).`,
      a blank line, then the reference.
    - Chicago: the full footnote with `para. 5`; with the statement, the statement, a blank line, the note.
    - BibTeX: the entry with `note = {para. 5}`, and the statement as `annotation`.
    - CSL-JSON: the item (id = the claim's id) with `locator` and `label`, and the statement as `note`.
    - Markdown, plain: `<reference>, para. 5`; with the statement, `<statement> (<that>).`
    """
    return cite(facts, claim, style, with_statement=with_statement).text
