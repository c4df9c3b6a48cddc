"""The pieces every style is built of: punctuation, titles and their case, dates as each style writes them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from xiaomi_tui.facts.model.fuzzydate import FuzzyDate
    from xiaomi_tui.facts.model.records import Claim, Source

_KINDS = {"news": "News article", "blog": "Blog post", "analysis": "Analysis", "aggregator": "News article",
          "press-release": "Press release", "social": "Social media post"}


def description(source: Source) -> str:
    """What the work is, for styles that describe a work whose title nobody knows (never "untitled": it has
    one, we do not know it). The fact base's `description`, else what its kind tells."""
    return source.description or _KINDS.get(source.kind, "Web page")


# -- punctuation --------------------------------------------------------------------------------


def end(text: str, mark: str) -> str:
    """Close `text` with `mark` unless it already ends in a stop (a title's own "?", a quoted "Title,")."""
    if text.endswith(("?", "!", mark)) or text[-2:] in ('."', ',"', '?"', '!"'):
        return text
    return text + mark


def sentences(*parts: str | None) -> str:
    """Reference-list elements, each closed by a full stop: `Author. Title. Site.`"""
    return " ".join(end(part, ".") for part in parts if part)


def run_on(*parts: str | None) -> str:
    """Elements run on with commas, the last left open: `Site, date, URL`."""
    kept = [part for part in parts if part]
    return " ".join([end(part, ",") for part in kept[:-1]] + kept[-1:])


_INNER_QUOTES = str.maketrans({'"': "'", "\u201c": "\u2018", "\u201d": "\u2019"})


def quoted(title: str, mark: str) -> str:
    """A title in double quotes with the following comma or full stop inside them, as American styles want;
    quotation marks inside it become single ones."""
    return f'"{end(title.translate(_INNER_QUOTES), mark)}"'


def cited(statement: str, citation: str) -> str:
    """Our statement with a parenthetical citation before its full stop."""
    return f"{statement.removesuffix('.')} ({citation})."


# -- titles -------------------------------------------------------------------------------------

MINOR_WORDS_APA = frozenset([
    "a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "off", "on", "or", "per", "so", "the", "to", "up",
    "via", "yet",
])
"""Articles, conjunctions and short prepositions: lowercase inside a title in every style (APA stops here)."""

MINOR_WORDS_MLA_CHICAGO = MINOR_WORDS_APA | frozenset([
    "about", "above", "across", "against", "along", "among", "around", "behind", "below", "beneath", "beside", "between",
    "beyond", "despite", "during", "except", "from", "into", "onto", "through", "toward", "towards", "upon", "with",
    "within", "without",
])
"""MLA and Chicago also lowercase longer prepositions."""


def title_case(title: str, minor: frozenset[str]) -> str:
    """Capitalise lowercase words except minor ones; words with capitals ("iPhone", "EV") and markup are kept."""
    words = title.split(" ")

    def capitalised(word: str, forced: bool) -> str:
        quote = word[:1] if word[:1] in "'\"\u2018\u201c" else ""  # a quotation inside the title
        bare = word[len(quote):]
        if not bare[:1].islower() or any(char.isupper() for char in bare):
            return word
        if not forced and bare.rstrip(",;:.!?'\"\u2019\u201d") in minor:
            return word
        return quote + bare[0].upper() + bare[1:]

    cased = []
    for index, word in enumerate(words):
        forced = index in (0, len(words) - 1) or words[index - 1].endswith(":")
        parts = word.split("-")
        cased.append("-".join(capitalised(part, forced and position == 0) for position, part in enumerate(parts)))
    return " ".join(cased)


def looks_title_case(title: str) -> bool:
    """Every longer word capitalised past the first ("Xiaomi Held Exclusive Closed-Door Meeting"): three at least,
    so a sentence-case title with proper nouns in it ("Xiaomi attacks Tesla and Porsche") does not look so."""
    words = [word for part in title.split(":") for word in part.split()[1:] if len(word) > 3 and word[0].isalpha()]
    return len(words) >= 3 and all(word[0].isupper() for word in words)


