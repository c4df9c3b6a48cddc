"""Citations as data, for reference managers and pandoc: biblatex entries, CSL-JSON items, RIS records, and
pandoc's `[@key, para. 5]`. An item is a document; the paragraph is a locator given when citing it, never a
field of the item (the CSL schema has no `label` in item data, and biblatex's `note` would print in the entry).
The source's `id` is the item's key: the bibliography hands these formatters sources keyed for it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from xiaomi_tui.facts.citations.names import Name, authors
from xiaomi_tui.facts.citations.text import ISO_DATE, description, format_date, percent_encoded

if TYPE_CHECKING:
    from xiaomi_tui.facts.model.records import Claim, Source


# -- biblatex -----------------------------------------------------------------------------------

_TEX_SPECIALS = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
    "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
})

_LANGIDS = {"en": "english", "de": "german", "fr": "french", "es": "spanish", "it": "italian",
            "pt": "portuguese", "nl": "dutch", "ru": "russian"}
"""biblatex `langid` values (babel names) for the languages babel hyphenates; others are left out."""


def _tex(text: str) -> str:
    return text.translate(_TEX_SPECIALS)


def _biblatex_name(name: Name) -> str:
    """ "McDee, Max"; an organisation or a family-first name in braces, one unit biblatex never turns round."""
    if name.literal or name.family_first or not name.given:
        return "{" + _tex(name.natural) + "}"
    return f"{_tex(name.family)}, {_tex(name.given)}"


def _entry_type(source: Source, names: list[Name]) -> str:
    """A signed news article we read at its address is an `@article` (author, journaltitle, title, date are what
    it needs); another page with an address is `@online`; anything else `@misc`."""
    if names and source.publisher and source.published and source.url and source.kind == "news":
        return "article"
    return "online" if source.url else "misc"


def bibtex(source: Source) -> str:
    """A biblatex entry with what is known; values TeX-escaped, the URL (verbatim) only percent-encodes braces."""
    names = authors(source)
    kind = _entry_type(source, names)
    fields = {
        "author": " and ".join(map(_biblatex_name, names)) or None,
        "title": _tex(source.title or f"[{description(source)}]"),
        "journaltitle" if kind == "article" else "organization": source.publisher and _tex(source.publisher),
        "date": format_date(source.published, ISO_DATE),
        "url": source.url and percent_encoded(source.url, "{}\\"),
        "langid": _LANGIDS.get(source.language.split("-")[0]),
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
    return f"@{kind}{{{source.id},\n{body}\n}}"


def _postnote(claim: Claim) -> str:
    return f"[para.~{claim.para}]" if claim.para else ""


def _autocite(source: Source, claim: Claim) -> str:
    return f"\\autocite{_postnote(claim)}{{{source.id}}}"


def _drafted_tex(command: str, claim: Claim, with_statement: bool) -> str:
    return f"{_tex(claim.statement.removesuffix('.'))} {command}." if with_statement else command


def bibtex_claim(source: Source, claim: Claim, with_statement: bool) -> str:
    """The entry, then the command that cites it at the paragraph (after our statement when asked for)."""
    command = _autocite(source, claim)
    return f"{bibtex(source)}\n\n{_drafted_tex(command, claim, with_statement)}"


def bibtex_as_cited(primary: Source, secondary: Source, claim: Claim, with_statement: bool) -> str:
    """Both entries, then biblatex's "as cited in": `\\autocites{origin}[as cited in][para.~17]{source}`."""
    command = f"\\autocites{{{primary.id}}}[as cited in]{_postnote(claim) or '[]'}{{{secondary.id}}}"
    return f"{bibtex(primary)}\n\n{bibtex(secondary)}\n\n{_drafted_tex(command, claim, with_statement)}"


# -- CSL-JSON -----------------------------------------------------------------------------------

_CSL_TYPES = {"news": "article-newspaper", "blog": "post-weblog"}


def _csl_name(name: Name) -> dict[str, str | bool]:
    """A literal name for an organisation; a family-first name keeps its order (`static-ordering`)."""
    if name.literal or not name.given:
        return {"literal": name.natural}
    return {"family": name.family, "given": name.given} | ({"static-ordering": True} if name.family_first else {})


def csl_item(source: Source) -> dict[str, Any]:
    """A CSL-JSON item with only the known variables, valid against the CSL schema; a title nobody knows is
    the bracketed description, as APA prints it."""
    item = {
        "id": source.id,
        "type": _CSL_TYPES.get(source.kind, "webpage"),
        "title": source.title or f"[{description(source)}]",
        "container-title": source.publisher,
        "author": [_csl_name(name) for name in authors(source)] or None,
        "issued": {"date-parts": [source.published.csl_date_parts()]} if source.published else None,
        "URL": source.url,
        "language": source.language or None,  # a document known from a party may not say
    }
    return {key: value for key, value in item.items() if value is not None}


def csl_citation_item(source: Source, claim: Claim) -> dict[str, Any]:
    """The cite-time part: which item, at which paragraph (a CSL citation-item)."""
    return {"id": source.id} | ({"locator": str(claim.para), "label": "paragraph"} if claim.para else {})


def _csl_json(items: list[dict[str, Any]], citation: list[dict[str, Any]], claim: Claim | None, with_statement: bool) -> str:
    """`items` (CSL-JSON, what Zotero and pandoc import) and `citationItems` (what to cite where), apart."""
    shape: dict[str, Any] = {"items": items, "citationItems": citation}
    if with_statement and claim is not None:
        shape["statement"] = claim.statement
    return json.dumps(shape, indent=2, ensure_ascii=False)


def csl_reference(source: Source) -> str:
    """A document alone: the CSL-JSON array of its one item."""
    return json.dumps([csl_item(source)], indent=2, ensure_ascii=False)


def csl_claim(source: Source, claim: Claim, with_statement: bool) -> str:
    return _csl_json([csl_item(source)], [csl_citation_item(source, claim)], claim, with_statement)


def csl_as_cited(primary: Source, secondary: Source, claim: Claim, with_statement: bool) -> str:
    """Both items; the citation names the origin, then the source "as cited in" at its paragraph."""
    citation = [{"id": primary.id}, {**csl_citation_item(secondary, claim), "prefix": "as cited in"}]
    return _csl_json([csl_item(primary), csl_item(secondary)], citation, claim, with_statement)


# -- pandoc -------------------------------------------------------------------------------------


def pandoc_reference(source: Source) -> str:
    return f"[@{source.id}]"


def _drafted(citation: str, claim: Claim, with_statement: bool) -> str:
    return f"{claim.statement.removesuffix('.')} {citation}." if with_statement else citation


def _locator(claim: Claim) -> str:
    return f", para. {claim.para}" if claim.para else ""


def pandoc_claim(source: Source, claim: Claim, with_statement: bool) -> str:
    """`[@cnevpost2023a, para. 18]`, for a Markdown draft with the bibliography export beside it."""
    return _drafted(f"[@{source.id}{_locator(claim)}]", claim, with_statement)


def pandoc_as_cited(primary: Source, secondary: Source, claim: Claim, with_statement: bool) -> str:
    """`[@reuters2023; as cited in @cnevpost2023a, para. 13]`."""
    return _drafted(f"[@{primary.id}; as cited in @{secondary.id}{_locator(claim)}]", claim, with_statement)


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
    lines += [("UR", source.url), ("LA", source.language or None), ("ER", "")]
    return "\n".join(f"{tag}  - {value}" for tag, value in lines if value is not None)
