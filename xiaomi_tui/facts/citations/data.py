"""BibTeX (biblatex) entries and CSL-JSON items: citations as data, for reference managers and pandoc."""

from __future__ import annotations

import json
import unicodedata
from typing import TYPE_CHECKING

from xiaomi_tui.facts.citations.names import inverted, split_name
from xiaomi_tui.facts.citations.text import ISO_DATE, format_date, paragraph, percent_encoded

if TYPE_CHECKING:
    from xiaomi_tui.facts.records import Claim, Source


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


def bibtex_key(source: Source) -> str:
    """`mcdee2023`: the author's family name, else the publisher, else the source id, then the year."""
    family = split_name(source.author)[1] if source.author else None
    stem = next(key for key in map(_ascii_key, (family, source.publisher, source.id)) if key)
    return stem + (str(source.published.start.year) if source.published else "")


def bibtex(source: Source, extra: dict[str, str] | None = None) -> str:
    """An `@online` entry; values are TeX-escaped, the URL (a verbatim field) only percent-encodes braces."""
    fields = {
        "author": inverted(source.author) if source.author else None,
        "title": source.title,
        "organization": source.publisher,
        "date": format_date(source.published, ISO_DATE),
        "url": source.url and percent_encoded(source.url, "{}\\"),
        "langid": _LANGIDS.get(source.language.split("-")[0]),
        **(extra or {}),
    }
    body = ",\n".join(
        f"  {name} = {{{value if name == 'url' else value.translate(_TEX_SPECIALS)}}}"
        for name, value in fields.items() if value
    )
    return f"@online{{{bibtex_key(source)},\n{body}\n}}"


def bibtex_claim(source: Source, claim: Claim, with_statement: bool) -> str:
    """The source's entry with the paragraph as `note` and our statement as `annotation`."""
    extra = {"note": paragraph(claim)}
    if with_statement:
        extra["annotation"] = claim.statement
    return bibtex(source, extra)


def bibtex_as_cited(primary: Source, secondary: Source, claim: Claim, with_statement: bool) -> str:
    """Both entries: the origin's, noting where it was cited, then the source's with the paragraph."""
    origin = bibtex(primary, {"note": f"Cited in {bibtex_key(secondary)}, {paragraph(claim)}"})
    return f"{origin}\n\n{bibtex_claim(secondary, claim, with_statement)}"


# -- CSL-JSON -----------------------------------------------------------------------------------

_CSL_TYPES = {"news": "article-newspaper", "blog": "post-weblog"}


def csl_item(source: Source, claim: Claim | None = None) -> dict:
    """A CSL-JSON item with only the known variables; a claim's item carries its id and paragraph locator."""
    author = None
    if source.author:
        given, family = split_name(source.author)
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


def csl_reference(source: Source) -> str:
    return _csl_json(csl_item(source))


def csl_claim(source: Source, claim: Claim, with_statement: bool) -> str:
    item = csl_item(source, claim)
    if with_statement:
        item["note"] = claim.statement
    return _csl_json(item)


def csl_as_cited(primary: Source, secondary: Source, claim: Claim, with_statement: bool) -> str:
    """Both items: the origin's, noting the item it was cited in, then the source's with its locator."""
    cited_in = csl_item(secondary, claim)
    if with_statement:
        cited_in["note"] = claim.statement
    origin = csl_item(primary) | {"note": f"Cited in {cited_in['id']}, {paragraph(claim)}"}
    return json.dumps([origin, cited_in], indent=2, ensure_ascii=False)