def headline(source: Source, minor: frozenset[str]) -> str:
    """The title in title case; other languages have their own rules, so non-English titles stay as published.
    Callers ask only for a source with a title."""
    title = source.title or ""
    return title_case(title, minor) if source.language.startswith("en") else title


def quoted_headline(source: Source, mark: str) -> str:
    """MLA's and Chicago's title element: quoted in title case; with no title known, the description, plain."""
    return quoted(headline(source, MINOR_WORDS_MLA_CHICAGO), mark) if source.title else description(source)


def short_title(title: str) -> str:
    """The first few words of a title, for in-text citations of unsigned works: no subtitle, no dangling "to"."""
    words = title.split(":")[0].split()[:4]
    while len(words) > 1 and words[-1].lower() in MINOR_WORDS_MLA_CHICAGO:
        words.pop()
    return " ".join(words).rstrip(",;-\u2013\u2014")


# -- dates --------------------------------------------------------------------------------------

_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_MLA_MONTHS = ("", "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


class DateForm(NamedTuple):
    """How a style writes a year, a month and a day (fields y, m = month name, n = month number, d), and no date."""

    patterns: tuple[str, str, str]
    months: tuple[str, ...] = _MONTHS
    missing: str | None = None


APA_DATE = DateForm(("{y}", "{y}, {m}", "{y}, {m} {d}"), missing="n.d.")
MLA_DATE = DateForm(("{y}", "{m} {y}", "{d} {m} {y}"), _MLA_MONTHS)
CHICAGO_DATE = DateForm(("{y}", "{m} {y}", "{m} {d}, {y}"), missing="n.d.")
ISO_DATE = DateForm(("{y}", "{y}-{n:02d}", "{y}-{n:02d}-{d:02d}"))
YEAR_DATE = DateForm(("{y}",) * 3, missing="n.d.")
"""Author-date in-text citations give the year alone: (McDee, 2023)."""


def format_date(published: FuzzyDate | None, form: DateForm) -> str | None:
    """As precise as the date is known: a half, a quarter or "early 2024" is cited as its year."""
    if published is None:
        return form.missing
    parts = published.csl_date_parts()
    year, month, day = [*parts, 0, 0][:3]
    return form.patterns[len(parts) - 1].format(y=year, m=form.months[month], n=month, d=day)


# -- rich text ----------------------------------------------------------------------------------

_ITALIC = ("\ue000", "\ue001")
"""Private-use marks around what a style sets in italics (the container); they never leave this package:
`unmarked` drops them and `html` makes them `<i>` (so a private-use character of these two in the fact base's own text is
dropped from a citation)."""


def italic(text: str) -> str:
    start, stop = _ITALIC
    return start + text.replace(start, "").replace(stop, "") + stop


def unmarked(marked: str) -> str:
    """The text as pasted into plain text: no marks."""
    start, stop = _ITALIC
    return marked.replace(start, "").replace(stop, "")


_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def html(marked: str) -> str:
    """The text as a word processor takes it from the clipboard (Zotero's Quick Copy as HTML): escaped, the
    marked parts in `<i>`, quotation marks and apostrophes curly, each block of the citation a paragraph."""
    start, stop = _ITALIC
    curly = re.sub(r'(^|[\s(\[])"', "\\1\u201c", marked.translate(_HTML))
    curly = curly.replace('"', "\u201d").replace("'", "\u2019")
    blocks = curly.replace(start, "<i>").replace(stop, "</i>").split("\n\n")
    return "".join(f"<p>{block}</p>" for block in blocks)


# -- shared elements ----------------------------------------------------------------------------


def site(source: Source) -> str | None:
    """The publisher as container, in italics, left out when it is also the author (a news agency's own story)."""
    return italic(source.publisher) if source.publisher and source.publisher != source.author else None


def percent_encoded(url: str, characters: str) -> str:
    """The same URL with characters the output format would read escaped the way URLs escape them."""
    return "".join(f"%{ord(char):02X}" if char in characters else char for char in url)


def paragraph(claim: Claim, label: str = "para.") -> str | None:
    """The locator; none when a work is cited whole (one standing in for a source nobody can find)."""
    return f"{label} {claim.para}" if claim.para else None
